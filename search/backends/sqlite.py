"""SQLite FTS5 over the analysed text in `search_fts` (title, summary, tags, body, keys).

Every term is a quoted FTS5 string restricted to the text columns, so the visitor's words can
never act as FTS5 syntax or match a filter key. Filters are key tokens in the `keys` column,
matched inside the index. Counts per kind come from FTS5 itself (it counts doclist entries
without reading rows); ranking is bm25 with column weights, limited inside the index.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.conf import settings

from search import query as query_module
from search import ranking, store, terms
from search.backends.base import Filters
from search.backends.database import TABLE, DatabaseBackend, Found, sample_counts, scaled, selected_total
from search.query import Concept, ParsedQuery

TEXT_COLUMNS = "{title summary tags body}"


def _phrase(phrase: tuple[str, ...]) -> str:
    return '"' + " ".join(phrase) + '"'


def concept_expression(concept: Concept) -> str:
    options = [" AND ".join(_phrase(phrase) for phrase in option.phrases) for option in concept.options]
    return "(" + " OR ".join(f"({option})" for option in options) + ")"


def text_expression(query: ParsedQuery, every: bool) -> str:
    joiner = " AND " if every else " OR "
    return f"{TEXT_COLUMNS} : (" + joiner.join(concept_expression(c) for c in query.concepts) + ")"


def filter_expression(filters: Filters) -> list[str]:
    parts = []
    if filters.kinds:
        parts.append("(" + " OR ".join(f'keys : "{terms.kind_key(kind)}"' for kind in filters.kind_keys) + ")")
    parts.extend(f'keys : "{terms.tag_key(tag)}"' for tag in filters.tags)
    if filters.area:
        parts.append(f'keys : "{terms.area_key(filters.area)}"')
    if filters.answered is not None:
        parts.append(f'keys : "{terms.answered_key(filters.answered)}"')
    return parts


class SQLiteBackend(DatabaseBackend):
    """FTS5 with bm25 (title 10, summary 4, tags 5, body 1; keys 0)."""

    name = "sqlite-fts5"
    BM25 = "bm25(10.0, 4.0, 5.0, 1.0, 0.0)"
    TAG_CANDIDATES = 12

    @staticmethod
    def match(text: str, filters: Filters) -> str:
        return " AND ".join(f"({part})" for part in [text, *filter_expression(filters)])

    def find(self, query: ParsedQuery, filters: Filters, sort: str, window: int, every: bool) -> Found:
        text = text_expression(query, every)
        everything = self._count(self.match(text, filters.without_kinds()))
        if not everything:
            return Found(total=0, kind_counts={})
        broad = everything > settings.SEARCH_BROAD_MATCHES
        kind_counts = {} if broad else self._kind_counts(text, filters.without_kinds())
        total = (self._count(self.match(text, filters)) if filters.kinds else everything) if broad else None
        total = selected_total(kind_counts, filters) if total is None else total
        if not total:
            return Found(total=0, kind_counts=kind_counts)
        match = self.match(text, filters)
        floor = self._floor(match, total)
        if self.is_newest(sort):
            ranked = self.newest([row[0] for row in self._rows(*self.newest_sql(match, window, floor))])
        else:
            pool = [row[0] for row in self._rows(*self.pool_sql(match, window, floor))]
            ranked = self.rank(query, filters, pool)
        if broad:
            kind_counts, tag_counts = self._estimated_counts(text, filters, everything)
            return Found(total, kind_counts, ranked, tag_counts, estimated=True)
        tag_counts = self._tag_counts(text, filters, [hit.entry for hit in ranked], total)
        return Found(total=total, kind_counts=kind_counts, ranked=ranked, tag_counts=tag_counts)

    def _count(self, match: str) -> int:
        return self._rows("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [match])[0][0]

    def _estimated_counts(self, text: str, filters: Filters, everything: int) -> tuple[dict, dict]:
        """Very broad queries: kinds and tags counted among the newest SEARCH_BROAD_MATCHES matches
        (of every kind), scaled to all of them. Counting every match would read as many doclist
        entries again for each kind and tag as there are matches (ADR 0046)."""
        match = self.match(text, filters.without_kinds())
        floor = self._floor(match, everything) or 0
        sql = (
            f"SELECT e.kind, e.tags FROM search_fts JOIN {TABLE} e ON e.id = search_fts.rowid "  # noqa: S608
            "WHERE search_fts MATCH %s AND search_fts.rowid >= %s"
        )
        rows = self._rows(sql, [match, floor])
        kinds, tags = sample_counts(rows, filters)
        factor = everything / max(len(rows), 1)
        return scaled(kinds, factor), scaled(tags, factor)

    def candidates(self, query: ParsedQuery, rows: dict) -> list[ranking.Candidate]:
        fields = self._analysed(list(rows))
        stats = ranking.corpus()
        names = query.all_terms
        candidates = []
        for pk, row in rows.items():
            analysed = fields.get(pk, [[], [], [], []])
            matched, phrase = query_module.holds(analysed, query)
            text = ranking.text_score(query, query_module.counts(analysed, names), row.lengths, stats)
            candidates.append(ranking.Candidate(row, text, matched=matched, phrase=phrase))
        return candidates

    def _analysed(self, ids: list[int]) -> dict[int, list[list[str]]]:
        """The analysed title, summary, tags and body of each candidate, as FTS5 holds them."""
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        sql = f"SELECT rowid, title, summary, tags, body FROM search_fts WHERE rowid IN ({marks})"  # noqa: S608
        return {row[0]: [(text or "").split() for text in row[1:]] for row in self._rows(sql, ids)}

    def _kind_counts(self, text: str, filters: Filters) -> dict[str, int]:
        """One count per kind, each a filter token inside the MATCH: FTS5 counts doclist entries
        without reading a single row, where a GROUP BY would join every match."""
        kinds = store.indexed_kinds()
        counts = self._count_each(text, [replace(filters, kinds=(kind,)) for kind in kinds], kinds)
        return {kind: count for kind, count in counts.items() if count}

    def _tag_counts(self, text: str, filters: Filters, window: list, total: int) -> dict[str, int]:
        """Exact counts: from the window itself when it holds every match, otherwise one FTS5 count
        for each of the tags most frequent in the window (the best or newest matches)."""
        counter: Counter = Counter(tag for entry in window for tag in entry.tag_list)
        if total <= len(window):
            return dict(counter)
        tags = [tag for tag, _ in counter.most_common(self.TAG_CANDIDATES)]
        counts = self._count_each(text, [replace(filters, tags=(*filters.tags, tag)) for tag in tags], tags)
        return {tag: count for tag, count in counts.items() if count}

    def _count_each(self, text: str, variants: list[Filters], labels: list[str]) -> dict[str, int]:
        if not variants:
            return {}
        sql = " UNION ALL ".join(["SELECT %s, count(*) FROM search_fts WHERE search_fts MATCH %s"] * len(variants))
        params = [
            value
            for label, variant in zip(labels, variants, strict=True)
            for value in (label, self.match(text, variant))
        ]
        return dict(self._rows(sql, params))

    def _floor(self, match: str, total: int) -> int | None:
        """FTS5 has no early exit for ranked queries: bm25 is computed for every match, which costs
        ~2 ms per 1,000 matches. Past SEARCH_BROAD_MATCHES matches only the most recently indexed
        that many are ranked; walking the doclist in row id order to find where they start is cheap."""
        broad = settings.SEARCH_BROAD_MATCHES
        if total <= broad:
            return None
        sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s"
        rows = self._rows(sql, [match, broad - 1])
        return rows[0][0] if rows else None

    def pool_sql(self, match: str, pool: int, floor=None):
        sql = "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH %s AND rank MATCH %s AND rowid >= %s "
        return sql + "ORDER BY rank LIMIT %s", [match, self.BM25, floor or 0, pool]

    def newest_sql(self, match: str, limit: int, floor=None):
        sql = (
            f"SELECT e.id FROM search_fts JOIN {TABLE} e ON e.id = search_fts.rowid "  # noqa: S608
            "WHERE search_fts MATCH %s AND search_fts.rowid >= %s ORDER BY e.published_at DESC, e.id DESC LIMIT %s"
        )
        return sql, [match, floor or 0, limit]
