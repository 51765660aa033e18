"""The one search service. Every caller (the results page, suggestions, other parts) uses it.

`search()` picks Elasticsearch when ELASTICSEARCH_URL is set and its circuit breaker is closed,
otherwise the database backend; when Elasticsearch fails it answers from the database and sets
`degraded` so the page can say results may be incomplete. Labels come from the registry, so no
caller names a model class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.utils.safestring import SafeString

from search import analysis, highlight, registry, terms, vocabulary
from search.backends import breaker, elastic
from search.backends.base import RELEVANCE, SORTS, BackendUnavailable, Filters, RawHit, RawResults
from search.backends.database import DatabaseBackend
from search.backends.postgres import PostgresBackend
from search.backends.sqlite import SQLiteBackend
from search.query import ParsedQuery, parse
from search.suggest import suggestions


@dataclass
class Hit:
    kind: str
    label: str
    object_id: int
    title: str
    url: str
    snippet: SafeString
    tags: list[str]
    area: str
    answered: bool | None
    accepted: bool
    rating_score: int
    published_at: datetime | str
    parent_title: str = ""
    parent_url: str = ""
    score: float = 0.0
    answers: list[Hit] = field(default_factory=list)  # answer hits shown under this question


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int
    page: int
    num_pages: int
    page_size: int
    kind_facets: list[Facet]
    tag_facets: list[Facet]
    backend: str
    degraded: bool = False
    sort: str = RELEVANCE
    filters: Filters = field(default_factory=Filters)
    suggestion: str = ""  # "Did you mean ...": the query with unknown words corrected
    corrected_from: str = ""  # the results are for `query`, corrected from this text, which found nothing
    broadened: bool = False  # too few documents held every word; these hold some of them
    estimated: bool = False  # total and counts are estimates

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def grouped_hits(self) -> list[Hit]:
        """Answers whose question is also on this page are shown under it, not on their own."""
        questions = {hit.url: hit for hit in self.hits if hit.kind == "question"}
        for question in questions.values():
            question.answers = []  # a property may be read twice: build the groups afresh
        grouped = []
        for hit in self.hits:
            parent = questions.get(hit.parent_url) if hit.kind == "answer" else None
            if parent is not None:
                parent.answers.append(hit)
            else:
                grouped.append(hit)
        return grouped


def search(
    query: str, filters: Filters | None = None, sort: str = RELEVANCE, page: int = 1, backend=None
) -> SearchResults:
    """Search everything registered. When no document holds every word and the index knows close
    spellings of the unknown ones that some documents hold, the results are for those spellings
    (`corrected_from` says what was typed); otherwise `suggestion` offers them ("Did you mean").
    `backend` forces one backend (the relevance report compares them); by default it is chosen."""
    filters = filters or Filters()
    sort = sort if sort in SORTS else RELEVANCE
    page = max(1, min(page, 1000))
    parsed = parse(query)
    suggestion = did_you_mean(parsed)
    raw, used, degraded = _run(parsed, filters, sort, page, backend)
    corrected_from = ""
    if suggestion and raw.broadened or not raw.total and suggestion:
        corrected = parse(suggestion)
        retry, retry_backend, retry_degraded = _run(corrected, filters, sort, page, backend)
        if retry.complete_matches > raw.complete_matches:
            parsed, corrected_from, suggestion = corrected, parsed.text, ""
            raw, used, degraded = retry, retry_backend, retry_degraded
    size = settings.SEARCH_PAGE_SIZE
    return SearchResults(
        query=parsed.text,
        hits=[to_hit(item, parsed) for item in raw.hits],
        total=raw.total,
        page=page,
        num_pages=max(1, math.ceil(raw.total / size)),
        page_size=size,
        kind_facets=kind_facets(raw.kind_counts, filters),
        tag_facets=tag_facets(raw.tag_counts, filters),
        backend=used.name,
        degraded=degraded,
        sort=sort,
        filters=filters,
        suggestion=suggestion,
        corrected_from=corrected_from,
        broadened=raw.broadened,
        estimated=raw.estimated,
    )


def _run(parsed: ParsedQuery, filters: Filters, sort: str, page: int, forced=None) -> tuple[RawResults, object, bool]:
    size = settings.SEARCH_PAGE_SIZE
    offset = (page - 1) * size
    backend, degraded = (forced, False) if forced else choose_backend()
    try:
        raw = backend.search(parsed, filters, sort, offset, size)
    except BackendUnavailable:
        backend, degraded = database_backend(), True
        raw = backend.search(parsed, filters, sort, offset, size)
    return raw, backend, degraded


def did_you_mean(parsed: ParsedQuery) -> str:
    """The visitor's words with each word the index has never seen replaced by the closest one it
    holds (from the index's own vocabulary), or "" when there is nothing to correct."""
    replacements = {}
    stems = {word: analysis.stem(word) for word in parsed.unknown}
    nearest = vocabulary.closest_each(sorted(set(stems.values())))
    for word, stem in stems.items():
        if closest := nearest[stem]:
            replacements[word] = vocabulary.surface(closest)
    if not replacements:
        return ""
    typed = [match.group() for match in analysis.WORD.finditer(analysis.fold(parsed.text))]
    return " ".join(replacements.get(word, word) for word in typed)


def database_backend() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"The hub's search needs SQLite or PostgreSQL, not {connection.vendor}.")


def choose_backend():
    """(backend, degraded): Elasticsearch when configured and not known to be down."""
    if settings.ELASTICSEARCH_URL:
        if not breaker.is_open():
            return elastic.ElasticsearchBackend(), False
        return database_backend(), True
    return database_backend(), False


def to_hit(raw: RawHit, parsed: ParsedQuery) -> Hit:
    entry = raw.entry
    adapter = registry.adapter_for_kind(entry.kind)
    return Hit(
        kind=entry.kind,
        label=adapter.label if adapter and adapter.label else entry.kind.title(),
        object_id=entry.object_id,
        title=entry.title,
        url=entry.url,
        snippet=highlight.snippet(entry.body, parsed.all_terms),
        tags=list(entry.tag_list),
        area=entry.area or "",
        answered=entry.answered,
        accepted=entry.accepted,
        rating_score=entry.rating_score,
        published_at=entry.published_at,
        parent_title=entry.parent_title or "",
        parent_url=entry.parent_url or "",
        score=raw.score,
    )


def kind_facets(counts: dict[str, int], filters: Filters) -> list[Facet]:
    """Registered kinds in registry order, then any kind the index holds without an adapter."""
    order = [adapter.kind for adapter in registry.adapters()]
    kinds = [kind for kind in order if counts.get(kind)] + sorted(kind for kind in counts if kind not in order)
    return [Facet(kind, _plural_label(kind), counts[kind], kind in filters.kinds) for kind in kinds]


def _plural_label(kind: str) -> str:
    adapter = registry.adapter_for_kind(kind)
    if adapter and (adapter.label_plural or adapter.label):
        return adapter.label_plural or adapter.label
    return kind.title() + "s"


def tag_facets(counts: dict[str, int], filters: Filters, limit: int = 12) -> list[Facet]:
    selected = {tag.lower() for tag in filters.tags}
    best = sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))[:limit]
    return [Facet(tag, tag, count, tag.lower() in selected) for tag, count in best]


def suggest(query: str, limit: int | None = None) -> dict:
    """Titles and tags for the search box: the last word is treated as a prefix."""
    return suggestions(query, limit or settings.SEARCH_SUGGEST_LIMIT)


def similar(text: str, kind: str, limit: int = 5) -> list[Hit]:
    """Documents of one kind like `text` (for example questions like a title being typed): the
    normal search, broadened to any of its words when few hold them all, best first."""
    if not terms.clean_text(text):
        return []
    return search(text, Filters(kinds=(kind,))).hits[:limit]
