"""The layers of docs/architecture.md hold: in the import-linter contracts, for every part, in templates.

`lint-imports` (run in the test command's checks) enforces the contracts on Python imports. These
tests make sure a new part cannot slip past them, that a broken contract names the import that broke
it, and that templates follow the same layers ({% load %}, {% include %}, {% extends %}).
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.template import engines

from tests.architecture.project import (
    ROOT,
    contract,
    first_party_apps,
    import_linter_config,
    layer_of,
    may_use,
)

TAG = re.compile(r"{%\s*(load|include|extends)\s+(.*?)\s*%}", re.S)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_every_part_of_the_hub_is_under_the_contracts():
    apps = first_party_apps()
    assert {"hub", "home", "wiki", "qa", "profiles", "search"} <= set(apps)
    missing = {
        "root_packages": [app for app in apps if app not in import_linter_config()["root_packages"]],
        "layers": [app for app in apps if layer_of(app) is None],
        "no-cycles ancestors": [app for app in apps if app not in contract("no-cycles")["ancestors"]],
        "settings-through-django source_modules": [
            app for app in apps if app not in contract("settings-through-django")["source_modules"]
        ],
    }
    assert {key: value for key, value in missing.items() if value} == {}, (
        "Add each new part to [tool.importlinter] in pyproject.toml (see CONTRIBUTING.md)."
    )


def test_siblings_may_not_use_each_other_and_lower_layers_not_upper_ones():
    assert may_use("home", "qa") and may_use("qa", "search") and may_use("search", "hub")
    assert not may_use("qa", "profiles") and not may_use("wiki", "qa")
    assert not may_use("hub", "qa") and not may_use("search", "wiki")


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is installed by requirements-dev.txt")
def test_a_sibling_import_breaks_the_layers_contract_and_names_the_import(tmp_path):
    """The real contracts, run on a small copy of the layout where qa imports profiles."""
    for app in import_linter_config()["root_packages"]:
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "models.py").write_text("")
    (tmp_path / "profiles" / "selectors.py").write_text("")
    (tmp_path / "qa" / "views.py").write_text("from hub import models\n\nfrom profiles import selectors\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "qa is not allowed to import profiles" in result.stdout
    assert "qa.views -> profiles.selectors (l.3)" in result.stdout


def _template_app(name: str) -> str | None:
    """The hub part whose templates folder holds template `name` (None: a library's template)."""
    return next((app for app in first_party_apps() if (ROOT / app / "templates" / name).exists()), None)


def _library_app(name: str) -> str | None:
    module = engines["django"].engine.libraries.get(name, "")
    package = module.split(".")[0]
    return package if package in first_party_apps() else None


def _uses(tag: str, argument: str) -> list[tuple[str, str]]:
    """(what, part) for each hub part that one {% load %}, {% include %} or {% extends %} uses."""
    if tag == "load":
        names = argument.split(" from ")[-1].split() if " from " in argument else argument.split()
        return [(f"{{% load {name} %}}", app) for name in names if (app := _library_app(name))]
    literal = re.match(r"""["']([^"']+)["']""", argument)
    app = _template_app(literal.group(1)) if literal else None
    return [(f"{{% {tag} {literal.group(1)} %}}", app)] if app else []


def test_templates_only_use_tag_libraries_and_templates_of_their_own_or_lower_layers():
    offenders = []
    for app in first_party_apps():
        for path in sorted((ROOT / app / "templates").rglob("*.html")):
            text = path.read_text()
            for match in TAG.finditer(text):
                for what, used in _uses(match.group(1), match.group(2)):
                    if not may_use(app, used):
                        line = text.count("\n", 0, match.start()) + 1
                        offenders.append(f"{path.relative_to(ROOT)}:{line}: {what} belongs to {used}")
    assert offenders == []


def test_the_template_check_sees_what_templates_use():
    assert _uses("load", "static hub_tags qa_tags") == [("{% load hub_tags %}", "hub"), ("{% load qa_tags %}", "qa")]
    assert _uses("include", '"qa/includes/post_tools.html"') == [("{% include qa/includes/post_tools.html %}", "qa")]
    assert _uses("extends", '"base.html"') == [("{% extends base.html %}", "hub")]
    assert _uses("include", "section.template with section=section.context") == []


def test_every_import_inside_a_function_says_why():
    """PLC0415 (ruff) refuses imports inside functions; each allowed one carries a reason."""
    bare = []
    for app in first_party_apps():
        for path in sorted((ROOT / app).rglob("*.py")):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if "noqa: PLC0415" in line and not re.search(r"noqa: PLC0415 - \w+", line):
                    bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert bare == []
