"""`/healthz` (hub/health.py): 200 when the database answers ("degraded" when the shared cache does
not), 503 naming the database when it does not; never a 500, never a secret, never limited, and
answered whatever Host header or scheme the health checker uses."""

import copy
import json

import pytest
from django.db import connections

from hub import cache as hub_cache
from hub import health
from tests.sockets import dead_port, silent_server


def _redis_at(settings, port: int, password: str = "") -> str:
    auth = f":{password}@" if password else ""
    url = f"redis://{auth}127.0.0.1:{port}/14"
    settings.CACHES = {
        "default": {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": url, "OPTIONS": {"FAIL_SILENTLY": True}},
        "limits": {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": url, "OPTIONS": {"FAIL_SILENTLY": False}},
    }
    hub_cache.reset_breakers()
    return url


def _broken_database(port: int, timeout: int = 1):
    """A real connection of the test database's engine that cannot reach its database: SQLite at a
    file in a folder that does not exist, PostgreSQL at a port given by the test."""
    default = connections["default"]
    config = copy.deepcopy(default.settings_dict)
    if default.vendor == "sqlite":
        config["NAME"] = "/nonexistent-folder/for-the-health-check/hub.sqlite3"
    else:
        config.update(HOST="127.0.0.1", PORT=port)
        config.setdefault("OPTIONS", {})["connect_timeout"] = timeout
    return default.__class__(config, alias="broken")


def _body(response) -> dict:
    return json.loads(response.content)


@pytest.mark.django_db
def test_everything_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert _body(response) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
@pytest.mark.parametrize("outage", ["dead port", "never answers"])
def test_cache_down_is_degraded_not_unhealthy_and_says_nothing_secret(client, settings, outage):
    with silent_server() as silent:
        port = dead_port() if outage == "dead port" else silent.port
        _redis_at(settings, port, password="hunter2-secret")
        response = client.get("/healthz")
    hub_cache.reset_breakers()
    assert response.status_code == 200
    assert _body(response) == {"status": "degraded", "database": "ok", "cache": "unavailable"}
    assert b"hunter2" not in response.content and str(port).encode() not in response.content


@pytest.mark.django_db
def test_database_down_is_503_naming_the_database(client, monkeypatch):
    broken = _broken_database(dead_port())
    monkeypatch.setattr(health, "connections", {"default": broken})
    response = client.get("/healthz")
    assert response.status_code == 503
    assert _body(response) == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


@pytest.mark.postgres
@pytest.mark.django_db
def test_database_that_never_answers_is_503_within_its_connect_timeout(client, monkeypatch):
    if connections["default"].vendor != "postgresql":
        pytest.skip("A connect time-out applies to PostgreSQL; SQLite is a local file.")
    with silent_server() as silent:
        monkeypatch.setattr(health, "connections", {"default": _broken_database(silent.port, timeout=1)})
        response = client.get("/healthz")
    assert response.status_code == 503
    assert _body(response)["database"] == "unavailable"


@pytest.mark.django_db
def test_both_down_is_503_naming_both(client, settings, monkeypatch):
    _redis_at(settings, dead_port())
    monkeypatch.setattr(health, "connections", {"default": _broken_database(dead_port())})
    response = client.get("/healthz")
    hub_cache.reset_breakers()
    assert response.status_code == 503
    assert _body(response) == {"status": "unavailable", "database": "unavailable", "cache": "unavailable"}


@pytest.mark.django_db
def test_an_unexpected_error_is_a_503_not_a_500(client, monkeypatch):
    def explode():
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(health, "database_status", explode)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert _body(response) == {"status": "unavailable"}


@pytest.mark.django_db
def test_answers_any_host_over_plain_http_when_production_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["hub.example.org"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert client.get("/about/", HTTP_HOST="hub.example.org").status_code == 301  # the rest still redirects


@pytest.mark.django_db
def test_the_health_checker_is_never_rate_limited(client, settings):
    settings.HUB_RATE_LIMITS = {
        name: {**spec, "rate": "1/m"} if spec["rate"] else spec for name, spec in settings.HUB_RATE_LIMITS.items()
    }
    statuses = {client.get("/healthz").status_code for _ in range(30)}
    assert statuses == {200}


@pytest.mark.django_db
def test_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
