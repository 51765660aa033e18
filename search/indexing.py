"""Keep the hub's search index in step with the content, outside the request.

Parts call, after a write that changes what a search should find:

    indexing.update(obj) / indexing.update_many(objs) / indexing.remove(obj)
    indexing.update_in_transaction(objs)  # a write that notes its objects once (a rating)
    indexing.update_author(user_id)       # an author's score moved: their posts rank with it

None of these does the work. They note what changed, and when the caller's transaction commits
(at once outside one) they enqueue `search.tasks.refresh_index` with the noted objects: each
object once however often it was noted (coalesced), many objects per task (batched). The task
re-reads each object through its adapter, so it always writes the current state: an object
missing from its adapter's queryset (hidden, unpublished, deleted) leaves the index. It writes
the database index and, when ELASTICSEARCH_URL is set, Elasticsearch; a failure raises and the
task is retried with backoff (search/tasks.py). A rollback drops nothing it should not: notes
of a rolled-back transaction only cause one extra, harmless refresh later.

search/sync.py does the work (`refresh(refs)`, for tasks and tests); `reindex()` rebuilds everything.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import models, transaction

from hub import page_cache
from hub.tasks import enqueue_on_commit, enqueue_unless_waiting
from search import registry, store, tasks
from search.backends import elastic
from search.sync import Ref

logger = logging.getLogger(__name__)
_pending = threading.local()  # this thread's flushes not run yet


def ref(obj: models.Model) -> Ref:
    return (obj._meta.label_lower, obj.pk)


def update(obj: models.Model) -> None:
    """Add, refresh or drop `obj` in the index once the current transaction commits."""
    update_many([obj])


def remove(obj: models.Model) -> None:
    """Drop `obj` from the index once the current transaction commits (it is re-read: gone is gone)."""
    update_many([obj])


def update_many(objects: Iterable[models.Model]) -> None:
    refs = [ref(obj) for obj in objects if registry.adapters_for_model(type(obj))]
    if refs:
        _note(refs)


def update_in_transaction(objects: Iterable[models.Model]) -> None:
    """Refresh `objects` with one task written inside the caller's transaction (on the database
    queue; other queues enqueue it on commit). For a write that notes its objects once, such as a
    rating: it saves the separate commit the coalesced flush of `update_many` makes after the
    transaction, a disk flush on PostgreSQL (docs/adr/0083)."""
    refs = [list(ref(obj)) for obj in objects if registry.adapters_for_model(type(obj))]
    if refs:
        enqueue_on_commit(tasks.refresh_index, refs)


def update_author(user_id: int) -> None:
    """Refresh everything `user_id` wrote, in a task: the request only enqueues it (on commit).
    Coalesced (`hub.tasks.enqueue_unless_waiting`): a burst of ratings of one member leaves one
    task, which reads the score when it runs and so writes the latest."""
    enqueue_unless_waiting(tasks.refresh_author_content, user_id)


class _Flush:
    """The on-commit callback of one note. The first to run after a commit takes the notes of every
    other flush of the same transaction too (each object once, in batches); the rest find nothing
    left. Flushes of a rolled-back transaction never run, and the next commit drops them."""

    def __init__(self, refs: list[Ref], transaction_key: object) -> None:
        self.refs = dict.fromkeys(refs)
        self.key = transaction_key
        self.done = False

    def __call__(self) -> None:
        pending = getattr(_pending, "flushes", [])
        batch = [flush for flush in pending if flush.key is self.key and not flush.done]
        batch += [] if self in batch or self.done else [self]
        _pending.flushes = []
        refs: dict[Ref, None] = {}
        for flush in batch:
            flush.done = True
            refs.update(flush.refs)
        items = [list(item) for item in refs]
        size = settings.SEARCH_INDEX_BATCH
        for start in range(0, len(items), size):
            _enqueue(items[start : start + size])


def _note(refs: list[Ref]) -> None:
    connection = transaction.get_connection()
    # The outermost atomic block stands for the transaction (None in autocommit: it runs at once).
    key = connection.atomic_blocks[0] if connection.in_atomic_block else None
    flush = _Flush(refs, key)
    if not hasattr(_pending, "flushes"):
        _pending.flushes = []
    _pending.flushes.append(flush)
    transaction.on_commit(flush)


def _enqueue(refs: list[list]) -> None:
    tasks.refresh_index.enqueue(refs)


def reindex(progress: Callable[[str, int], None] | None = None, kinds: list[str] | None = None) -> dict[str, int]:
    """Rebuild the index for every registered kind (or `kinds`); returns the count per kind.

    All kinds are written in one transaction, oldest first across kinds (see store.replace_kinds);
    Elasticsearch gets a new index and the alias moves to it. Raises on errors: whoever runs a
    rebuild wants to know it failed."""
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
        elastic.rebuild(docs, keep_others_than=[adapter.kind for adapter in chosen] if kinds else None)
        page_cache.bump()  # searches kept while the new index was filled answered from the old one
    return counts
