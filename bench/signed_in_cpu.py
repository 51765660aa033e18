"""CPU time per signed-in request of the benchmark's pages (bench/hub_probe.py targets: every page,
or the names in BENCH_PAGES, comma-separated), in one process, through the whole middleware stack
with the production settings (bench/settings.py) and the Redis cache: warm (the page's shared parts
and fragments kept) and cold (the generation replaced before each request, as after any write).
docs/adr/0102 gives the figures.

    DATABASE_URL=postgres://.../corpus CACHE_URL=redis://127.0.0.1:6379/11 SECRET_KEY=... \\
    ALLOWED_HOSTS=testserver,127.0.0.1 STATIC_ROOT=var/bench/static python bench/signed_in_cpu.py [ROUNDS]

Prints one JSON document: per page, the median and best CPU milliseconds and the SQL queries.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def measure(client, url: str, rounds: int, before=None) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, queries = [], 0
    for _ in range(rounds):
        if before is not None:
            before()
        start = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        cpu.append((time.process_time() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    return {"median_ms": round(statistics.median(cpu), 1), "best_ms": round(min(cpu), 1), "queries": queries}


def main(rounds: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench import hub_probe
    from hub import page_cache

    urls = hub_probe.targets()
    client = Client(**hub_probe.HEADERS)
    client.force_login(get_user_model().objects.get(username=hub_probe.SIGNED_IN))
    result = {"rounds": rounds, "load": os.getloadavg()[0]}
    names = [name.strip() for name in os.environ.get("BENCH_PAGES", "").split(",") if name.strip()]
    for name in names or hub_probe.PAGES:
        client.get(urls[name])  # templates loaded, connections open
        result[name] = {
            "url": urls[name],
            "warm": measure(client, urls[name], rounds),
            "cold": measure(client, urls[name], rounds, before=page_cache.bump),
        }
    return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20), indent=1))
