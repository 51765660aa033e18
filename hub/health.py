"""`/healthz`: is this app server able to answer? For the container's HEALTHCHECK and load balancers.

- The database answers: 200 `{"status": "ok", ...}`.
- The database answers but the shared cache does not: 200 `{"status": "degraded", "cache": "unavailable"}`.
  Pages still answer from the database (docs/adr/0052), so the server stays in rotation.
- The database does not answer: 503 `{"status": "unavailable", "database": "unavailable"}`.

Never a 500, never a secret (no error text, no address), never rate-limited, and answered before
host validation, HTTPS redirects, sessions and limits (HealthCheckMiddleware): the health checker
calls the server by its internal address over plain HTTP. See docs/adr/0055.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import HttpRequest, JsonResponse

logger = logging.getLogger(__name__)
OK, UNAVAILABLE = "ok", "unavailable"


def database_status() -> str:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not answering"; the log names its kind
        logger.warning("Health check: the database did not answer (%s).", error.__class__.__name__)
        return UNAVAILABLE
    return OK


def cache_status() -> str:
    """A write and a read through the `limits` alias, which raises when Redis is down (the `default`
    alias hides failures as misses)."""
    token = secrets.token_hex(8)
    try:
        cache = caches[settings.RATELIMIT_USE_CACHE]
        cache.set("hub:healthz", token, 30)
        answered = cache.get("hub:healthz") == token
    except Exception as error:  # as above
        logger.warning("Health check: the shared cache did not answer (%s).", error.__class__.__name__)
        return UNAVAILABLE
    return OK if answered else UNAVAILABLE


def report() -> tuple[int, dict[str, str]]:
    parts = {"database": database_status(), "cache": cache_status()}
    if parts["database"] != OK:
        return 503, {"status": UNAVAILABLE, **parts}
    return 200, {"status": "ok" if parts["cache"] == OK else "degraded", **parts}


def healthz(request: HttpRequest) -> JsonResponse:
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"detail": "Use GET."}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    try:
        status, body = report()
    except Exception:  # a health check answers, whatever happens
        logger.exception("Health check failed unexpectedly.")
        status, body = 503, {"status": UNAVAILABLE}
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response
