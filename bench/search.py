"""Search latency benchmark: median and p95 of the hub's search service at 1,000, 10,000 and
100,000 indexed documents, on SQLite (FTS5) and, with DATABASE_URL set, on PostgreSQL.

    .venv/bin/python bench/search.py            # SQLite in var/bench-search.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/search.py

It never touches the hub's own data: SQLite gets its own file, PostgreSQL its own database
(cohub_bench_search, or BENCH_DB; created and dropped here; BENCH_KEEP=1 keeps it for EXPLAIN). Only the
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
# BENCH_REUSE=1 keeps a database an earlier run built (with BENCH_KEEP=1 on PostgreSQL): the
# 100,000-document build takes minutes, the measuring seconds.
REUSE = bool(os.environ.get("BENCH_REUSE"))
# BENCH_DB names the PostgreSQL database, so two people can each keep a built corpus.
BENCH_DB = os.environ.get("BENCH_DB", "cohub_bench_search")
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
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
            if not (REUSE and exists):
                admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
                admin.execute(f"CREATE DATABASE {BENCH_DB}")
        settings.DATABASES["default"]["NAME"] = BENCH_DB
        label = "postgresql"
    else:
        path = ROOT / "var" / "bench-search.sqlite3"
        path.parent.mkdir(exist_ok=True)
        if not REUSE:
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


def stored() -> int:
    from search.models import IndexEntry

    return IndexEntry.objects.count()


def query_sets(corpus: Corpus) -> dict[str, list[str]]:
    words = corpus.words
    return {
        "common": words[:8],
        "medium": words[150:158],
        "rare": words[5000:5008],
        "two words": [f"{words[i]} {words[200 + i * 7]}" for i in range(8)],
    }


def backend_pid() -> int | None:
    """The PostgreSQL server process serving this connection (its CPU is part of a query's cost)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def cpu_ns(pids: list[int | str]) -> int:
    """Nanoseconds on a CPU so far, summed over processes (first field of /proc/<pid>/schedstat)."""
    return sum(int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) for pid in pids)


def measure(queries: list[str], **options) -> tuple[float, float, float, float]:
    """Median and p95 of each search's wall time, and of its CPU time: this process plus, on
    PostgreSQL, the server process. The CPU figures are what a search costs with a core to itself,
    so they hold on a busy machine where wall times are inflated by waiting for a core."""
    from search import services

    pids: list[int | str] = ["self"]
    if pid := backend_pid():
        pids.append(pid)
    timings, cpu = [], []
    for _ in range(REPEATS):
        for query in queries:
            started, cpu_started = time.perf_counter(), cpu_ns(pids)
            services.search(query, **options)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((cpu_ns(pids) - cpu_started) / 1e6)
    return (*median_p95(timings), *median_p95(cpu))


def median_p95(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, int(len(values) * 0.95) - 1)]


def row(label: str, figures: tuple[float, float, float, float]) -> str:
    median, p95, cpu_median, cpu_p95 = figures
    return f"  {label:<21} wall median {median:6.1f} p95 {p95:6.1f}   cpu median {cpu_median:6.1f} p95 {cpu_p95:6.1f}"


def main() -> None:
    label = configure()
    create_tables()
    corpus = Corpus()
    sets = query_sets(corpus)
    print(f"Search benchmark on {label}: median / p95 in ms over {REPEATS} x 8 queries per row")
    print(f"Load average at the start: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    built = 0
    for size in SIZES:
        started = time.perf_counter()
        if REUSE and stored() == size:
            print(f"\n{size:,} documents (reused: BENCH_REUSE)")
        else:
            insert(corpus, built, size)
            print(f"\n{size:,} documents (built in {time.perf_counter() - started:.1f} s)")
        built = size
        for name, queries in sets.items():
            print(row(f"{name} relevance", measure(queries)))
        print(row("medium newest", measure(sets["medium"], sort="newest")))
        from search.backends.base import Filters

        print(row("common filtered", measure(sets["common"], filters=Filters(kinds=("question",), tags=(TAGS[3],)))))
    print(f"\nLoad average at the end: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
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
