"""The database backends: SQLite FTS5 and PostgreSQL full text over search.IndexEntry.

Both fetch the best SEARCH_RERANK_POOL text matches with the limit applied inside the
full-text index, then re-rank that pool by the hub's quality formula (search/ranking.py).
Facet counts and the total come from one grouped query over every match.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db import connection
from django.utils import timezone

from search import ranking, terms
from search.backends.base import NEWEST, Filters, RawHit, RawResults
from search.models import IndexEntry

TABLE = IndexEntry._meta.db_table


class DatabaseBackend:
    name = "database"

    def search(self, words: list[str], filters: Filters, sort: str, offset: int, limit: int) -> RawResults:
        if not words:
            return RawResults(hits=[], total=0)
        kind_counts = self._kind_counts(words, filters.without_kinds())
        selected = filters.kinds or tuple(kind_counts)
        total = sum(count for kind, count in kind_counts.items() if kind in selected)
        if not total:
            return RawResults(hits=[], total=0, kind_counts=kind_counts)
        tag_counts = self._tag_counts(words, filters)
        if sort == NEWEST:
            hits = self._newest(words, filters, offset, limit)
        else:
            hits = self._by_relevance(words, filters, offset, limit)
        return RawResults(hits=hits, total=total, kind_counts=kind_counts, tag_counts=tag_counts)

    def _by_relevance(self, words, filters, offset, limit) -> list[RawHit]:
        pool = max(settings.SEARCH_RERANK_POOL, offset + limit)
        relevance = dict(self._rows(*self.pool_sql(words, filters, pool)))
        entries = IndexEntry.objects.in_bulk(list(relevance))
        now = timezone.now()
        scored = sorted(
            (RawHit(entry=entry, score=ranking.combined(relevance[pk], entry, now)) for pk, entry in entries.items()),
            key=lambda hit: (-hit.score, -hit.entry.pk),
        )
        return scored[offset : offset + limit]

    def _newest(self, words, filters, offset, limit) -> list[RawHit]:
        ids = [row[0] for row in self._rows(*self.newest_sql(words, filters, offset, limit))]
        entries = IndexEntry.objects.in_bulk(ids)
        return [RawHit(entry=entries[pk], score=0.0) for pk in ids if pk in entries]

    def _kind_counts(self, words, filters) -> dict[str, int]:
        return dict(self._rows(*self.kind_counts_sql(words, filters)))

    def _tag_counts(self, words, filters) -> dict[str, int]:
        counter: Counter = Counter()
        for (tags,) in self._rows(*self.tags_sql(words, filters)):
            counter.update(tag for tag in (tags or "").split("\n") if tag)
        return dict(counter)

    @staticmethod
    def _rows(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class SQLiteBackend(DatabaseBackend):
    """FTS5 with bm25 (title 10, tags 5, body 1); filters are key tokens inside the MATCH."""

    name = "sqlite-fts5"
    BM25 = "bm25(10.0, 5.0, 1.0, 0.0)"

    @staticmethod
    def match(words: list[str], filters: Filters) -> str:
        # Every token is quoted: FTS5 then reads AND, OR, NOT, *, ^, : and brackets as plain words.
        parts = [" ".join(f'"{word}"' for word in words)]
        if filters.kinds:
            parts.append("(" + " OR ".join(f'keys : "{terms.kind_key(kind)}"' for kind in filters.kinds) + ")")
        parts.extend(f'keys : "{terms.tag_key(tag)}"' for tag in filters.tags)
        if filters.area:
            parts.append(f'keys : "{terms.area_key(filters.area)}"')
        if filters.answered is not None:
            parts.append(f'keys : "{terms.answered_key(filters.answered)}"')
        return " AND ".join(f"({part})" for part in parts)

    def pool_sql(self, words, filters, pool):
        sql = "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH %s AND rank MATCH %s ORDER BY rank LIMIT %s"
        return sql, [self.match(words, filters), self.BM25, pool]

    def newest_sql(self, words, filters, offset, limit):
        sql = (
            f"SELECT e.id FROM search_fts JOIN {TABLE} e ON e.id = search_fts.rowid "  # noqa: S608
            "WHERE search_fts MATCH %s ORDER BY e.published_at DESC, e.id DESC LIMIT %s OFFSET %s"
        )
        return sql, [self.match(words, filters), limit, offset]

    def kind_counts_sql(self, words, filters):
        sql = (
            f"SELECT e.kind, count(*) FROM search_fts JOIN {TABLE} e ON e.id = search_fts.rowid "  # noqa: S608
            "WHERE search_fts MATCH %s GROUP BY e.kind"
        )
        return sql, [self.match(words, filters)]

    def tags_sql(self, words, filters):
        sql = (
            f"SELECT e.tags FROM search_fts JOIN {TABLE} e ON e.id = search_fts.rowid "  # noqa: S608
            "WHERE search_fts MATCH %s AND e.tags != ''"
        )
        return sql, [self.match(words, filters)]


class PostgresBackend(DatabaseBackend):
    """tsvector (title A, tags B, body C) with ts_rank_cd; the visitor's words go through
    plainto_tsquery as a bound parameter, never to_tsquery."""

    name = "postgresql"

    @staticmethod
    def where(words: list[str], filters: Filters) -> tuple[str, list]:
        clauses = ["e.search_vector @@ plainto_tsquery('english', %s)"]
        params: list = [" ".join(words)]
        groups = []
        if filters.kinds:
            groups.append("(" + " | ".join(terms.kind_key(kind) for kind in filters.kinds) + ")")
        groups.extend(terms.tag_key(tag) for tag in filters.tags)
        if filters.area:
            groups.append(terms.area_key(filters.area))
        if filters.answered is not None:
            groups.append(terms.answered_key(filters.answered))
        if groups:
            # Keys are hex or fixed words the hub made, never visitor text, so to_tsquery is safe here.
            clauses.append("to_tsvector('simple', e.keys) @@ to_tsquery('simple', %s)")
            params.append(" & ".join(groups))
        return " AND ".join(clauses), params

    def pool_sql(self, words, filters, pool):
        where, params = self.where(words, filters)
        sql = (
            "SELECT e.id, ts_rank_cd(e.search_vector, plainto_tsquery('english', %s)) AS rel "  # noqa: S608
            f"FROM {TABLE} e WHERE {where} ORDER BY rel DESC, e.id DESC LIMIT %s"
        )
        return sql, [" ".join(words), *params, pool]

    def newest_sql(self, words, filters, offset, limit):
        where, params = self.where(words, filters)
        sql = f"SELECT e.id FROM {TABLE} e WHERE {where} ORDER BY e.published_at DESC, e.id DESC LIMIT %s OFFSET %s"  # noqa: S608
        return sql, [*params, limit, offset]

    def kind_counts_sql(self, words, filters):
        where, params = self.where(words, filters)
        return f"SELECT e.kind, count(*) FROM {TABLE} e WHERE {where} GROUP BY e.kind", params  # noqa: S608

    def tags_sql(self, words, filters):
        where, params = self.where(words, filters)
        return f"SELECT e.tags FROM {TABLE} e WHERE {where} AND e.tags <> ''", params  # noqa: S608


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"The hub's search needs SQLite or PostgreSQL, not {connection.vendor}.")
