"""Turn a visitor's text into safe search terms, and filters into index keys.

Visitors' text never reaches a query language: it is cut to a limit, reduced to word tokens,
and each backend quotes or parameterises those tokens itself. Filters become plain tokens in
the `keys` column ("kindquestion", "tag" + hex of the tag) so FTS5 can filter inside its index.
"""

from __future__ import annotations

import re

from django.conf import settings

WORD = re.compile(r"\w+", re.UNICODE)


def clean_text(text: str | None) -> str:
    """The visitor's text, cut to the limit, without NUL or control characters."""
    text = (text or "")[: settings.SEARCH_MAX_QUERY_LENGTH]
    return "".join(char for char in text if char.isprintable()).strip()


def tokens(text: str | None) -> list[str]:
    """Lower-case word tokens, at most SEARCH_MAX_TERMS of them, duplicates dropped."""
    seen: list[str] = []
    for token in WORD.findall(clean_text(text).lower()):
        token = token.replace("_", "")
        if token and token not in seen:
            seen.append(token)
    return seen[: settings.SEARCH_MAX_TERMS]


def _hex(value: str) -> str:
    return value.strip().lower().encode("utf-8").hex()


def kind_key(kind: str) -> str:
    return "kind" + _hex(kind)


def tag_key(tag: str) -> str:
    return "tag" + _hex(tag)


def area_key(area: str) -> str:
    return "area" + _hex(area)


def answered_key(answered: bool) -> str:
    return "answered" + ("yes" if answered else "no")


def keys_for(kind: str, tags, area: str, answered: bool | None) -> str:
    parts = [kind_key(kind), *(tag_key(tag) for tag in tags if tag.strip())]
    if area.strip():
        parts.append(area_key(area))
    if answered is not None:
        parts.append(answered_key(answered))
    return " ".join(parts)
