"""The database backends: SQLite FTS5 and PostgreSQL full text over search.IndexEntry.

Both fetch the best SEARCH_RERANK_POOL text matches with the limit applied inside the
full-text index, then re-rank that pool by the hub's quality formula (search/ranking.py).
Facet counts and the total come from one grouped query over every match.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.conf import settings
from django.db import connection
from django.utils import timezone

from search import ranking, store, terms
from search.backends.base import NEWEST, Filters, RawHit, RawResults
from search.models import IndexEntry

TABLE = IndexEntry._meta.db_table
# Everything a result shows or the ranking needs; the body is loaded for the shown page only.
DISPLAY_FIELDS = [
    "kind",
    "object_id",
    "title",
    "url",
    "tags",
    "area",
    "answered",
    "accepted",
    "rating_score",
    "author_score",
    "published_at",
    "parent_title",
    "parent_url",
]


class Row:
    """An index entry as the ranking and the results page need it: lighter than a model instance,
    which matters when a few hundred are loaded for every search."""

    __slots__ = ("pk", *DISPLAY_FIELDS, "body")

    def __init__(self, values):
        for name, value in zip(("pk", *DISPLAY_FIELDS), values, strict=True):
            setattr(self, name, value)
        self.body = ""

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split("\n") if tag]


def load_rows(ids) -> dict[int, Row]:
    return {
        values[0]: Row(values) for values in IndexEntry.objects.filter(pk__in=ids).values_list("pk", *DISPLAY_FIELDS)
    }


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
        window = max(settings.SEARCH_RERANK_POOL, offset + limit)
        rank = self._newest if sort == NEWEST else self._by_relevance
        ranked = rank(words, filters, window, self._floor(words, filters, total))
        hits = ranked[offset : offset + limit]
        self._load_bodies([hit.entry for hit in hits])
        tag_counts = self._tag_counts(words, filters, [hit.entry for hit in ranked], total)
        return RawResults(hits=hits, total=total, kind_counts=kind_counts, tag_counts=tag_counts)

    def _floor(self, words, filters, total: int) -> int | None:
        """For very broad queries, the lowest row id worth ranking (None: rank every match)."""
        return None

    def _by_relevance(self, words, filters, window, floor=None) -> list[RawHit]:
        """The best `window` text matches (limit applied inside the full-text index), re-ranked by quality."""
        relevance = dict(self._rows(*self.pool_sql(words, filters, window, floor)))
        entries = load_rows(list(relevance))
        now = timezone.now()
        return sorted(
            (RawHit(entry=entry, score=ranking.combined(relevance[pk], entry, now)) for pk, entry in entries.items()),
            key=lambda hit: (-hit.score, -hit.entry.pk),
        )

    def _newest(self, words, filters, window, floor=None) -> list[RawHit]:
        ids = [row[0] for row in self._rows(*self.newest_sql(words, filters, window, floor))]
        entries = load_rows(ids)
        return [RawHit(entry=entries[pk], score=0.0) for pk in ids if pk in entries]

    @staticmethod
    def _load_bodies(entries: list) -> None:
        """Bodies only for the page shown (for snippets): the re-ranking window never needs them."""
        bodies = dict(IndexEntry.objects.filter(pk__in=[entry.pk for entry in entries]).values_list("pk", "body"))
        for entry in entries:
            entry.body = bodies.get(entry.pk, "")

    def _kind_counts(self, words, filters) -> dict[str, int]:
        return dict(self._rows(*self.kind_counts_sql(words, filters)))

    def _tag_counts(self, words, filters, window: list, total: int) -> dict[str, int]:
        return dict(self._rows(*self.tag_counts_sql(words, filters)))

    @staticmethod
    def _rows(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class SQLiteBackend(DatabaseBackend):
    """FTS5 with bm25 (title 10, tags 5, body 1); filters are key tokens inside the MATCH."""

    name = "sqlite-fts5"
    BM25 = "bm25(10.0, 5.0, 1.0, 0.0)"
    TAG_CANDIDATES = 12

    def _kind_counts(self, words, filters) -> dict[str, int]:
        """One count per kind, each a filter token inside the MATCH: FTS5 counts doclist entries
        without reading a single row, where a GROUP BY would join every match."""
        kinds = store.indexed_kinds()
        counts = self._count_each(words, [replace(filters, kinds=(kind,)) for kind in kinds], kinds)
        return {kind: count for kind, count in counts.items() if count}

    def _tag_counts(self, words, filters, window: list, total: int) -> dict[str, int]:
        """Exact counts: from the window itself when it holds every match, otherwise one FTS5 count
        for each of the tags most frequent in the window (the best or newest matches)."""
        counter: Counter = Counter(tag for entry in window for tag in entry.tag_list)
        if total <= len(window):
            return dict(counter)
        tags = [tag for tag, _ in counter.most_common(self.TAG_CANDIDATES)]
        counts = self._count_each(words, [replace(filters, tags=(*filters.tags, tag)) for tag in tags], tags)
        return {tag: count for tag, count in counts.items() if count}

    def _count_each(self, words, variants: list[Filters], labels: list[str]) -> dict[str, int]:
        if not variants:
            return {}
        sql = " UNION ALL ".join(["SELECT %s, count(*) FROM search_fts WHERE search_fts MATCH %s"] * len(variants))
        params = [
            value
            for label, variant in zip(labels, variants, strict=True)
            for value in (label, self.match(words, variant))
        ]
        return dict(self._rows(sql, params))

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

    def _floor(self, words, filters, total: int) -> int | None:
        """FTS5 has no early exit for ranked queries: bm25 is computed for every match, which costs
        ~2 ms per 1,000 matches. Past SEARCH_BROAD_MATCHES matches only the most recently indexed
        that many are ranked; walking the doclist in row id order to find where they start is cheap."""
        broad = settings.SEARCH_BROAD_MATCHES
        if total <= broad:
            return None
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s"
        rows = self._rows(sql, [self.match(words, filters), broad - 1])
        return rows[0][0] if rows else None

    def pool_sql(self, words, filters, pool, floor=None):
        sql = "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH %s AND rank MATCH %s AND rowid >= %s "
        return sql + "ORDER BY rank LIMIT %s", [self.match(words, filters), self.BM25, floor or 0, pool]

    def newest_sql(self, words, filters, limit, floor=None):
        sql = (
            f"SELECT e.id FROM search_fts JOIN {TABLE} e ON e.id = search_fts.rowid "  # noqa: S608
            "WHERE search_fts MATCH %s AND search_fts.rowid >= %s ORDER BY e.published_at DESC, e.id DESC LIMIT %s"
        )
        return sql, [self.match(words, filters), floor or 0, limit]


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

    def _floor(self, words, filters, total: int) -> int | None:
        """ts_rank_cd reads every matching row's vector; past SEARCH_BROAD_MATCHES matches only the
        most recently indexed that many are ranked, as on SQLite (ADR 0040)."""
        broad = settings.SEARCH_BROAD_MATCHES
        if total <= broad:
            return None
        where, params = self.where(words, filters)
        # MATERIALIZED keeps the planner on the GIN bitmap: walking the id index backwards would
        # test every row's (TOASTed) vector until enough matched, ten times slower.
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.id FROM {TABLE} e WHERE {where}) "  # noqa: S608
            "SELECT id FROM m ORDER BY id DESC LIMIT 1 OFFSET %s"
        )
        rows = self._rows(sql, [*params, broad - 1])
        return rows[0][0] if rows else None

    def pool_sql(self, words, filters, pool, floor=None):
        where, params = self.where(words, filters)
        sql = (
            "SELECT e.id, ts_rank_cd(e.search_vector, plainto_tsquery('english', %s)) AS rel "  # noqa: S608
            f"FROM {TABLE} e WHERE {where} AND e.id >= %s ORDER BY rel DESC, e.id DESC LIMIT %s"
        )
        return sql, [" ".join(words), *params, floor or 0, pool]

    def newest_sql(self, words, filters, limit, floor=None):
        where, params = self.where(words, filters)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.id, e.published_at FROM {TABLE} e WHERE {where}) "  # noqa: S608
            "SELECT id FROM m ORDER BY published_at DESC, id DESC LIMIT %s"
        )
        return sql, [*params, limit]

    def kind_counts_sql(self, words, filters):
        where, params = self.where(words, filters)
        return f"SELECT e.kind, count(*) FROM {TABLE} e WHERE {where} GROUP BY e.kind", params  # noqa: S608

    def tag_counts_sql(self, words, filters, limit: int = 12):
        where, params = self.where(words, filters)
        sql = (
            f"SELECT t.tag, count(*) FROM {TABLE} e "  # noqa: S608
            "CROSS JOIN LATERAL unnest(string_to_array(e.tags, E'\\n')) AS t(tag) "
            f"WHERE {where} AND e.tags <> '' GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT %s"
        )
        return sql, [*params, limit]


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"The hub's search needs SQLite or PostgreSQL, not {connection.vendor}.")
