"""Suggestions for the search box: titles whose words start with what the visitor typed, of every
kind (articles, debates, documents, questions, answers' questions, profiles), and their tags.

Titles are matched as written (no stemming: the visitor is still typing), the last word as a
prefix, best title matches first, with no more than `PER_KIND` of one kind while others wait,
so a busy forum cannot crowd out the wiki. Always answered from the database index (quick and
local), so suggestions keep working whatever happens to Elasticsearch.
"""

from __future__ import annotations

import re

from django.db import connection

from search import analysis, registry, terms
from search.models import IndexEntry

TABLE = IndexEntry._meta.db_table
PER_KIND = 3


def _words(query: str) -> list[str]:
    words = []
    for match in analysis.WORD.finditer(analysis.fold(terms.clean_text(query))):
        words.extend(part for part in re.split(r"['’‘-]", match.group()) if part)
    return list(dict.fromkeys(words))[:8]


def suggestions(query: str, limit: int) -> dict:
    words = _words(query)
    if not words:
        return {"query": "", "titles": [], "tags": []}
    sql, params = _sql(words, limit * 4)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    prefix = words[-1]
    titles = [{"title": title, "url": url, "kind": kind, "label": _label(kind)} for title, url, kind, _ in rows]
    tags = []
    for *_, tag_text in rows:
        for tag in tag_text.split("\n"):
            if tag and tag not in tags and any(part.startswith(prefix) for part in _words(tag)):
                tags.append(tag)
    return {"query": terms.clean_text(query), "titles": mixed(titles, limit), "tags": tags[:limit]}


def mixed(titles: list[dict], limit: int) -> list[dict]:
    """Best first, at most PER_KIND of a kind until every kind had its turn, then the rest."""
    chosen, waiting, per_kind = [], [], {}
    for title in titles:
        if per_kind.get(title["kind"], 0) < PER_KIND:
            per_kind[title["kind"]] = per_kind.get(title["kind"], 0) + 1
            chosen.append(title)
        else:
            waiting.append(title)
    return (chosen + waiting)[:limit]


def _label(kind: str) -> str:
    adapter = registry.adapter_for_kind(kind)
    return adapter.label if adapter and adapter.label else kind.title()


def _sql(words: list[str], limit: int) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return _postgres_sql(words, limit)
    # Each word quoted, the last one a prefix, over raw titles and tags (search_titles).
    match = " AND ".join([*(f'"{word}"' for word in words[:-1]), f'"{words[-1]}" *'])
    sql = (
        f"SELECT e.title, e.url, e.kind, e.tags FROM search_titles JOIN {TABLE} e "  # noqa: S608
        "ON e.id = search_titles.rowid WHERE search_titles MATCH %s "
        "ORDER BY bm25(search_titles, 5.0, 1.0), e.published_at DESC LIMIT %s"
    )
    return sql, [match, limit]


def _postgres_sql(words: list[str], limit: int) -> tuple[str, list]:
    # Words are letters and digits only (analysis.WORD, split at apostrophes and hyphens), each
    # quoted as one lexeme: to_tsquery sees literal terms, never operators.
    tsquery = " & ".join([*(f"'{word}'" for word in words[:-1]), f"'{words[-1]}':*"])
    vector = "to_tsvector('simple', e.title || ' ' || e.tags)"
    sql = (
        f"SELECT e.title, e.url, e.kind, e.tags FROM {TABLE} e "  # noqa: S608
        f"WHERE {vector} @@ to_tsquery('simple', %s) "
        f"ORDER BY ts_rank({vector}, to_tsquery('simple', %s)) DESC, e.published_at DESC LIMIT %s"
    )
    return sql, [tsquery, tsquery, limit]
