"""Concurrency caps across every worker: at most N holders of a named slot at once (hub-wide).

Used for "at most two fetches from one feed host at a time". A slot is a key added to the shared
cache with a time-out (so a crashed worker's slot frees itself); a task that finds every slot
taken raises `RetryLater` and goes back to the queue without spending an attempt. With the cache
down the cap is not enforced: the work's own deadlines still bound it.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.conf import settings
from django.core.cache import caches

from hub.cache import CacheUnavailable
from hub.tasks import RetryLater

logger = logging.getLogger(__name__)
UNAVAILABLE = object()


def _take(name: str, capacity: int, hold_seconds: float, token: str):
    cache = caches[settings.RATELIMIT_USE_CACHE]
    try:
        for number in range(capacity):
            key = f"slot:{name}:{number}"
            if cache.add(key, token, timeout=int(hold_seconds) + 1):
                return key
    except CacheUnavailable:
        logger.warning("The shared cache is down: %s runs without its cap of %d.", name, capacity)
        return UNAVAILABLE
    return None


def _give_back(key: str, token: str) -> None:
    cache = caches[settings.RATELIMIT_USE_CACHE]
    with suppress(CacheUnavailable):
        if cache.get(key) == token:
            cache.delete(key)


@contextmanager
def slot(name: str, capacity: int, hold_seconds: float, wait: tuple[float, float] = (5, 15)) -> Iterator[None]:
    """Hold one of `capacity` slots named `name` for the block (at most `hold_seconds`), or raise
    RetryLater with a wait drawn from `wait` seconds when all are taken."""
    token = uuid.uuid4().hex
    key = _take(name, capacity, hold_seconds, token)
    if key is None:
        raise RetryLater(random.uniform(*wait), f"all {capacity} slot(s) of {name} are busy")  # noqa: S311
    try:
        yield
    finally:
        if key is not UNAVAILABLE:
            _give_back(key, token)
