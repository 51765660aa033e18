"""Database numbers on the local Redis (127.0.0.1:6379) for the test modules that use it.

`make test` runs the database passes under pytest-xdist (up to four workers): tests of one module
may run in two workers at once, so each module and worker gets its own database to empty and fill.
Databases 4 to 15: four a module. Database 2 belongs to tests/engines/test_multiprocess.py (one test).
"""

import os

PAGE_CACHE, SEARCH_LIMITS, GUNICORN = range(3)
WORKERS = 4


def worker() -> int:
    """This xdist worker's number (gw0 -> 0), 0 outside xdist."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")) % WORKERS


def redis_url(module: int) -> str:
    return f"redis://127.0.0.1:6379/{4 + module * WORKERS + worker()}"
