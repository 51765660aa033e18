"""PostgreSQL full text over the analysed vector `search_vector` (title A, tags B, summary C, body D).

The tsquery is built from the analyser's terms only (letters and digits, each quoted), never
from the visitor's text, and passed as a bound parameter to to_tsquery('simple', ...): the
'simple' configuration adds no second stemmer. One statement per search (ADR 0041): matches are
collected once from the GIN bitmap into a MATERIALIZED CTE of narrow columns; kind counts, tag
counts and the candidates to rank all come from it, and ts_rank_cd reads the stored vector only
for the candidates (the newest SEARCH_BROAD_MATCHES matches).
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, transaction

from search import ranking, terms
from search.backends.base import Filters
from search.backends.database import TABLE, DatabaseBackend, Found, sample_counts, scaled, selected_total
from search.query import Concept, ParsedQuery

TERM = re.compile(r"^[^\W_]+$")
# ts_rank_cd weights {D, C, B, A}: body 0.1, summary 0.4, tags 0.5, title 1.0; normalised by log length.
RANK = "ts_rank_cd('{0.1, 0.4, 0.5, 1.0}', e.search_vector, to_tsquery('simple', %s), 1)"


def _term(term: str) -> str:
    if not TERM.match(term):
        raise ValueError(f"not an analysed term: {term!r}")
    return f"'{term}'"


def _phrase(phrase: tuple[str, ...]) -> str:
    return "(" + " <-> ".join(_term(term) for term in phrase) + ")"


def concept_tsquery(concept: Concept) -> str:
    options = [" & ".join(_phrase(phrase) for phrase in option.phrases) for option in concept.options]
    return "(" + " | ".join(f"({option})" for option in options) + ")"


def text_tsquery(query: ParsedQuery, every: bool) -> str:
    return (" & " if every else " | ").join(concept_tsquery(concept) for concept in query.concepts)


class PostgresBackend(DatabaseBackend):
    name = "postgresql"
    # Session settings for the one search statement, restored afterwards (see _planner_settings).
    PLANNER = {"enable_seqscan": "off", "work_mem": "64MB", "jit": "off"}
    TAG_FACETS = 12

    def find(self, query: ParsedQuery, filters: Filters, sort: str, window: int, every: bool) -> Found:
        tsquery = text_tsquery(query, every)
        where, where_params = self.where(tsquery, filters)
        broad = settings.SEARCH_BROAD_MATCHES
        with self._planner_settings():
            estimate = self._estimate(where, where_params)
            # Clearly broad by the statistics: no need to read a thousand matches to be sure.
            if estimate >= 4 * broad or self._more_than(where, where_params, broad):
                if estimate < 2 * broad:
                    # Not clearly broad by the statistics (or none yet): counting exactly is cheap then.
                    estimate = self._count(where, where_params)
                return self._broad(query, tsquery, filters, sort, window, estimate)
            rows = self._rows(*self.search_sql(tsquery, filters, sort, window))
        kind_counts = {label: count for part, label, count, _ in rows if part == "kind"}
        tag_counts = {label: count for part, label, count, _ in rows if part == "tag"}
        total = selected_total(kind_counts, filters)
        if not total:
            return Found(total=0, kind_counts=kind_counts)
        found = {pk: relevance for part, _, pk, relevance in rows if part == "hit"}
        ranked = self._by_date(list(found)) if self.is_newest(sort) else self.rank(query, filters, list(found))
        return Found(total=total, kind_counts=kind_counts, ranked=ranked, tag_counts=tag_counts)

    def _more_than(self, where: str, params: list, limit: int) -> bool:
        """Whether more than `limit` documents match: reads at most limit + 1 of them."""
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} e WHERE {where} LIMIT %s) s"  # noqa: S608
        return self._rows(sql, [*params, limit + 1])[0][0] > limit

    def _count(self, where: str, params: list) -> int:
        return self._rows(f"SELECT count(*) FROM {TABLE} e WHERE {where}", params)[0][0]  # noqa: S608

    def _estimate(self, where: str, params: list) -> int:
        """The planner's estimate of the matches (from the vector column's statistics), without
        reading them: a word in every document would otherwise cost a visit to every heap page."""
        sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} e WHERE {where}"  # noqa: S608
        plan = self._rows(sql, params)[0][0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])

    def _broad(
        self, query: ParsedQuery, tsquery: str, filters: Filters, sort: str, window: int, estimate: int
    ) -> Found:
        """Very broad queries (ADR 0046): the newest SEARCH_BROAD_MATCHES matches (of every kind)
        are read by walking the primary key backwards; kinds and tags are counted among them and
        scaled to the planner's estimate; the text pool is ranked among them (sort=newest: the
        newest matches by date, through the date index)."""
        sql, params = self.broad_sql(tsquery, filters, sort, window, walk=self._walk(estimate))
        rows = self._rows(sql, params)
        sample = [(kind, tags) for part, kind, tags, _ in rows if part == "sample"]
        kinds, tags = sample_counts(sample, filters)
        factor = max(estimate, len(sample)) / max(len(sample), 1)
        kind_counts, tag_counts = scaled(kinds, factor), scaled(tags, factor)
        total = selected_total(kind_counts, filters)
        found = {int(pk): relevance for part, pk, _, relevance in rows if part == "hit"}
        if not total or not found:
            return Found(total=total, kind_counts=kind_counts, tag_counts=tag_counts, estimated=True)
        ranked = self._by_date(list(found)) if self.is_newest(sort) else self.rank(query, filters, list(found))
        return Found(total, kind_counts, ranked, tag_counts, estimated=True)

    def _walk(self, estimate: int) -> bool:
        """Whether to find the newest matches by walking the primary key backwards (checking each
        row's vector) rather than from the GIN bitmap of every match (sorted by id, no recheck).
        The walk reads about BROAD x rows / matches rows, the bitmap every match, and a walked row
        costs about twice a bitmap row (measured at 100,000 documents): walk when matches exceed
        sqrt(2 x BROAD x rows). A word in half the documents is walked; one in 5% is not."""
        rows = self._rows("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [TABLE])[0][0]
        if rows <= 0:  # never analysed: no statistics to judge by
            return True
        return estimate * estimate > 2 * settings.SEARCH_BROAD_MATCHES * rows

    def broad_sql(self, tsquery: str, filters: Filters, sort: str, window: int, walk: bool = True) -> tuple[str, list]:
        """Rows (part, a, b, relevance): "sample" (kind, tags) for each of the newest matches, and
        "hit" (entry id as text, -, relevance) for the candidates. `walk` (see _walk) orders by the
        primary key itself; otherwise by `id + 0`, which the planner can only sort, from the bitmap."""
        where, params = self.where(tsquery, filters)
        newest_first = "e.id DESC" if walk else "e.id + 0 DESC"
        kinds = filters.kind_keys
        selected = "lower(btrim(kind)) = ANY(%s)" if kinds else "TRUE"
        selected_e = "lower(btrim(e.kind)) = ANY(%s)" if kinds else "TRUE"
        selected_params = [list(kinds)] if kinds else []
        sql = (
            "WITH w AS MATERIALIZED ("  # noqa: S608 - table name and fixed clauses only
            f"SELECT e.id, e.kind, e.tags FROM {TABLE} e WHERE {where} ORDER BY {newest_first} LIMIT %s) "
            "SELECT 'sample', kind, tags, NULL::float8 FROM w "
        )
        params = [*params, settings.SEARCH_BROAD_MATCHES]
        if self.is_newest(sort):
            where_again, again = self.where(tsquery, filters)
            sql += (
                "UNION ALL (SELECT 'hit', e.id::text, NULL, NULL::float8 "  # noqa: S608
                f"FROM {TABLE} e WHERE {where_again} AND {selected_e} ORDER BY e.published_at DESC, e.id DESC LIMIT %s)"
            )
            return sql, [*params, *again, *selected_params, window]
        sql += (
            f"UNION ALL (SELECT 'hit', e.id::text, NULL, {RANK} "  # noqa: S608
            f"FROM {TABLE} e WHERE e.id = ANY(ARRAY(SELECT id FROM w WHERE {selected})) "
            "ORDER BY 4 DESC, e.id DESC LIMIT %s)"
        )
        return sql, [*params, tsquery, *selected_params, window]

    def _by_date(self, ids: list[int]) -> list:
        hits = self.newest(ids)
        return sorted(hits, key=lambda hit: (hit.entry.published_at, hit.entry.pk), reverse=True)

    def candidates(self, query: ParsedQuery, rows: dict) -> list[ranking.Candidate]:
        ids = list(rows)
        features = self._features(query, ids)
        counts = self._counts(query, ids)
        stats = ranking.corpus()
        return [
            ranking.Candidate(
                row,
                ranking.text_score(query, counts.get(pk, {}), row.lengths, stats),
                matched=features.get(pk, (0, False))[0],
                phrase=features.get(pk, (0, False))[1],
            )
            for pk, row in rows.items()
        ]

    def _counts(self, query: ParsedQuery, ids: list[int]) -> dict[int, dict[str, tuple[int, ...]]]:
        """Occurrences of each query term per field (weights A title, C summary, B tags, D body)."""
        if not ids:
            return {}
        sql = (
            f"SELECT e.id, u.lexeme, u.weights FROM {TABLE} e CROSS JOIN LATERAL unnest(e.search_vector) u "  # noqa: S608
            "WHERE e.id = ANY(%s) AND u.lexeme = ANY(%s)"
        )
        found: dict[int, dict[str, tuple[int, ...]]] = {}
        for pk, lexeme, weights in self._rows(sql, [ids, sorted(query.all_terms)]):
            found.setdefault(pk, {})[lexeme] = tuple(weights.count(weight) for weight in "ACBD")
        return found

    def _features(self, query: ParsedQuery, ids: list[int]) -> dict[int, tuple[int, bool]]:
        """(concepts held, phrase) per candidate, from its stored vector."""
        if not ids:
            return {}
        held = " + ".join("(e.search_vector @@ to_tsquery('simple', %s))::int" for _ in query.concepts)
        main = query.terms
        phrase = "e.search_vector @@ to_tsquery('simple', %s)" if len(main) > 1 else "FALSE"
        params = [concept_tsquery(concept) for concept in query.concepts]
        params += [_phrase(tuple(main))] if len(main) > 1 else []
        sql = f"SELECT e.id, {held}, {phrase} FROM {TABLE} e WHERE e.id = ANY(%s)"  # noqa: S608
        return {pk: (matched, bool(together)) for pk, matched, together in self._rows(sql, [*params, ids])}

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
    def where(tsquery: str, filters: Filters) -> tuple[str, list]:
        """Matches for the query and every filter except kinds (kind counts are taken before them)."""
        clauses = ["e.search_vector @@ to_tsquery('simple', %s)"]
        params: list = [tsquery]
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

    def search_sql(self, tsquery: str, filters: Filters, sort: str, window: int) -> tuple[str, list]:
        """One statement, rows of (part, label, number, relevance): part "kind" (label, count),
        "tag" (label, count; the TAG_FACETS largest) and "hit" (number = entry id, with its
        ts_rank_cd relevance when sorting by relevance). Grouping by (kind, tags) first was
        measured slower: at 100,000 documents there are tens of thousands of such groups."""
        where, params = self.where(tsquery, filters)
        kinds = filters.kind_keys
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
        if self.is_newest(sort):
            sql += (
                f"UNION ALL (SELECT 'hit', NULL, id, NULL::float8 FROM m WHERE {selected} "  # noqa: S608
                "ORDER BY published_at DESC, id DESC LIMIT %s)"
            )
            return sql, [*params, *selected_params, window]
        # Only the newest SEARCH_BROAD_MATCHES matches are ranked (ADR 0040); their vectors are
        # read by primary key (an id array: a join walked the whole primary key backwards).
        sql += (
            f"UNION ALL (SELECT 'hit', NULL, e.id, {RANK} "  # noqa: S608
            f"FROM {TABLE} e WHERE e.id = ANY(ARRAY(SELECT id FROM m WHERE {selected} ORDER BY id DESC LIMIT %s)) "
            "ORDER BY 4 DESC, 3 DESC LIMIT %s)"
        )
        return sql, [*params, tsquery, *selected_params, settings.SEARCH_BROAD_MATCHES, window]
