"""What one rating costs in process: the rating API called through Django's full stack (production
settings, no HTTP server), as bench/pages.py's write load calls it.

    DATABASE_URL=postgres://.../<a copy of the corpus> CACHE_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python bench/rating_cost.py [N] [--profile] [--queries]

Writes N ratings (200 by default): 200 corpus members each rating answers of other members, in
turn, values alternating, like bench/pages.py. Prints CPU milliseconds (this process) and wall
milliseconds per rating, median and mean, the SQL statements per rating and the CPU the
PostgreSQL server's process spent per rating (when it runs on this machine); with --queries,
the SQL statements of one rating and their time; with --profile, the top of a cProfile (CPU
time) of every rating, kept in
var/bench/rating.prof. Then checks every score and reputation it touched (bench/hub_probe.py
check-ratings). Writes to the database it is given: never point it at a database someone else
measures. Speed is read here, never asserted.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("QA_LIMIT_RATINGS", "1000000")

HEADERS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "127.0.0.1"}


def main(argv: list[str]) -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import hub_probe

    count = int(next((arg for arg in argv if arg.isdigit()), "200"))
    writers = hub_probe.writers(200)
    clients = []
    for rater in writers["raters"]:
        client = Client(**HEADERS)
        # One handler for all: each Client loads the middleware on its first request, and
        # WhiteNoise's start-up scan of the static files would be measured as part of a rating.
        client.handler = clients[0].handler if clients else client.handler
        name, value = rater["cookie"].split("=", 1)
        client.cookies[name] = value
        clients.append(client)
    rng = random.Random(int(time.time()))
    answers = writers["answers"]
    start_turn = rng.randrange(len(answers))

    def request(index: int):
        number, turn = index % len(clients), start_turn + index // len(clients)
        body = {
            "post_type": "answer",
            "post_id": answers[(number + turn) % len(answers)],
            "value": rng.choice([1, 1, 0]),
        }
        response = clients[number].post("/api/v1/ratings/", body, content_type="application/json", secure=True)
        if response.status_code != 201:
            raise SystemExit(f"{response.status_code}: {response.content[:300]!r}")

    request(0)  # warm up: imports, connections
    if "--queries" in argv:
        with CaptureQueriesContext(connection) as queries:
            request(1)
        total = sum(float(query["time"]) for query in queries.captured_queries)
        print(f"One rating: {len(queries)} queries, {total * 1000:.1f} ms in the database (as Django times them)")
        for query in queries.captured_queries:
            print(f"  {float(query['time']) * 1000:7.2f} ms  {query['sql'][:220]}")
    cpu, wall, statements = [], [], []
    backend_before = _backend_cpu_ms(connection)
    profile = cProfile.Profile(time.process_time) if "--profile" in argv else None
    for index in range(2, count + 2):
        counted = [0]
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        with connection.execute_wrapper(_counting(counted)):
            request(index)
        if profile:
            profile.disable()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
        statements.append(counted[0])
    print(
        f"{count} ratings: CPU ms median {statistics.median(cpu):.1f} mean {statistics.mean(cpu):.1f}; "
        f"wall ms median {statistics.median(wall):.1f} mean {statistics.mean(wall):.1f}; "
        f"statements median {statistics.median(statements):.0f} max {max(statements)}; "
        f"PostgreSQL backend CPU ms mean {(_backend_cpu_ms(connection) - backend_before) / count:.1f}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    if profile:
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(70)
        stats.sort_stats("tottime").print_stats(30)
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
        stats.dump_stats(ROOT / "var" / "bench" / "rating.prof")
    print(hub_probe.check_ratings([rater["id"] for rater in writers["raters"]]))


def _backend_cpu_ms(connection) -> float:
    """CPU milliseconds the PostgreSQL server process of this connection has used so far (its
    /proc entry, readable when the server runs on this machine; 0 otherwise). Ticks of 10 ms:
    meaningful as a mean over many ratings, not for one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _counting(counted: list[int]):
    """An execute wrapper that counts statements sent (BEGIN and COMMIT are not statements here),
    cheaper than CaptureQueriesContext, whose debug cursor would add to the CPU measured."""

    def wrapper(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    return wrapper


if __name__ == "__main__":
    main(sys.argv[1:])
