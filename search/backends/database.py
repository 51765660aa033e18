"""The database backends: SQLite FTS5 and PostgreSQL full text over search.IndexEntry.

Both fetch the best SEARCH_RERANK_POOL text matches with the limit applied inside the
full-text index, then re-rank that pool by the hub's quality formula (search/ranking.py).
Facet counts and the total come from one grouped query over every match.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import replace

from django.conf import settings
from django.db import connection, transaction
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


def normal_kinds(filters: Filters) -> tuple[str, ...]:
    # The same normalisation as the kind keys (terms.kind_key), so ?type=Question still matches.
    return tuple(kind.strip().lower() for kind in filters.kinds)


def selected_total(kind_counts: dict[str, int], filters: Filters) -> int:
    """Matches of the selected kinds (every kind when none is selected)."""
    selected = normal_kinds(filters)
    return sum(count for kind, count in kind_counts.items() if not selected or kind.strip().lower() in selected)


class DatabaseBackend:
    name = "database"

    def search(self, words: list[str], filters: Filters, sort: str, offset: int, limit: int) -> RawResults:
        if not words:
            return RawResults(hits=[], total=0)
        kind_counts = self._kind_counts(words, filters.without_kinds())
        total = selected_total(kind_counts, filters)
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
    plainto_tsquery as a bound parameter, never to_tsquery.

    One statement per search (ADR 0041): the matches are collected once from the GIN bitmap into
    a MATERIALIZED CTE of narrow columns (id, kind, tags, published_at); kind counts, tag counts
    and the candidates to rank all come from it, and ts_rank_cd reads the stored vector only for
    the candidates (the newest SEARCH_BROAD_MATCHES matches). Before, every match's heap row was
    read three times (kind counts, floor, tag counts), and the planner liked a sequential scan
    that decompressed every row's vector to test it."""

    name = "postgresql"
    # Session settings for the one search statement, restored afterwards (see _planner_settings).
    PLANNER = {"enable_seqscan": "off", "work_mem": "64MB", "jit": "off"}
    TAG_FACETS = 12

    def search(self, words: list[str], filters: Filters, sort: str, offset: int, limit: int) -> RawResults:
        if not words:
            return RawResults(hits=[], total=0)
        window = max(settings.SEARCH_RERANK_POOL, offset + limit)
        sql, params = self.search_sql(words, filters, sort, window)
        with self._planner_settings():
            rows = self._rows(sql, params)
        kind_counts = {label: count for part, label, count, _ in rows if part == "kind"}
        tag_counts = {label: count for part, label, count, _ in rows if part == "tag"}
        total = selected_total(kind_counts, filters)
        if not total:
            return RawResults(hits=[], total=0, kind_counts=kind_counts)
        found = {pk: relevance for part, _, pk, relevance in rows if part == "hit"}
        ranked = self._order(found, sort)
        hits = ranked[offset : offset + limit]
        self._load_bodies([hit.entry for hit in hits])
        return RawResults(hits=hits, total=total, kind_counts=kind_counts, tag_counts=tag_counts)

    @staticmethod
    def _order(found: dict[int, float | None], sort: str) -> list[RawHit]:
        entries = load_rows(list(found))
        if sort == NEWEST:
            newest = sorted(entries.values(), key=lambda entry: (entry.published_at, entry.pk), reverse=True)
            return [RawHit(entry=entry, score=0.0) for entry in newest]
        now = timezone.now()
        return sorted(
            (RawHit(entry=entry, score=ranking.combined(found[pk], entry, now)) for pk, entry in entries.items()),
            key=lambda hit: (-hit.score, -hit.entry.pk),
        )

    @contextmanager
    def _planner_settings(self):
        """SET LOCAL for one statement. The planner prices `@@` as cheap and, for a word in most
        documents, prefers a sequential scan that decompresses every row's vector (twice as slow
        as the GIN bitmap, which needs no recheck for plain word queries); work_mem keeps the
        collected matches in memory. Inside an outer transaction the old values are put back."""
        names = list(self.PLANNER)
        nested = connection.in_atomic_block
        with transaction.atomic():
            with connection.cursor() as cursor:
                current = ", ".join("current_setting(%s)" for _ in names)
                changes = ", ".join("set_config(%s, %s, true)" for _ in names)
                cursor.execute(
                    f"SELECT {current}, {changes}",
                    [*names, *(value for name in names for value in (name, self.PLANNER[name]))],
                )
                previous = cursor.fetchone()[: len(names)]
            yield
            if nested:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
                        [value for pair in zip(names, previous, strict=True) for value in pair],
                    )

    @staticmethod
    def _kinds(filters: Filters) -> tuple[str, ...]:
        return normal_kinds(filters)

    @staticmethod
    def where(words: list[str], filters: Filters) -> tuple[str, list]:
        """Matches for the words and every filter except kinds (kind counts are taken before them)."""
        clauses = ["e.search_vector @@ plainto_tsquery('english', %s)"]
        params: list = [" ".join(words)]
        groups = [terms.tag_key(tag) for tag in filters.tags]
        if filters.area:
            groups.append(terms.area_key(filters.area))
        if filters.answered is not None:
            groups.append(terms.answered_key(filters.answered))
        if groups:
            # Keys are hex or fixed words the hub made, never visitor text, so to_tsquery is safe here.
            clauses.append("to_tsvector('simple', e.keys) @@ to_tsquery('simple', %s)")
            params.append(" & ".join(groups))
        return " AND ".join(clauses), params

    def search_sql(self, words: list[str], filters: Filters, sort: str, window: int) -> tuple[str, list]:
        """One statement, rows of (part, label, number, relevance): part "kind" (label, count),
        "tag" (label, count; the TAG_FACETS largest) and "hit" (number = entry id, with its
        ts_rank_cd relevance when sorting by relevance). Grouping by (kind, tags) first was
        measured slower: at 100,000 documents there are tens of thousands of such groups."""
        where, params = self.where(words, filters)
        kinds = self._kinds(filters)
        selected = "lower(btrim(kind)) = ANY(%s)" if kinds else "TRUE"
        selected_params = [list(kinds)] if kinds else []
        sql = (
            "WITH m AS MATERIALIZED ("  # noqa: S608 - table name and fixed clauses only
            f"SELECT e.kind, e.id, e.tags, e.published_at FROM {TABLE} e WHERE {where}) "
            "SELECT 'kind', kind, count(*), NULL::float8 FROM m GROUP BY kind "
            # unnest in the select list (ProjectSet), not a LATERAL function scan set up per row.
            "UNION ALL (SELECT 'tag', tag, count(*), NULL::float8 FROM ("
            "SELECT unnest(string_to_array(tags, E'\\n')) AS tag FROM m "
            f"WHERE tags <> '' AND {selected}) t GROUP BY tag ORDER BY count(*) DESC, tag LIMIT %s) "
        )
        params = [*params, *selected_params, self.TAG_FACETS]
        if sort == NEWEST:
            sql += (
                f"UNION ALL (SELECT 'hit', NULL, id, NULL::float8 FROM m WHERE {selected} "  # noqa: S608
                "ORDER BY published_at DESC, id DESC LIMIT %s)"
            )
            return sql, [*params, *selected_params, window]
        # Only the newest SEARCH_BROAD_MATCHES matches are ranked (ADR 0040); their vectors are
        # read by primary key (an id array: a join walked the whole primary key backwards, and the
        # GIN bitmap ANDed with an id range left some queries to a primary key walk, 250 ms).
        # Every other match's vector is never read.
        sql += (
            "UNION ALL (SELECT 'hit', NULL, e.id, ts_rank_cd(e.search_vector, plainto_tsquery('english', %s)) "  # noqa: S608
            f"FROM {TABLE} e WHERE e.id = ANY(ARRAY(SELECT id FROM m WHERE {selected} ORDER BY id DESC LIMIT %s)) "
            "ORDER BY 4 DESC, 3 DESC LIMIT %s)"
        )
        return sql, [*params, " ".join(words), *selected_params, settings.SEARCH_BROAD_MATCHES, window]


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"The hub's search needs SQLite or PostgreSQL, not {connection.vendor}.")
