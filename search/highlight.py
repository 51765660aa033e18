"""Snippets for the database backends: a window of the body around the first matching word,
escaped, with <mark> around every word that starts with a search term (so "organis" marks
"organising" the way the stemmer matched it)."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"\w+", re.UNICODE)


def _stem(term: str) -> str:
    # A crude stem: enough to mark "organising" for "organise"; the index's stemmer did the matching.
    return term[:-1] if len(term) > 4 and term.endswith(("e", "s")) else term


def snippet(text: str, terms: list[str], words: int = 30) -> SafeString:
    stems = tuple(_stem(term.lower()) for term in terms if term)
    found = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text or "")]
    if not found:
        return mark_safe("")
    first = next((i for i, (_, _, word) in enumerate(found) if stems and word.lower().startswith(stems)), 0)
    start = max(first - words // 3, 0)
    window = found[start : start + words]
    html, cursor = [], window[0][0]
    for begin, end, word in window:
        html.append(escape(text[cursor:begin]))
        html.append(f"<mark>{escape(word)}</mark>" if stems and word.lower().startswith(stems) else escape(word))
        cursor = end
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(found) else ""
    return mark_safe(prefix + "".join(html) + suffix)
