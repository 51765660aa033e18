"""One place to turn what people write in Markdown into safe HTML.

wagtail-markdown turns the text into HTML (its extensions and settings.WAGTAILMARKDOWN's Markdown
options), then the hub's one sanitising rule cleans it (hub/sanitise.py).
Apps that extend Markdown (wiki links) register a pre-processor with `register_preprocessor`.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

# wagtail-markdown's Markdown step alone (its own sanitising step has no class or id rules); pinned
# in requirements.txt, and every Markdown test goes through it.
from wagtailmarkdown.utils import _transform_markdown_into_html as markdown_to_html

from hub.sanitise import clean

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
    return mark_safe(clean(markdown_to_html(text or "")))


def normalise_newlines(text: str | None) -> str:
    """LF line endings only: browsers submit a textarea's line breaks as CRLF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")
