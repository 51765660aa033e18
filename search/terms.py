"""Turn a visitor's text into safe search terms, and filters into index keys.

Visitors' text never reaches a query language: it is cut to a limit here, analysed into terms
(search/analysis.py, search/query.py), and each backend quotes or binds those terms itself.
Filters become plain tokens in the `keys` column ("kindquestion", "tag" + hex of the tag) so
FTS5 can filter inside its index.
"""

from __future__ import annotations

from django.conf import settings


def clean_text(text: str | None) -> str:
    """The visitor's text, cut to the limit, without NUL or control characters."""
    text = (text or "")[: settings.SEARCH_MAX_QUERY_LENGTH]
    return "".join(char for char in text if char.isprintable()).strip()


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
