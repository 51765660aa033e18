"""A circuit breaker for Elasticsearch, with its state in the shared cache.

After a failure every app server skips Elasticsearch for SEARCH_BREAKER_COOLDOWN seconds and
answers from the database, so visitors do not each wait for the timeout while the cluster is
down. When the cooldown ends the next search tries the cluster again (half-open).
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
KEY = "search:elasticsearch:breaker-open-since"


def is_open() -> bool:
    return cache.get(KEY) is not None


def trip(reason: str) -> None:
    if not is_open():
        cooldown = settings.SEARCH_BREAKER_COOLDOWN
        logger.warning("Elasticsearch unavailable (%s): using the database for %ss", reason, cooldown)
    cache.set(KEY, time.time(), timeout=settings.SEARCH_BREAKER_COOLDOWN)


def reset() -> None:
    cache.delete(KEY)
