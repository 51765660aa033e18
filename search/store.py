"""Writes to the database index (search.IndexEntry): one row per SearchDocument."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

from search import terms
from search.models import IndexEntry
from search.registry import SearchDocument


def _plain(text: str) -> str:
    # The snippet builder escapes text itself; control characters would only confuse it.
    return "".join(char for char in (text or "") if char.isprintable() or char in "\n\t")


def entry_fields(doc: SearchDocument) -> dict:
    return {
        "title": _plain(doc.title)[:300],
        "body": _plain(doc.body),
        "tags": "\n".join(tag.strip() for tag in doc.tags if tag.strip()),
        "url": doc.url,
        "area": doc.area or "",
        "answered": doc.answered,
        "accepted": doc.accepted,
        "rating_score": doc.rating_score,
        "author_score": doc.author_score,
        "published_at": doc.published_at,
        "parent_title": _plain(doc.parent_title)[:300],
        "parent_url": doc.parent_url,
        "extra": doc.extra,
        "keys": terms.keys_for(doc.kind, doc.tags, doc.area or "", doc.answered),
    }


KINDS_CACHE_KEY = "search:indexed-kinds"


def indexed_kinds() -> list[str]:
    """The kinds present in the index, cached: a DISTINCT over 100,000 rows costs ~15 ms a search."""
    kinds = cache.get(KINDS_CACHE_KEY)
    if kinds is None:
        kinds = list(IndexEntry.objects.order_by("kind").values_list("kind", flat=True).distinct())
        cache.set(KINDS_CACHE_KEY, kinds, timeout=300)
    return kinds


def _new_kind(kind: str) -> None:
    if kind not in (cache.get(KINDS_CACHE_KEY) or [kind]):
        cache.delete(KINDS_CACHE_KEY)


def save(doc: SearchDocument) -> None:
    IndexEntry.objects.update_or_create(kind=doc.kind, object_id=doc.object_id, defaults=entry_fields(doc))
    _new_kind(doc.kind)


def delete(kind: str, object_id: int) -> int:
    deleted, _ = IndexEntry.objects.filter(kind=kind, object_id=object_id).delete()
    return deleted


def replace_kind(kind: str, docs: Iterable[SearchDocument], batch_size: int = 500) -> int:
    return replace_kinds([kind], docs, batch_size)


def replace_kinds(kinds: list[str], docs: Iterable[SearchDocument], batch_size: int = 500) -> int:
    """Swap every entry of `kinds` for `docs`, in one transaction so searches never see it half-built.

    Callers pass docs oldest first: on SQLite very broad queries rank the most recently indexed
    matches (SEARCH_BROAD_MATCHES), so row ids should follow publication order."""
    count = 0
    with transaction.atomic():
        IndexEntry.objects.filter(kind__in=kinds).delete()
        batch: list[IndexEntry] = []
        for doc in docs:
            batch.append(IndexEntry(kind=doc.kind, object_id=doc.object_id, **entry_fields(doc)))
            if len(batch) >= batch_size:
                count += len(IndexEntry.objects.bulk_create(batch))
                batch = []
        count += len(IndexEntry.objects.bulk_create(batch))
    cache.delete(KINDS_CACHE_KEY)
    return count
