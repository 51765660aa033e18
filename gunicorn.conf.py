"""Gunicorn's settings for the hub (the Docker image runs `gunicorn -c gunicorn.conf.py`).

Forwarded headers (X-Forwarded-Proto and the like) are trusted from the same addresses as in
Django: HUB_TRUSTED_PROXIES, a proxy on the same machine when unset (docs/adr/0055).
"""

import os

bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
forwarded_allow_ips = os.environ.get("HUB_TRUSTED_PROXIES", "").strip() or "127.0.0.1,::1"
# A request that takes longer than this is cut; pages never wait on mail, feeds or search.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 25
