"""The registry of everything the hub's search covers.

Each part of the hub describes its searchable content with a `SearchAdapter` and registers it
in its AppConfig.ready(). The search service (search/services.py) and the indexer only talk
to adapters, never to model classes by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing, flattened for every backend."""

    kind: str  # e.g. "article", "debate", "document", "organiser", "host", "question", "answer"
    object_id: int
    title: str
    body: str  # plain text, no markup
    url: str
    published_at: datetime
    tags: tuple[str, ...] = ()
    summary: str = ""  # a lead or standfirst: ranks above the body, below the title and tags
    title_words: str | None = None  # what the title is searched by, when not the title itself
    area: str = ""  # profiles: the area or patch
    answered: bool | None = None  # questions (and their answers): has at least one answer
    accepted: bool = False  # question has an accepted answer, or this answer is the accepted one
    rating_score: int = 0  # sum of ratings of the post (questions: plus their answers)
    author_score: int = 0  # the author's feedback score
    parent_title: str = ""  # answers: the question they answer
    parent_url: str = ""
    extra: dict = field(default_factory=dict)  # small display-only data (for example an author name)


class SearchAdapter:
    """Describe one model to the search. Subclass, set the attributes, implement the two methods."""

    kind: str = ""
    label: str = ""  # shown as the result's type, for example "Article"
    label_plural: str = ""
    model: type[models.Model]
    author_field: str = ""  # the field naming the member who wrote it, when their score ranks with it

    def queryset(self) -> models.QuerySet:
        """Everything that should be findable: public, live, not hidden, with related rows loaded."""
        raise NotImplementedError

    def to_document(self, obj) -> SearchDocument:
        raise NotImplementedError

    def by_author(self, user_id: int) -> Iterable[models.Model]:
        """Everything findable that `user_id` wrote (refreshed when their feedback score moves)."""
        if not self.author_field:
            return []
        return self.queryset().filter(**{self.author_field: user_id}).iterator(chunk_size=500)

    def documents(self, batch_size: int = 500) -> Iterable[SearchDocument]:
        for obj in self.queryset().iterator(chunk_size=batch_size):
            yield self.to_document(obj)


_adapters: dict[str, SearchAdapter] = {}


def register(adapter: SearchAdapter) -> SearchAdapter:
    if not adapter.kind:
        raise ValueError("A search adapter needs a kind.")
    _adapters[adapter.kind] = adapter
    return adapter


def unregister(kind: str) -> SearchAdapter | None:
    """Drop an adapter (tests register throwaway adapters and remove them afterwards)."""
    return _adapters.pop(kind, None)


def adapters() -> list[SearchAdapter]:
    return list(_adapters.values())


def adapter_for_kind(kind: str) -> SearchAdapter | None:
    return _adapters.get(kind)


def adapters_for_model(model: type[models.Model]) -> list[SearchAdapter]:
    return [adapter for adapter in _adapters.values() if issubclass(model, adapter.model)]
