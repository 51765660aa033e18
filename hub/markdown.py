"""One place to turn what people write in Markdown into safe HTML.

wagtail-markdown renders and nh3 sanitises with the allow-list in settings.WAGTAILMARKDOWN.
Apps that extend Markdown (wiki links) register a pre-processor with `register_preprocessor`.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString
from wagtailmarkdown.utils import render_markdown

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
    return render_markdown(text or "")


def normalise_newlines(text: str | None) -> str:
    """LF line endings only: browsers submit a textarea's line breaks as CRLF."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")
