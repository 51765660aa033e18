"""One place to turn what people write in Markdown into safe HTML.

wagtail-markdown turns the text into HTML (its extensions and settings.WAGTAILMARKDOWN's Markdown
options), then the hub's one sanitising rule cleans it (hub/sanitise.py).
Apps that extend Markdown (wiki links) register a pre-processor with `register_preprocessor`.
"""

import functools
import hashlib
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

# wagtail-markdown's Markdown step alone (its own sanitising step has no class or id rules); pinned
# in requirements.txt, and every Markdown test goes through it.
from wagtailmarkdown.utils import _transform_markdown_into_html as markdown_to_html

from hub import sanitise
from hub.sanitise import clean

# Rendered HTML is kept per process, keyed by the text after the pre-processors (so a wiki link
# that now finds its page renders again) and by the sanitiser's version: a change to the
# allow-list can never serve HTML cleaned by the old one. Bounded, so a worker's memory stays flat.
RENDERED_KEPT = 2048
_preprocessors: list[Callable[[str, dict], str]] = []


def register_preprocessor(func: Callable[[str, dict], str]) -> Callable[[str, dict], str]:
    """Register a function(text, context) -> text that runs before rendering."""
    if func not in _preprocessors:
        _preprocessors.append(func)
    return func


def render(text: str, context: dict | None = None) -> SafeString:
    context = context or {}
    for preprocess in _preprocessors:
        text = preprocess(text, context)
    return mark_safe(_to_html(text or "", sanitiser_version()))


@functools.cache
def sanitiser_version() -> str:
    """Changes with the sanitiser's rules (its module), nh3, wagtail-markdown or its settings."""
    digest = hashlib.sha256(Path(sanitise.__file__).read_bytes())
    digest.update(f"{version('nh3')} {version('wagtail-markdown')} {settings.WAGTAILMARKDOWN!r}".encode())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=RENDERED_KEPT)
def _to_html(text: str, sanitiser_version: str) -> str:
    """Markdown to clean HTML: a pure function of the text and the sanitiser, so it is kept."""
    return clean(markdown_to_html(text))


def normalise_newlines(text: str | None) -> str:
    """LF line endings only: browsers submit a textarea's line breaks as CRLF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")
