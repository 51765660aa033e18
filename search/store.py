"""Writes to the database index: one search.IndexEntry row per SearchDocument, plus its analysed text.

The text is analysed here, in Python (search/analysis.py), and written where the database's
full-text index reads it: SQLite's FTS5 table `search_fts` (rowid = entry id), or PostgreSQL's
`search_vector` column and its vocabulary table `search_term`. Callers hold a transaction
around related writes; every function here is one consistent step.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import connection, transaction

from search import analysis, terms, vocabulary
from search.models import IndexEntry
from search.registry import SearchDocument

FTS_TABLE = "search_fts"
# Weights: title A, tags B, summary C, body D (search/backends/postgres.py ranks with them).
POSTGRES_VECTOR = (
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
    "|| setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')"
)


def _plain(text: str) -> str:
    # The snippet builder escapes text itself; control characters would only confuse it.
    return "".join(char for char in (text or "") if char.isprintable() or char in "\n\t")


TEXT_FIELDS = ("title", "summary", "tags", "body")


def entry_fields(doc: SearchDocument) -> dict:
    title = _plain(doc.title)[:300]
    fields = {
        "title": title,
        "summary": _plain(doc.summary),
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
    # The title's analysed terms (of `title_words` when given: an answer is not found by its question's title).
    fields["title_key"] = analysis.index_text(doc.title if doc.title_words is None else doc.title_words)[:300]
    for name, text in zip(TEXT_FIELDS, analysed(fields), strict=True):
        fields[f"{name}_terms"] = len(text.split())
    return fields


def analysed(fields: dict) -> tuple[str, str, str, str]:
    """(title, summary, tags, body) as the index holds them; the title is analysed already (title_key)."""
    return (fields["title_key"], *(analysis.index_text(fields[name]) for name in TEXT_FIELDS[1:]))


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


def _old_texts(pks: list[int]) -> dict[int, dict]:
    rows = IndexEntry.objects.filter(pk__in=pks).values("pk", "title_key", "summary", "tags", "body")
    return {row["pk"]: row for row in rows}


def write_text(rows: list[tuple[int, dict]]) -> None:
    """Write the analysed text of (entry id, fields) pairs where the vendor's full-text index reads it."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            params = [
                (title, tags, summary, body, pk)
                for pk, fields in rows
                for title, summary, tags, body in [analysed(fields)]
            ]
            sql = f"UPDATE search_indexentry SET search_vector = {POSTGRES_VECTOR} WHERE id = %s"  # noqa: S608
            cursor.executemany(sql, params)
        else:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])  # noqa: S608
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title, summary, tags, body, keys) VALUES (%s, %s, %s, %s, %s, %s)",  # noqa: S608
                [(pk, *analysed(fields), fields["keys"]) for pk, fields in rows],
            )


def _drop_text(pks: list[int]) -> None:
    if pks and connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in pks])  # noqa: S608


def _terms_of(fields: dict) -> set[str]:
    return set(fields["title_key"].split()) | vocabulary.document_terms(*(fields[name] for name in TEXT_FIELDS[1:]))


def save_many(docs: list[SearchDocument]) -> None:
    """Add or refresh each document's entry and its analysed text, in one transaction."""
    with transaction.atomic():
        existing = {
            (kind, object_id): pk
            for pk, kind, object_id in IndexEntry.objects.filter(
                kind__in={doc.kind for doc in docs}, object_id__in=[doc.object_id for doc in docs]
            ).values_list("pk", "kind", "object_id")
        }
        old = _old_texts(list(existing.values())) if connection.vendor == "postgresql" else {}
        written = []
        for doc in docs:
            fields = entry_fields(doc)
            pk = existing.get((doc.kind, doc.object_id))
            if pk is None:
                pk = IndexEntry.objects.create(kind=doc.kind, object_id=doc.object_id, **fields).pk
            else:
                IndexEntry.objects.filter(pk=pk).update(**fields)
            written.append((pk, fields))
            _new_kind(doc.kind)
        write_text(written)
        vocabulary.record(
            added=[_terms_of(fields) for _, fields in written], removed=[_terms_of(f) for f in old.values()]
        )


def save(doc: SearchDocument) -> None:
    save_many([doc])


def delete(kind: str, object_id: int) -> int:
    return delete_many(kind, [object_id])


def delete_many(kind: str, object_ids: Iterable[int]) -> int:
    with transaction.atomic():
        entries = IndexEntry.objects.filter(kind=kind, object_id__in=list(object_ids))
        pks = list(entries.values_list("pk", flat=True))
        if not pks:
            return 0
        old = _old_texts(pks) if connection.vendor == "postgresql" else {}
        _drop_text(pks)
        deleted, _ = IndexEntry.objects.filter(pk__in=pks).delete()
        vocabulary.record(removed=[_terms_of(fields) for fields in old.values()])
    return deleted


def replace_kind(kind: str, docs: Iterable[SearchDocument], batch_size: int = 500) -> int:
    return replace_kinds([kind], docs, batch_size)


def replace_kinds(kinds: list[str], docs: Iterable[SearchDocument], batch_size: int = 500) -> int:
    """Swap every entry of `kinds` for `docs`, in one transaction so searches never see it half-built.

    Callers pass docs oldest first: very broad queries rank the most recently indexed matches
    (SEARCH_BROAD_MATCHES), so row ids should follow publication order."""
    count = 0
    with transaction.atomic():
        _drop_text(list(IndexEntry.objects.filter(kind__in=kinds).values_list("pk", flat=True)))
        IndexEntry.objects.filter(kind__in=kinds).delete()
        batch: list[IndexEntry] = []
        for doc in docs:
            batch.append(IndexEntry(kind=doc.kind, object_id=doc.object_id, **entry_fields(doc)))
            if len(batch) >= batch_size:
                count += insert_entries(batch)
                batch = []
        count += insert_entries(batch)
        vocabulary.rebuild()
    cache.delete(KINDS_CACHE_KEY)
    return count


def insert_entries(batch: list[IndexEntry]) -> int:
    """Insert new entries and their analysed text (the vocabulary is the caller's: rebuild it)."""
    created = IndexEntry.objects.bulk_create(batch)
    names = ("title_key", "summary", "tags", "body", "keys")
    write_text([(entry.pk, {name: getattr(entry, name) for name in names}) for entry in created])
    return len(created)
