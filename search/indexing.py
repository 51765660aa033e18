"""Keep the hub's search index in step with the content.

Parts of the hub call `update(obj)` after a write that changes what a search should find
(a rating changes a score, a moderator hides a post) and `remove(obj)` when it goes.
Saving content must never fail because of the index: errors are logged, not raised, and the
database write runs in a savepoint so a failure cannot poison the caller's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from search import registry, store
from search.backends import elastic

logger = logging.getLogger(__name__)


def update(obj) -> None:
    """Add, refresh or drop `obj` in the index, as its adapter's queryset judges."""
    update_many([obj])


def update_many(objects: list) -> None:
    """Add, refresh or drop each object: one query per kind to re-read them, one bulk write to Elasticsearch.

    Callers often hold instances whose counters were changed with F() or .update() (answer counts,
    scores), so documents are built from fresh rows with the adapter's related rows loaded; an
    object missing from the adapter's queryset (hidden, unpublished, deleted) leaves the index.
    """
    by_model: dict[type, list] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    for model, pks in by_model.items():
        for adapter in registry.adapters_for_model(model):
            try:
                _update_batch(adapter, pks)
            except Exception:
                logger.exception(
                    "Search index: could not update %d %s; run manage.py search_reindex", len(pks), adapter.kind
                )


def _update_batch(adapter: registry.SearchAdapter, pks: list[int]) -> None:
    fresh = list(adapter.queryset().filter(pk__in=pks))
    docs = [adapter.to_document(obj) for obj in fresh]
    gone = set(pks) - {obj.pk for obj in fresh}
    with transaction.atomic():
        store.save_many(docs)
        store.delete_many(adapter.kind, gone)
    if settings.ELASTICSEARCH_URL:
        if docs:
            elastic.index_documents(docs)
        for pk in gone:
            elastic.delete_document(adapter.kind, pk)


def remove(obj) -> None:
    """Drop `obj` from the index."""
    for adapter in registry.adapters_for_model(type(obj)):
        try:
            _remove_one(adapter.kind, obj.pk)
        except Exception:
            logger.exception("Search index: could not remove %s %s; run manage.py search_reindex", adapter.kind, obj.pk)


def _remove_one(kind: str, object_id: int) -> None:
    with transaction.atomic():
        store.delete(kind, object_id)
    if settings.ELASTICSEARCH_URL:
        elastic.delete_document(kind, object_id)


def reindex(progress: Callable[[str, int], None] | None = None, kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the index for every registered kind (or `kinds`); returns the count per kind.

    All kinds are written in one transaction, oldest first across kinds (see store.replace_kinds).
    Raises on errors, unlike update(): whoever runs a rebuild wants to know it failed.
    """
    chosen = [adapter for adapter in registry.adapters() if not kinds or adapter.kind in kinds]
    docs: list = []
    counts: dict[str, int] = {}
    for adapter in chosen:
        found = list(adapter.documents())
        counts[adapter.kind] = len(found)
        docs.extend(found)
        if progress:
            progress(adapter.kind, counts[adapter.kind])
    docs.sort(key=lambda doc: (doc.published_at, doc.kind, doc.object_id))
    store.replace_kinds([adapter.kind for adapter in chosen], docs)
    if settings.ELASTICSEARCH_URL:
        for adapter in chosen:
            elastic.replace_kind(adapter.kind, [doc for doc in docs if doc.kind == adapter.kind])
    return counts
