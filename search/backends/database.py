"""What the two database backends share: rows, the search outline, and the ranking step.

Each backend (search/backends/sqlite.py, search/backends/postgres.py) finds the matches of a
ParsedQuery inside its full-text index, counts them by kind and tag, and hands its best
SEARCH_RERANK_POOL text matches here to be ranked by search/ranking.py. When too few documents
hold every concept, the search is tried again with any concept (a broadened search).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from search import ranking
from search.backends.base import NEWEST, Filters, RawHit, RawResults
from search.models import IndexEntry
from search.query import ParsedQuery

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
    "title_key",
    "title_terms",
    "summary_terms",
    "tags_terms",
    "body_terms",
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

    @property
    def lengths(self) -> tuple[int, int, int, int]:
        return (self.title_terms, self.summary_terms, self.tags_terms, self.body_terms)


def load_rows(ids, title_key: str | None = None) -> dict[int, Row]:
    """The rows of `ids`, and with `title_key` up to 20 rows whose title is that key, read with one
    plain query: a few hundred are read for every search, and the ORM's per-value conversions cost
    more than the query (SQLite returns dates as text)."""
    ids = list(ids)
    if not ids and title_key is None:
        return {}
    columns = ", ".join(["id", *DISPLAY_FIELDS])
    parts, params = [], []
    if ids:
        parts.append(f"SELECT {columns} FROM {TABLE} WHERE id IN ({', '.join(['%s'] * len(ids))})")  # noqa: S608
        params += ids
    if title_key is not None:  # each part reads through its own index; a row in both is read twice
        titled = f"SELECT id FROM {TABLE} WHERE title_key = %s LIMIT 20"  # noqa: S608
        parts.append(f"SELECT {columns} FROM {TABLE} WHERE id IN ({titled})")  # noqa: S608
        params.append(title_key)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    if connection.vendor == "sqlite":
        rows = [_from_sqlite(row) for row in rows]
    return {row[0]: Row(row) for row in rows}


PUBLISHED = DISPLAY_FIELDS.index("published_at") + 1
ANSWERED = DISPLAY_FIELDS.index("answered") + 1
ACCEPTED = DISPLAY_FIELDS.index("accepted") + 1


def _from_sqlite(row: tuple) -> tuple:
    values = list(row)
    published = values[PUBLISHED]
    published = published if isinstance(published, datetime) else datetime.fromisoformat(published)
    values[PUBLISHED] = published if published.tzinfo else published.replace(tzinfo=UTC)
    values[ANSWERED] = None if values[ANSWERED] is None else bool(values[ANSWERED])
    values[ACCEPTED] = bool(values[ACCEPTED])
    return tuple(values)


def scaled(counts: dict[str, int], factor: float) -> dict[str, int]:
    """Counts of a sample scaled to the whole (very broad queries: see estimated_counts)."""
    return {key: max(1, round(count * factor)) for key, count in counts.items() if count}


def sample_counts(rows: list[tuple[str, str]], filters: Filters) -> tuple[dict[str, int], dict[str, int]]:
    """Kinds (all of them) and tags (of the selected kinds) among sampled (kind, tags) rows."""
    kinds: Counter = Counter(kind for kind, _ in rows)
    selected = filters.kind_keys
    tags: Counter = Counter(
        tag
        for kind, tag_text in rows
        if not selected or kind.strip().lower() in selected
        for tag in (tag_text or "").split("\n")
        if tag
    )
    # The most frequent first, ties by name, as the database counts order them.
    return dict(kinds), dict(sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:12])


def selected_total(kind_counts: dict[str, int], filters: Filters) -> int:
    """Matches of the selected kinds (every kind when none is selected)."""
    selected = filters.kind_keys
    return sum(count for kind, count in kind_counts.items() if not selected or kind.strip().lower() in selected)


@dataclass
class Found:
    """One pass over the full-text index: counts, and the window of matches in their final order."""

    total: int
    kind_counts: dict[str, int]
    ranked: list[RawHit] = field(default_factory=list)
    tag_counts: dict[str, int] = field(default_factory=dict)
    estimated: bool = False


class DatabaseBackend:
    name = "database"

    def search(self, query: ParsedQuery, filters: Filters, sort: str, offset: int, limit: int) -> RawResults:
        if not query:
            return RawResults(hits=[], total=0)
        window = max(settings.SEARCH_RERANK_POOL, offset + limit)
        found = self.find(query, filters, sort, window, every=True)
        every_total, broadened = found.total, False
        if found.total < settings.SEARCH_BROADEN_BELOW and len(query.concepts) > 1:
            broader = self.find(query, filters, sort, window, every=False)
            if broader.total > found.total:
                found, broadened = broader, True
        hits = found.ranked[offset : offset + limit]
        self._load_bodies([hit.entry for hit in hits])
        return RawResults(
            hits=hits,
            total=found.total,
            kind_counts=found.kind_counts,
            tag_counts=found.tag_counts,
            estimated=found.estimated,
            broadened=broadened,
            every_total=every_total,
        )

    def find(self, query: ParsedQuery, filters: Filters, sort: str, window: int, every: bool) -> Found:
        raise NotImplementedError

    def rank(self, query: ParsedQuery, filters: Filters, pool: list[int]) -> list[RawHit]:
        """The pool and any page whose title is the query (it may be outside the pool, and is
        read with it in the same query), scored and ranked."""
        exact_key = " ".join(query.terms)
        in_pool = set(pool)
        rows = load_rows(pool, title_key=exact_key[:300])
        rows = {pk: row for pk, row in rows.items() if pk in in_pool or filters.admits(row)}
        candidates = self.candidates(query, rows)
        ordered = ranking.order(candidates, len(query.concepts), exact_key, timezone.now())
        return [RawHit(entry=entry, score=score) for entry, score in ordered]

    def candidates(self, query: ParsedQuery, rows: dict[int, Row]) -> list[ranking.Candidate]:
        """Each row scored from its analysed fields (see search/ranking.py)."""
        raise NotImplementedError

    @staticmethod
    def newest(ids: list[int]) -> list[RawHit]:
        entries = load_rows(ids)
        return [RawHit(entry=entries[pk], score=0.0) for pk in ids if pk in entries]

    @staticmethod
    def _load_bodies(entries: list) -> None:
        """Bodies only for the page shown (for snippets): the re-ranking window never needs them."""
        ids = [entry.pk for entry in entries]
        bodies = dict(IndexEntry.objects.filter(pk__in=ids).values_list("pk", "body"))
        for entry in entries:
            entry.body = bodies.get(entry.pk, "")

    @staticmethod
    def _rows(sql: str, params: list) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @staticmethod
    def is_newest(sort: str) -> bool:
        return sort == NEWEST
