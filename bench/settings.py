"""The hub's production settings, as docs/deploy.md runs them, plus the benchmark's baseline view.

Only two changes: the URLconf adds `/bench/baseline/` (a trivial view returning a fixed 10 KB
page, served by the same gunicorn workers), and that path is left out of the page cache so the
baseline is a real Django view on every request.
"""

from settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
HUB_PAGE_CACHE_EXEMPT = (*globals().get("HUB_PAGE_CACHE_EXEMPT", ()), "/bench/")
