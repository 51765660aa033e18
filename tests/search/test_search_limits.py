"""Searches and suggestions are limited per visitor: the real client address behind a trusted proxy,
counted in the shared cache (a real Redis here), answered with the plain 429 page or JSON."""

import pytest
import redis

from hub import cache as hub_cache
from tests import local_redis

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"
REDIS_URL = local_redis.redis_url(local_redis.SEARCH_LIMITS)


@pytest.fixture
def shared_limits(settings):
    """The `limits` alias on the local Redis (one database a test worker), emptied before and after."""
    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        server.flushdb()
    except redis.ConnectionError:
        pytest.skip("No Redis on 127.0.0.1:6379: the limits' shared cache cannot be tested here.")
    settings.CACHES = {
        **settings.CACHES,
        "limits": {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": REDIS_URL, "OPTIONS": {}},
    }
    hub_cache.reset_breakers()
    yield server
    server.flushdb()
    hub_cache.reset_breakers()


def limit(settings, name, rate):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, name: {**settings.HUB_RATE_LIMITS[name], "rate": rate}}


def search(client, visitor, remote=PROXY, **extra):
    return client.get("/search/", {"q": "rent"}, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=visitor, **extra)


def test_the_search_page_is_limited_per_visitor_behind_the_trusted_proxy(client, settings, shared_limits):
    settings.HUB_TRUSTED_PROXIES = [PROXY]
    limit(settings, "search-page", "3/m")
    assert [search(client, "203.0.113.7").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert search(client, "203.0.113.8").status_code == 200  # another visitor behind the same proxy
    blocked = search(client, "198.51.100.1, 203.0.113.7")  # a forged first hop changes nothing
    assert blocked.status_code == 429
    assert "Too many searches from your address in a minute." in blocked.content.decode()
    assert blocked["Retry-After"] and blocked["Content-Type"].startswith("text/html")
    assert shared_limits.dbsize() > 0  # the counters live in the shared Redis


def test_a_visitor_who_is_not_a_trusted_proxy_cannot_spread_over_forged_addresses(client, settings, shared_limits):
    settings.HUB_TRUSTED_PROXIES = [PROXY]
    limit(settings, "search-page", "2/m")
    codes = [search(client, f"203.0.113.{n}", remote="192.0.2.50").status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_an_empty_search_page_is_not_counted(client, settings, shared_limits):
    limit(settings, "search-page", "1/m")
    assert [client.get("/search/").status_code for _ in range(3)] == [200, 200, 200]


def test_the_limit_answers_json_to_a_script(client, settings, shared_limits):
    limit(settings, "search-page", "1/m")
    search(client, "203.0.113.9", remote="203.0.113.9")
    response = search(client, "203.0.113.9", remote="203.0.113.9", HTTP_ACCEPT="application/json")
    assert (response.status_code, response.json()["detail"]) == (
        429,
        "Too many searches from your address in a minute.",
    )


def test_suggestions_are_limited_per_visitor_behind_the_trusted_proxy(client, settings, shared_limits):
    settings.HUB_TRUSTED_PROXIES = [PROXY]
    settings.SEARCH_SUGGEST_RATE = (2, 60)

    def suggest(visitor, **headers):
        return client.get("/search/suggest/", {"q": "ren"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor, **headers)

    assert [suggest("203.0.113.7").status_code for _ in range(3)] == [200, 200, 429]
    assert suggest("203.0.113.8").status_code == 200
    message = settings.HUB_RATE_LIMITS["search-suggest"]["message"]
    assert suggest("203.0.113.7", HTTP_ACCEPT="application/json").json()["detail"] == message  # as suggest.js asks
    assert suggest("203.0.113.7", HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["detail"] == message
