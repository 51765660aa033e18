"""Snippets for every backend: a window of the body around the first matching word, escaped, with
<mark> around each word whose analysed term the query holds (so "organising" is marked for
"organize", the way the index matched it). Built here for Elasticsearch too: nothing the cluster
returns is ever marked safe."""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from search import analysis


@lru_cache(maxsize=50_000)
def _terms(word: str) -> frozenset[str]:
    return frozenset(token.term for token in analysis.tokens(word, keep_stop_words=True))


def _matches(word: str, terms: set[str]) -> bool:
    return not _terms(word).isdisjoint(terms)


def snippet(text: str, terms: set[str], words: int = 30) -> SafeString:
    found = [(m.start(), m.end(), m.group()) for m in analysis.WORD.finditer(text or "")]
    if not found:
        return mark_safe("")
    # Only the words up to the first match and the window after it are analysed.
    first = next((i for i, (_, _, word) in enumerate(found) if terms and _matches(word, terms)), 0)
    start = max(first - words // 3, 0)
    html, cursor = [], found[start][0]
    for begin, end, word in found[start : start + words]:
        html.append(escape(text[cursor:begin]))
        html.append(f"<mark>{escape(word)}</mark>" if terms and _matches(word, terms) else escape(word))
        cursor = end
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(found) else escape(text[cursor:].rstrip())
    return mark_safe(prefix + "".join(html) + suffix)
