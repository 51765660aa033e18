"""The shared cache (Redis) as an accelerator, never a dependency. See docs/adr/0052.

`ResilientRedisCache` is Django's Redis cache with short socket time-outs and a per-process
circuit breaker: the first failure opens it for `HUB_CACHE_RETRY_SECONDS`, during which no
request talks to Redis at all (so a Redis that never answers costs one request one time-out, not
every request). What happens meanwhile depends on the alias:
- `default` (`OPTIONS["FAIL_SILENTLY"] = True`): reads miss and writes are dropped, so every page
  answers from the database, only slower;
- `limits` (the rate-limit counters, hub/ratelimit.py): every call raises `CacheUnavailable`, so
  each limit can fail in the direction chosen for it.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)
_OPEN_UNTIL: dict[str, float] = {}  # per Redis address: monotonic time until which it is skipped
_LOCK = threading.Lock()
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class CacheUnavailable(Exception):
    """The shared cache cannot be reached (down, or the breaker is open after a failure)."""


def breaker_open(location: str) -> bool:
    return _OPEN_UNTIL.get(location, 0.0) > time.monotonic()


def open_breaker(location: str, seconds: float, error: BaseException) -> None:
    with _LOCK:
        already = breaker_open(location)
        _OPEN_UNTIL[location] = time.monotonic() + seconds
    if not already:
        logger.warning(
            "The shared cache at %s is unavailable (%s); pages answer without it for %.0f s before it is "
            "tried again. Check that Redis is running and CACHE_URL points at it.",
            location,
            error.__class__.__name__,
            seconds,
        )


def reset_breakers() -> None:
    """Forget every failure (tests, and a process that knows Redis is back)."""
    _OPEN_UNTIL.clear()


def _guarded(default):
    """Run a cache method through the breaker; on failure return `default` or raise CacheUnavailable."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if breaker_open(self.location):
                return self._unavailable(default, None)
            try:
                return method(self, *args, **kwargs)
            except REDIS_DOWN as error:
                open_breaker(self.location, self.retry_seconds, error)
                return self._unavailable(default, error)

        return wrapper

    return decorate


class OneClientPerPool(RedisCacheClient):
    """Django's Redis cache builds a new `redis.Redis` for every call (about 0.15 ms of CPU each,
    most of it copying its table of response callbacks), and a signed-in page makes three or four
    calls. A `redis.Redis` is safe to share between threads (each command takes a connection from
    the pool), so one is kept per connection pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.fail_silently = options.pop("FAIL_SILENTLY", True)
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = OneClientPerPool
        self.location = server if isinstance(server, str) else ",".join(server)

    def _unavailable(self, default, error):
        if self.fail_silently:
            return default() if callable(default) else default
        raise CacheUnavailable(f"The shared cache at {self.location} is unavailable.") from error

    @_guarded(False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    def get(self, key, default=None, version=None):
        if breaker_open(self.location):
            return self._unavailable(lambda: default, None)
        try:
            return super().get(key, default, version)
        except REDIS_DOWN as error:
            open_breaker(self.location, self.retry_seconds, error)
            return self._unavailable(lambda: default, error)

    @_guarded(None)
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_guarded(False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_guarded(False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_guarded(dict)
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_guarded(False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_guarded(None)
    def incr(self, *args, **kwargs):
        return super().incr(*args, **kwargs)

    @_guarded(list)
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @_guarded(None)
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_guarded(False)
    def clear(self):
        return super().clear()
