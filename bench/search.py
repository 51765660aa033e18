"""Search latency benchmark: median and p95 of the hub's search service at 1,000, 10,000 and
100,000 indexed documents, on SQLite (FTS5) and, with DATABASE_URL set, on PostgreSQL.

    .venv/bin/python bench/search.py            # SQLite in var/bench-search.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py

It never touches the hub's own data: SQLite gets its own file, PostgreSQL its own database
(cohub_bench_search, created and dropped here; BENCH_KEEP=1 keeps it for EXPLAIN). Only the
search tables are built, straight from the search migration's SQL, and the synthetic corpus
is bulk-inserted into them. Queries go through search.services.search(), so the figures
include facets, counts and re-ranking.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
BENCH_DB = "cohub_bench_search"
KINDS = ["article", "debate", "document", "organiser", "host", "question", "answer"]
TAGS = [f"topic{number}" for number in range(60)]
COMMON = ["community", "meeting", "tenants", "campaign", "organise", "power", "housing", "union"]


def configure() -> str:
    """Point Django at a throwaway benchmark database before setup; return the vendor label."""
    import django
    from django.conf import settings

    url = os.environ.get("DATABASE_URL")
    if url and url.startswith("postgres"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
        settings.DATABASES["default"]["NAME"] = BENCH_DB
        label = "postgresql"
    else:
        path = ROOT / "var" / "bench-search.sqlite3"
        path.parent.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        settings.DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}
        label = "sqlite"
    django.setup()
    return label


def create_tables() -> None:
    """The search app's tables and full-text objects, exactly as its migrations build them."""
    from django.core.management import call_command

    call_command("migrate", "search", verbosity=0)


class Corpus:
    """Zipf-distributed synthetic words, so common, medium and rare terms behave like real text."""

    def __init__(self, seed: int = 2026, vocabulary: int = 30_000):
        self.rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dru", "sen", "ba", "quo", "fir", "nat", "ul"]
        words = list(COMMON)
        seen = set(words)
        while len(words) < vocabulary:
            word = "".join(self.rng.choice(syllables) for _ in range(self.rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        weights = [1 / (rank + 1) for rank in range(vocabulary)]
        self.cumulative = list(_accumulate(weights))

    def text(self, count: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))

    def docs(self, start: int, stop: int):
        from search.registry import SearchDocument

        now = datetime.now(tz=UTC)
        for number in range(start, stop):
            kind = KINDS[number % len(KINDS)]
            yield SearchDocument(
                kind=kind,
                object_id=number,
                title=self.text(7).capitalize(),
                body=self.text(self.rng.randint(40, 160)),
                url=f"/{kind}/{number}/",
                published_at=now - timedelta(days=self.rng.randint(0, 2000)),
                tags=tuple(self.rng.sample(TAGS, 2)),
                area=f"Area {number % 40}" if kind in {"organiser", "host"} else "",
                answered=(number % 3 != 0) if kind in {"question", "answer"} else None,
                accepted=kind == "answer" and number % 5 == 0,
                rating_score=self.rng.randint(-2, 25),
                author_score=self.rng.randint(0, 60),
            )


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def insert(corpus: Corpus, start: int, stop: int, batch: int = 2000) -> None:
    """Write the documents through the index's own code (search/store.py): entries, analysed text,
    vocabulary; then what autovacuum would do after a bulk load on PostgreSQL."""
    from django.db import connection, transaction

    from search import store, vocabulary
    from search.models import IndexEntry

    docs = corpus.docs(start, stop)
    with transaction.atomic():
        while chunk := [doc for _, doc in zip(range(batch), docs, strict=False)]:
            store.insert_entries(
                [IndexEntry(kind=doc.kind, object_id=doc.object_id, **store.entry_fields(doc)) for doc in chunk]
            )
        vocabulary.rebuild()
    if connection.vendor == "postgresql":
        # Without it the planner prices the GIN index too high and scans every row instead.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_indexentry")
            cursor.execute("VACUUM ANALYZE search_term")


def query_sets(corpus: Corpus) -> dict[str, list[str]]:
    words = corpus.words
    return {
        "common": words[:8],
        "medium": words[150:158],
        "rare": words[5000:5008],
        "two words": [f"{words[i]} {words[200 + i * 7]}" for i in range(8)],
    }


def measure(queries: list[str], **options) -> tuple[float, float]:
    from search import services

    timings = []
    for _ in range(REPEATS):
        for query in queries:
            started = time.perf_counter()
            services.search(query, **options)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def main() -> None:
    label = configure()
    create_tables()
    corpus = Corpus()
    sets = query_sets(corpus)
    print(f"Search benchmark on {label}: median / p95 in ms over {REPEATS} x 8 queries per row")
    built = 0
    for size in SIZES:
        started = time.perf_counter()
        insert(corpus, built, size)
        built = size
        print(f"\n{size:,} documents (built in {time.perf_counter() - started:.1f} s)")
        for name, queries in sets.items():
            median, p95 = measure(queries)
            print(f"  {name:<10} relevance  median {median:7.1f}  p95 {p95:7.1f}")
        median, p95 = measure(sets["medium"], sort="newest")
        print(f"  {'medium':<10} newest     median {median:7.1f}  p95 {p95:7.1f}")
        from search.backends.base import Filters

        median, p95 = measure(sets["common"], filters=Filters(kinds=("question",), tags=(TAGS[3],)))
        print(f"  {'common':<10} filtered   median {median:7.1f}  p95 {p95:7.1f}")
    if not os.environ.get("BENCH_KEEP"):
        cleanup(label)


def cleanup(label: str) -> None:
    from django.db import connections

    connections.close_all()
    if label == "postgresql":
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")


if __name__ == "__main__":
    main()
