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
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from search import ranking, terms
from search.backends.base import Filters
from search.backends.database import TABLE, DatabaseBackend, Found, sample_counts, scaled, selected_total
from search.query import Concept, Option, ParsedQuery

TERM = re.compile(r"^[^\W_]+$")
# ts_rank_cd weights {D, C, B, A}: body 0.1, summary 0.4, tags 0.5, title 1.0; normalised by log length.
RANK = "ts_rank_cd('{0.1, 0.4, 0.5, 1.0}', e.search_vector, to_tsquery('simple', %s), 1)"


def _term(term: str) -> str:
    if not TERM.match(term):
        raise ValueError(f"not an analysed term: {term!r}")
    return f"'{term}'"


def _phrase(phrase: tuple[str, ...]) -> str:
    return "(" + " <-> ".join(_term(term) for term in phrase) + ")"


def _either(options: list[Option] | tuple[Option, ...]) -> str:
    return (
        "("
        + " | ".join("(" + " & ".join(_phrase(phrase) for phrase in option.phrases) + ")" for option in options)
        + ")"
    )


def _has_phrase(option: Option) -> bool:
    return any(len(phrase) > 1 for phrase in option.phrases)


def concept_tsquery(concept: Concept) -> str:
    return _either(concept.options)


def text_tsquery(query: ParsedQuery, every: bool) -> str:
    return (" & " if every else " | ").join(concept_tsquery(concept) for concept in query.concepts)


def match_parts(query: ParsedQuery, every: bool) -> tuple[str, ...]:
    """tsqueries whose OR matches exactly the documents text_tsquery matches, phrases kept apart (ADR 0047).

    The GIN index cannot check a phrase (`<->`): a tsquery holding one makes PostgreSQL re-read
    and decompress the stored vector of every document the index returns, even those matched by
    a plain term ("batasbaka" | "bata baka": 6,200 vectors for 105 that needed it). Written as
    `vector @@ part OR vector @@ part ...`, the plain part comes from its own bitmap without a
    recheck and only the phrase parts' few documents are re-read. A document matches the query
    when it matches each concept by a plain option (the first part) or, for some concept, by one
    of its phrase options (with any option of the others: one part per such concept)."""
    plain = [[option for option in concept.options if not _has_phrase(option)] for concept in query.concepts]
    phrased = [[option for option in concept.options if _has_phrase(option)] for concept in query.concepts]
    if not any(phrased):
        return (text_tsquery(query, every),)
    if not every:
        plain_options = [option for options in plain for option in options]
        return tuple([_either(plain_options)] if plain_options else []) + tuple(
            _either(options) for options in phrased if options
        )
    parts = [" & ".join(_either(options) for options in plain)] if all(plain) else []
    for index, options in enumerate(phrased):
        if options:
            others = [concept_tsquery(concept) for other, concept in enumerate(query.concepts) if other != index]
            parts.append(" & ".join([_either(options), *others]))
    return tuple(parts)


@dataclass(frozen=True)
class Match:
    """What a search matches: `parts` (see match_parts) select the documents, `tsquery` ranks them."""

    tsquery: str
    parts: tuple[str, ...]

    @classmethod
    def of(cls, query: ParsedQuery, every: bool) -> Match:
        return cls(text_tsquery(query, every), match_parts(query, every))


class PostgresBackend(DatabaseBackend):
    name = "postgresql"
    # Session settings for the one search statement, restored afterwards (see _planner_settings).
    PLANNER = {"enable_seqscan": "off", "work_mem": "64MB", "jit": "off"}
    TAG_FACETS = 12
    # How many times the rows the estimate calls for a broad search reads (see _floors).
    FLOOR_MARGIN = 2

    def find(self, query: ParsedQuery, filters: Filters, sort: str, window: int, every: bool) -> Found:
        match = Match.of(query, every)
        where, where_params = self.where(match, filters)
        broad = settings.SEARCH_BROAD_MATCHES
        most = query.most_matches(every)
        if most == 0:
            # A word no document holds (the vocabulary is written with the index): nothing to read.
            return Found(total=0, kind_counts={})
        with self._planner_settings():
            # Not broad by the vocabulary's counts: straight to the exact statement.
            estimate = None if most is not None and most <= broad else self._broad_estimate(where, where_params)
            if estimate is not None:
                return self._broad(query, match, filters, sort, window, estimate)
            rows = self._rows(*self.search_sql(match, filters, sort, window))
        kind_counts = {label: count for part, label, count, _ in rows if part == "kind"}
        tag_counts = {label: count for part, label, count, _ in rows if part == "tag"}
        total = selected_total(kind_counts, filters)
        if not total:
            return Found(total=0, kind_counts=kind_counts)
        found = {pk: relevance for part, _, pk, relevance in rows if part == "hit"}
        ranked = self._by_date(list(found)) if self.is_newest(sort) else self.rank(query, filters, list(found))
        return Found(total=total, kind_counts=kind_counts, ranked=ranked, tag_counts=tag_counts)

    def _broad_estimate(self, where: str, params: list) -> int | None:
        """How many documents match when more than SEARCH_BROAD_MATCHES do, else None. Broad by the
        statistics needs no count of a thousand matches to be sure (when it was not, the broad
        statement reads every match and says so: see _broad)."""
        broad = settings.SEARCH_BROAD_MATCHES
        estimate = self._estimate(where, params)
        if estimate >= 2 * broad:
            return estimate
        if not self._more_than(where, params, broad):
            return None
        # Not clearly broad by the statistics (or none yet): counting exactly is cheap then.
        return self._count(where, params)

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
        self, query: ParsedQuery, match: Match, filters: Filters, sort: str, window: int, estimate: int
    ) -> Found:
        """Very broad queries (ADR 0046): the newest SEARCH_BROAD_MATCHES matches (of every kind)
        are the sample; kinds and tags are counted among them and scaled to the planner's
        estimate; the text pool is ranked among them (sort=newest: the newest matches by date).
        Found by walking the primary key backwards (a word in most documents) or from the GIN
        bitmap cut to the rows where they should be (ADR 0047): when those held too few matches
        (the estimate was too high), the statement runs again on every match, so the answer is
        the same either way."""
        table = self._table()
        walk = self._walk(estimate, table)
        floors = {} if walk else self._floors(estimate, table, filters, sort, window)
        rows = self._rows(*self.broad_sql(match, filters, sort, window, walk=walk, **floors))
        if floors and self._short(rows, window, sort):
            rows = self._rows(*self.broad_sql(match, filters, sort, window, walk=walk))
        sample = [(kind, tags) for part, kind, tags, _ in rows if part == "sample"]
        # Fewer than BROAD matches in an uncut sample: that is every match, counted exactly.
        complete = len(sample) < settings.SEARCH_BROAD_MATCHES
        kinds, tags = sample_counts(sample, filters)
        factor = 1 if complete else max(estimate, len(sample)) / max(len(sample), 1)
        kind_counts, tag_counts = scaled(kinds, factor), scaled(tags, factor)
        total = selected_total(kind_counts, filters)
        found = {int(pk): relevance for part, pk, _, relevance in rows if part == "hit"}
        if not total or not found:
            return Found(total=total, kind_counts=kind_counts, tag_counts=tag_counts, estimated=not complete)
        ranked = self._by_date(list(found)) if self.is_newest(sort) else self.rank(query, filters, list(found))
        return Found(total, kind_counts, ranked, tag_counts, estimated=not complete)

    def _table(self) -> tuple[float, int, int]:
        """(rows by the statistics, lowest id, highest id) of the index table: cheap (pg_class and
        the two ends of the primary key)."""
        sql = (
            f"SELECT reltuples, (SELECT min(id) FROM {TABLE}), (SELECT max(id) FROM {TABLE}) "  # noqa: S608
            "FROM pg_class WHERE oid = %s::regclass"
        )
        rows, lowest, highest = self._rows(sql, [TABLE])[0]
        return rows, lowest or 0, highest or 0

    def _walk(self, estimate: int, table: tuple[float, int, int]) -> bool:
        """Whether to find the newest matches by walking the primary key backwards (checking each
        row's vector) rather than from the GIN bitmap of every match (sorted by id, no recheck).
        The walk reads about BROAD x rows / matches rows, the bitmap every match, and a walked row
        costs about twice a bitmap row (measured at 100,000 documents): walk when matches exceed
        sqrt(2 x BROAD x rows). A word in half the documents is walked; one in 5% is not."""
        rows = table[0]
        if rows <= 0:  # never analysed: no statistics to judge by
            return True
        return estimate * estimate > 2 * settings.SEARCH_BROAD_MATCHES * rows

    def _floors(self, estimate: int, table: tuple[float, int, int], filters: Filters, sort: str, window: int) -> dict:
        """Where the newest matches should start, with a margin of FLOOR_MARGIN times the rows the
        estimate calls for (ADR 0047): `id_floor` for the sample (newest by id), and for sort=newest
        without a kind filter `date_rows`, how many of the newest rows by date hold the window.
        The GIN bitmap is ANDed with the primary key's (or the date index's) range, so only the
        matches inside it are read from the table."""
        rows, lowest, highest = table
        floors: dict = {}
        share = self.FLOOR_MARGIN * settings.SEARCH_BROAD_MATCHES / max(estimate, 1)
        if share < 1:
            floors["id_floor"] = highest - int(share * (highest - lowest + 1))
        if self.is_newest(sort) and not filters.kinds and rows > 0:
            date_rows = int(self.FLOOR_MARGIN * window * rows / max(estimate, 1))
            if date_rows < rows:
                floors["date_rows"] = date_rows
        return floors

    @staticmethod
    def _short(rows: list[tuple], window: int, sort: str) -> bool:
        """Whether a statement cut by floors found fewer matches than it needed (run it again uncut)."""
        sample = sum(1 for row in rows if row[0] == "sample")
        hits = sum(1 for row in rows if row[0] == "hit")
        return sample < settings.SEARCH_BROAD_MATCHES or (PostgresBackend.is_newest(sort) and hits < window)

    def broad_sql(
        self,
        match: Match,
        filters: Filters,
        sort: str,
        window: int,
        walk: bool = True,
        id_floor: int | None = None,
        date_rows: int | None = None,
    ) -> tuple[str, list]:
        """Rows (part, a, b, relevance): "sample" (kind, tags) for each of the newest matches, and
        "hit" (entry id as text, -, relevance) for the candidates. `walk` (see _walk) orders by the
        primary key itself; otherwise by `id + 0`, which the planner can only sort, from the bitmap,
        of the rows past `id_floor` when given. For sort=newest, `date_rows` limits the hits to the
        newest that many rows by date (sorted by an expression, so the planner ANDs the date
        index with the GIN bitmap instead of walking the date index and reading every vector)."""
        where, params = self.where(match, filters)
        newest_first = "e.id DESC" if walk else "e.id + 0 DESC"
        if id_floor is not None:
            where, params = f"{where} AND e.id > %s", [*params, id_floor]
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
            where_again, again = self.where(match, filters)
            by_date = "e.published_at DESC"
            if date_rows is not None:
                where_again += (
                    f" AND e.published_at >= (SELECT published_at FROM {TABLE} "  # noqa: S608
                    "ORDER BY published_at DESC OFFSET %s LIMIT 1)"
                )
                again = [*again, date_rows]
                by_date = "e.published_at + interval '0' DESC"
            sql += (
                "UNION ALL (SELECT 'hit', e.id::text, NULL, NULL::float8 "  # noqa: S608
                f"FROM {TABLE} e WHERE {where_again} AND {selected_e} ORDER BY {by_date}, e.id DESC LIMIT %s)"
            )
            return sql, [*params, *again, *selected_params, window]
        sql += (
            f"UNION ALL (SELECT 'hit', e.id::text, NULL, {RANK} "  # noqa: S608
            f"FROM {TABLE} e WHERE e.id = ANY(ARRAY(SELECT id FROM w WHERE {selected})) "
            "ORDER BY 4 DESC, e.id DESC LIMIT %s)"
        )
        return sql, [*params, match.tsquery, *selected_params, window]

    def _by_date(self, ids: list[int]) -> list:
        hits = self.newest(ids)
        return sorted(hits, key=lambda hit: (hit.entry.published_at, hit.entry.pk), reverse=True)

    def candidates(self, query: ParsedQuery, rows: dict) -> list[ranking.Candidate]:
        found = self._features(query, list(rows))
        stats = ranking.corpus()
        candidates = []
        for pk, row in rows.items():
            matched, phrase, counts = found.get(pk, (0, False, {}))
            text = ranking.text_score(query, counts, row.lengths, stats)
            candidates.append(ranking.Candidate(row, text, matched=matched, phrase=phrase))
        return candidates

    def _features(self, query: ParsedQuery, ids: list[int]) -> dict[int, tuple[int, bool, dict]]:
        """(concepts held, phrase, occurrences of each query term per field) per candidate, from its
        stored vector, in one statement. Fields are the vector's weights: A title, C summary, B tags,
        D body (the ranking's order)."""
        if not ids:
            return {}
        held = " + ".join("(e.search_vector @@ to_tsquery('simple', %s))::int" for _ in query.concepts)
        main = query.terms
        phrase = "e.search_vector @@ to_tsquery('simple', %s)" if len(main) > 1 else "FALSE"
        params = [concept_tsquery(concept) for concept in query.concepts]
        params += [_phrase(tuple(main))] if len(main) > 1 else []
        sql = (
            f"SELECT e.id, {held}, {phrase}, u.lexemes, u.weights FROM {TABLE} e "  # noqa: S608
            "CROSS JOIN LATERAL (SELECT array_agg(lexeme) AS lexemes, "
            "array_agg(array_to_string(weights, '')) AS weights "
            "FROM unnest(e.search_vector) WHERE lexeme = ANY(%s)) u WHERE e.id = ANY(%s)"
        )
        found = {}
        for pk, matched, together, lexemes, weights in self._rows(sql, [*params, sorted(query.all_terms), ids]):
            counts = {
                lexeme: tuple(marks.count(weight) for weight in "ACBD")
                for lexeme, marks in zip(lexemes or [], weights or [], strict=True)
            }
            found[pk] = (matched, bool(together), counts)
        return found

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
    def where(match: Match, filters: Filters) -> tuple[str, list]:
        """Matches for the query and every filter except kinds (kind counts are taken before them)."""
        text = " OR ".join("e.search_vector @@ to_tsquery('simple', %s)" for _ in match.parts)
        clauses = [f"({text})" if len(match.parts) > 1 else text]
        params: list = list(match.parts)
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

    def search_sql(self, match: Match, filters: Filters, sort: str, window: int) -> tuple[str, list]:
        """One statement, rows of (part, label, number, relevance): part "kind" (label, count),
        "tag" (label, count; the TAG_FACETS largest) and "hit" (number = entry id, with its
        ts_rank_cd relevance when sorting by relevance). Grouping by (kind, tags) first was
        measured slower: at 100,000 documents there are tens of thousands of such groups."""
        where, params = self.where(match, filters)
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
        return sql, [*params, match.tsquery, *selected_params, settings.SEARCH_BROAD_MATCHES, window]
