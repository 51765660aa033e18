"""Suggestions for the search box: titles whose words start with what the visitor typed, and
the tags of those titles. Always answered from the database index (it is quick and local), so
suggestions keep working whatever happens to Elasticsearch."""

from __future__ import annotations

from django.db import connection

from search import registry, terms
from search.models import IndexEntry

TABLE = IndexEntry._meta.db_table


def suggestions(query: str, limit: int) -> dict:
    words = terms.tokens(query)
    if not words:
        return {"query": "", "titles": [], "tags": []}
    sql, params = _sql(words, limit * 2)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    prefix = words[-1]
    titles, tags = [], []
    for title, url, kind, tag_text in rows:
        if len(titles) < limit:
            titles.append({"title": title, "url": url, "kind": kind, "label": _label(kind)})
        for tag in tag_text.split("\n"):
            if tag and tag not in tags and any(part.startswith(prefix) for part in terms.tokens(tag)):
                tags.append(tag)
    return {"query": terms.clean_text(query), "titles": titles, "tags": tags[:limit]}


def _label(kind: str) -> str:
    adapter = registry.adapter_for_kind(kind)
    return adapter.label if adapter and adapter.label else kind.title()


def _sql(words: list[str], limit: int) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return _postgres_sql(words, limit)
    # Each token quoted, the last one a prefix: "{title tags}" restricts the match to those columns.
    match = " AND ".join(f'{{title tags}} : "{word}"' for word in words[:-1])
    last = f'{{title tags}} : "{words[-1]}" *'
    match = f"{match} AND {last}" if match else last
    sql = (
        f"SELECT e.title, e.url, e.kind, e.tags FROM {TABLE} e WHERE e.id IN ("  # noqa: S608
        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rank MATCH 'bm25(10.0, 5.0, 1.0, 0.0)' "
        "ORDER BY rank LIMIT %s) ORDER BY e.rating_score DESC, e.published_at DESC"
    )
    return sql, [match, limit]


def _postgres_sql(words: list[str], limit: int) -> tuple[str, list]:
    # The prefix word is a bound parameter turned into one quoted lexeme by quote_literal:
    # whatever it contains, to_tsquery sees a single literal term, never operators.
    prefix = "to_tsquery('simple', quote_literal(%s) || ':*')"
    condition = f"e.search_vector @@ {prefix}"
    params: list = [words[-1]]
    if len(words) > 1:
        condition = f"e.search_vector @@ (plainto_tsquery('english', %s) && {prefix})"
        params = [" ".join(words[:-1]), words[-1]]
    sql = (
        f"SELECT e.title, e.url, e.kind, e.tags FROM {TABLE} e WHERE {condition} "  # noqa: S608
        "ORDER BY e.rating_score DESC, e.published_at DESC LIMIT %s"
    )
    return sql, [*params, limit]
