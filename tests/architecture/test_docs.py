"""What the docs name exists: every module path, dotted module and template tag in docs/, docs/adr/,
README.md and CONTRIBUTING.md points at something in the code.

Docs drift when code moves (issue 16: an ADR named a template tag that no longer existed, a model
pointed at a module that did not exist). Names are read from inline code (`...`) only, so prose
can talk about things freely; a name in code formatting is a promise that it exists.
"""

import importlib
import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.template import engines

from tests.architecture.project import ROOT, first_party_apps

DOCS = sorted(
    [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "docs" / "adr").glob("*.md")]
)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
# Top-level folders of this repository that a path in the docs may start with.
# Folders made at run time (var/ holds the database, media and caches) are not promises of the code.
RUNTIME = {"var", "node_modules", "static_collected"}
TOP_LEVEL = {path.name for path in ROOT.iterdir() if path.is_dir() and not path.name.startswith(".")} - RUNTIME
PATH = re.compile(r"^(?P<path>[A-Za-z_][\w.-]*(?:/[\w.*-]+)+/?)(?::\d+)?$")
DOTTED = re.compile(r"^(?P<name>[a-z_]+(?:\.[A-Za-z_]\w*)+)(?:\(\))?$")
TEMPLATE_TAG = re.compile(r"{%\s*(?P<tag>\w+)")
# Suffixes that make a dotted word a file name or a setting, not a module (`settings.py` is a path).
NOT_MODULES = (".py", ".md", ".html", ".txt", ".toml", ".json", ".yml", ".yaml", ".css", ".js", ".svg", ".po", ".mo")


def inline_code(doc: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", doc.read_text(), flags=re.S)  # fenced blocks hold commands and output
    return INLINE_CODE.findall(text)


@cache
def template_tags() -> frozenset[str]:
    """Every tag the template engine knows: built-ins and every library an app registers."""
    engine = engines["django"].engine
    names = {name for library in engine.template_builtins for name in library.tags}
    for module in engine.template_libraries.values():
        names |= set(module.tags)
    return frozenset(names)


def resolves(dotted: str) -> bool:
    """A model label (`hub.User`), a module, or an attribute of one (`hub.tasks.retrying_task`)."""
    parts = dotted.split(".")
    if len(parts) == 2:
        try:
            apps.get_model(dotted)
        except LookupError:
            pass
        else:
            return True
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def names_in(doc: Path, kind: str) -> list[str]:
    found = []
    for code in inline_code(doc):
        if kind == "tag":
            found += TEMPLATE_TAG.findall(code)
            continue
        word = code.strip()
        placeholder = "<" in word or "*" in word
        if kind == "path" and (match := PATH.match(word)) and word.split("/")[0] in TOP_LEVEL and not placeholder:
            found.append(match["path"])
        first_party = word.split(".")[0] in first_party_apps()
        if kind == "module" and (match := DOTTED.match(word)) and first_party and not word.endswith(NOT_MODULES):
            found.append(match["name"])
    return found


def exists(path: str) -> bool:
    """A file or folder, or the start of a file name (`search/migrations/0002` for its migration)."""
    target = ROOT / path.rstrip("/")
    return target.exists() or any(target.parent.glob(target.name + "_*"))


def ids(docs):
    return [str(doc.relative_to(ROOT)) for doc in docs]


def test_the_docs_are_read():
    """The readers below find names at all: a regex that matched nothing would pass every doc."""
    architecture = ROOT / "docs" / "architecture.md"
    assert names_in(architecture, "path") and names_in(architecture, "module")
    assert any(names_in(doc, "tag") for doc in DOCS)


@pytest.mark.parametrize("doc", DOCS, ids=ids(DOCS))
def test_every_path_named_in_the_docs_exists(doc):
    missing = [path for path in names_in(doc, "path") if not exists(path)]
    assert missing == [], f"{doc.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=ids(DOCS))
def test_every_module_named_in_the_docs_imports(doc):
    missing = [name for name in names_in(doc, "module") if not resolves(name)]
    assert missing == [], f"{doc.name} names modules or attributes that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=ids(DOCS))
def test_every_template_tag_named_in_the_docs_is_registered(doc):
    missing = [tag for tag in names_in(doc, "tag") if tag not in template_tags() and not tag.startswith("end")]
    assert missing == [], f"{doc.name} names template tags no library registers: {missing}"
