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
from django.utils.safestring import SafeString, mark_safe

from search import highlight, registry, terms
from search.backends import breaker, database, elastic
from search.backends.base import RELEVANCE, SORTS, BackendUnavailable, Filters, RawHit
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


def search(query: str, filters: Filters | None = None, sort: str = RELEVANCE, page: int = 1) -> SearchResults:
    filters = filters or Filters()
    sort = sort if sort in SORTS else RELEVANCE
    size = settings.SEARCH_PAGE_SIZE
    words = terms.tokens(query)
    page = max(1, min(page, 1000))
    offset = (page - 1) * size
    backend, degraded = choose_backend()
    try:
        raw = backend.search(words, filters, sort, offset, size)
    except BackendUnavailable:
        backend, degraded = database.for_connection(), True
        raw = backend.search(words, filters, sort, offset, size)
    return SearchResults(
        query=terms.clean_text(query),
        hits=[to_hit(item, words) for item in raw.hits],
        total=raw.total,
        page=page,
        num_pages=max(1, math.ceil(raw.total / size)),
        page_size=size,
        kind_facets=kind_facets(raw.kind_counts, filters),
        tag_facets=tag_facets(raw.tag_counts, filters),
        backend=backend.name,
        degraded=degraded,
        sort=sort,
        filters=filters,
    )


def choose_backend():
    """(backend, degraded): Elasticsearch when configured and not known to be down."""
    if settings.ELASTICSEARCH_URL:
        if not breaker.is_open():
            return elastic.ElasticsearchBackend(), False
        return database.for_connection(), True
    return database.for_connection(), False


def to_hit(raw: RawHit, words: list[str]) -> Hit:
    entry = raw.entry
    adapter = registry.adapter_for_kind(entry.kind)
    # Elasticsearch escapes its fragments itself (encoder "html"); ours are escaped in highlight.py.
    snippet = mark_safe(raw.snippet_html) if raw.snippet_html else highlight.snippet(entry.body, words)
    return Hit(
        kind=entry.kind,
        label=adapter.label if adapter and adapter.label else entry.kind.title(),
        object_id=entry.object_id,
        title=entry.title,
        url=entry.url,
        snippet=snippet,
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
