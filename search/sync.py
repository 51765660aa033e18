"""The index writes themselves, run by search tasks (search/tasks.py) and by tests.

Each function re-reads the objects through their adapters, so it writes their current state,
writes the database index in one transaction and then Elasticsearch when it is configured, and
raises on any failure: the task that called it retries.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.db import transaction

from hub import page_cache
from search import registry, store
from search.backends import elastic

Ref = tuple[str, int]  # ("app_label.model_name", pk): what a task can carry


def refresh(refs: Iterable[Ref]) -> dict[str, int]:
    """Write the current state of each referenced object to the index; returns counts per kind.
    Raises on failure (the task retries): the database index is written in one transaction first."""
    by_model: dict[str, list[int]] = {}
    for label, pk in refs:
        by_model.setdefault(label, []).append(int(pk))
    docs, gone = [], []
    for label, pks in by_model.items():
        for adapter in registry.adapters_for_model(apps.get_model(label)):
            fresh = list(adapter.queryset().filter(pk__in=pks))
            docs.extend(adapter.to_document(obj) for obj in fresh)
            gone.extend((adapter.kind, pk) for pk in set(pks) - {obj.pk for obj in fresh})
    _write(docs, gone)
    counts: dict[str, int] = {}
    for doc in docs:
        counts[doc.kind] = counts.get(doc.kind, 0) + 1
    return counts


def refresh_author(user_id: int) -> int:
    """Refresh everything `user_id` wrote, findable or not: their score moved (each entry ranks with
    it), or their account was suspended or restored (their posts leave or come back)."""
    refs: list[Ref] = []
    for adapter in registry.adapters():
        if adapter.author_field:
            rows = adapter.model._default_manager.filter(**{adapter.author_field: user_id}).values_list("pk", flat=True)
            refs.extend((adapter.model._meta.label_lower, pk) for pk in rows)
    return sum(refresh(refs).values())


def _write(docs: list, gone: list[tuple[str, int]]) -> None:
    with transaction.atomic():
        store.save_many(docs)
        for kind in {kind for kind, _ in gone}:
            store.delete_many(kind, [pk for other, pk in gone if other == kind])
    if settings.ELASTICSEARCH_URL:
        elastic.write(docs, gone)
        # The database index's commit replaced the page cache's generation before Elasticsearch held
        # the change: a search answered in between was kept from the old documents (ADR 0107).
        page_cache.bump()
