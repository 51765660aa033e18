"""Fixtures shared by the page cache's and the kept fragments' tests."""

import pytest
from django.core.cache import caches

from hub import cache as hub_cache
from hub import page_cache


@pytest.fixture
def pages_on(settings):
    """The page cache switched on (tests run with it off, ADR 0100) and empty before and after."""
    settings.HUB_PAGE_CACHE = True
    caches[page_cache.CACHE_ALIAS].clear()
    yield settings
    caches[page_cache.CACHE_ALIAS].clear()


@pytest.fixture
def pages_redis_down(pages_on):
    """The pages cache on a Redis nobody listens on."""
    config = {
        "BACKEND": "hub.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"FAIL_SILENTLY": True},
    }
    pages_on.CACHES = {**pages_on.CACHES, "pages": config}
    hub_cache.reset_breakers()
    yield
    hub_cache.reset_breakers()
