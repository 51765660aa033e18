"""The one rate-limit helper of the hub: counters in the shared cache, keyed on the real client.

Every limit has a name in `settings.HUB_RATE_LIMITS`, with its rate and the direction it fails
in when the shared cache is down ("open": let the action through; "closed": refuse it). The
counting is django-ratelimit's fixed window (an atomic add-or-increment in Redis, so a limit holds
exactly across processes and machines) in the `limits` cache alias. See docs/adr/0053.

In a view (function or class-based ``as_view()``), count only POSTs, keyed on the client address::

    from hub import ratelimit

    @ratelimit.limit("search-suggest", methods=("GET",))
    def suggest(request): ...

Anywhere with a request (a view, a DRF API view, a form), or in a service with a key of its own::

    ratelimit.hit(request, "signup")                        # keyed on the client address
    ratelimit.consume("qa-question", f"user:{user.pk}")     # any string key, no request needed

Both raise `RateLimited` (message, retry_after). Left alone, `RateLimitMiddleware` answers it
with the plain 429 page, or JSON with `detail` for the API and JSON requests, and `Retry-After`.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from collections.abc import Callable
from contextlib import suppress
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, JsonResponse
from django_ratelimit import ALL
from django_ratelimit.core import _get_window, _make_cache_key, _split_rate, get_usage

from hub.cache import CacheUnavailable
from hub.proxies import is_trusted_proxy
from hub.views import too_many_requests

logger = logging.getLogger(__name__)
Rate = str | tuple[int, int]


class RateLimited(Exception):
    """A limit was reached. `message` is plain language for the visitor; `retry_after` in seconds."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, int(retry_after))


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or the nearest untrusted address in X-Forwarded-For when
    the request came through a proxy listed in `settings.HUB_TRUSTED_PROXIES`. IPv6 is taken per /64."""
    remote = request.META.get("REMOTE_ADDR", "")
    address = remote
    if _trusted(remote):
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([part for part in forwarded if part]):
            if _parse(hop) is None:
                break  # a malformed hop: trust nothing further along the chain
            address = hop
            if not _trusted(hop):
                break
    return _bucket(address)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(value: str) -> bool:
    return is_trusted_proxy(value)


def _bucket(address: str) -> str:
    parsed = _parse(address)
    if parsed is None:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def _spec(name: str) -> dict:
    try:
        return settings.HUB_RATE_LIMITS[name]
    except KeyError:
        message = f"No rate limit named {name!r}: add it to HUB_RATE_LIMITS with its rate and fail direction."
        raise KeyError(message) from None


def consume(name: str, key: str, rate: Rate | None = None, message: str | None = None) -> None:
    """Count one use of limit `name` for `key`; raise RateLimited past the rate.

    `rate` ("5/5m", or (count, seconds)) overrides the configured rate, for limits whose rate lives
    in a part's own settings. When the shared cache is down, the limit's fail direction decides."""
    spec = _spec(name)
    rate = rate or spec["rate"]
    if rate is None:
        raise ValueError(f"Limit {name!r} takes its rate from its caller, and none was given.")
    try:
        usage = _count(name, key, rate)
    except CacheUnavailable:
        if spec["fail"] == "open":
            return
        logger.warning("Limit %s refused an action: the shared cache is down and it fails closed.", name)
        raise RateLimited(spec["unavailable"], 60) from None
    if usage is not None and usage["should_limit"]:
        raise RateLimited(message or spec["message"], usage["time_left"])


def _count(name: str, key: str, rate: Rate) -> dict | None:
    """django-ratelimit's fixed window; a limit of one per period is a cooldown from the last use instead
    ("refresh now" once in five minutes means five minutes after the last refresh, not at a window's edge)."""
    count, period = _split_rate(rate)
    if count != 1:
        return get_usage(None, group=name, key=lambda group, request: key, rate=rate, increment=True)
    cache = caches[settings.RATELIMIT_USE_CACHE]
    cache_key = f"rl:cooldown:{name}:{key}"
    now = time.time()
    if cache.add(cache_key, now + period, period):
        return {"should_limit": False, "time_left": period}
    until = cache.get(cache_key)
    return {"should_limit": True, "time_left": math.ceil((until or now + period) - now)}


def undo(name: str, key: str, rate: Rate | None = None) -> None:
    """Take back one use (a log-in that turned out right does not count as a failed attempt)."""
    rate = rate or _spec(name)["rate"]
    count, period = _split_rate(rate)
    if count == 1:
        with suppress(CacheUnavailable):
            caches[settings.RATELIMIT_USE_CACHE].delete(f"rl:cooldown:{name}:{key}")
        return
    cache_key = _make_cache_key(name, _get_window(key, period), rate, key, ALL)
    with suppress(CacheUnavailable, ValueError):  # the counter is gone or unreachable: nothing to take back
        caches[settings.RATELIMIT_USE_CACHE].decr(cache_key)


def hit(request: HttpRequest, name: str, key: str | None = None, rate: Rate | None = None) -> None:
    """`consume` keyed on the client's address (or on `key`, made specific to this limit)."""
    consume(name, key if key is not None else f"ip:{client_ip(request)}", rate)


def limit(name: str, key: Callable[[HttpRequest], str] | None = None, methods: tuple[str, ...] = ("POST",)):
    """View decorator: count requests with these methods; past the rate, answer 429 at once."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                try:
                    hit(request, name, key(request) if key else None)
                except RateLimited as error:
                    return respond(request, error)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def wants_json(request: HttpRequest) -> bool:
    """The API, scripts asking for JSON (as search/static/search/suggest.js does) and XHR get JSON."""
    accept = request.headers.get("Accept", "")
    xhr = request.headers.get("X-Requested-With") == "XMLHttpRequest"
    return request.path.startswith("/api/") or xhr or ("application/json" in accept and "text/html" not in accept)


def respond(request: HttpRequest, error: RateLimited):
    """The one answer to a reached limit: the plain 429 page, or JSON for API and JSON requests."""
    if wants_json(request):
        response = JsonResponse({"detail": error.message, "retry_after": error.retry_after}, status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    return too_many_requests(request, error.message, error.retry_after)


class RateLimitMiddleware:
    """Answers a RateLimited raised anywhere in a view (services, forms, adapters) with `respond`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return respond(request, exception)
        return None
