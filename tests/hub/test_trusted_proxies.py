"""Forwarded headers count only from the proxies of HUB_TRUSTED_PROXIES, in Django and in gunicorn
(docs/adr/0055)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from hub.middleware import FORWARDED_HEADERS, TrustedProxyMiddleware
from settings.env import env_networks

ROOT = Path(__file__).resolve().parents[2]
SPOOFED = {
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_FOR": "198.51.100.7",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_FORWARDED": "for=198.51.100.7;proto=https",
    "HTTP_X_REAL_IP": "198.51.100.7",
}


def _seen_by_the_view(remote_addr: str) -> dict:
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr, **SPOOFED)
    seen = {}
    TrustedProxyMiddleware(lambda request: seen.update(request.META))(request)
    return {name: seen[name] for name in FORWARDED_HEADERS if name in seen}


def test_forwarded_headers_from_an_unlisted_address_are_dropped(settings):
    settings.HUB_TRUSTED_PROXIES = ["10.0.0.5"]
    assert _seen_by_the_view("203.0.113.9") == {}


def test_forwarded_headers_from_a_listed_proxy_reach_the_view(settings):
    settings.HUB_TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert _seen_by_the_view("10.0.0.5") == SPOOFED


@pytest.mark.django_db
@pytest.mark.parametrize(("trusted", "status"), [([], 301), (["127.0.0.1"], 200)])
def test_https_is_believed_only_from_a_trusted_proxy(client, settings, trusted, status):
    """The test client's address is 127.0.0.1: a stranger's X-Forwarded-Proto gets the HTTPS redirect."""
    settings.HUB_TRUSTED_PROXIES = trusted
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/about/", HTTP_X_FORWARDED_PROTO="https").status_code == status


@pytest.mark.parametrize("value", ["*", "0.0.0.0/0", "::/0", "proxy.internal", "10.0.0.300"])
def test_trusting_everyone_or_a_name_is_refused(monkeypatch, value):
    monkeypatch.setenv("HUB_TRUSTED_PROXIES", f"10.0.0.5,{value}")
    with pytest.raises(ImproperlyConfigured, match="HUB_TRUSTED_PROXIES"):
        env_networks("HUB_TRUSTED_PROXIES")


def test_addresses_and_networks_are_accepted(monkeypatch):
    monkeypatch.setenv("HUB_TRUSTED_PROXIES", "10.0.0.5, 172.30.0.0/24, fd00::/64")
    assert env_networks("HUB_TRUSTED_PROXIES") == ["10.0.0.5", "172.30.0.0/24", "fd00::/64"]


def _run(command: list[str], **env) -> str:
    clean = {key: value for key, value in os.environ.items() if key != "HUB_TRUSTED_PROXIES"}
    result = subprocess.run(command, cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _production(**env) -> str:
    production = {
        "SECRET_KEY": "k" * 64,
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "postgres://h@db/hub",
        "CACHE_URL": "redis://cache.internal:6379/0",
    }
    code = "import settings.production as s; print(','.join(s.HUB_TRUSTED_PROXIES))"
    return _run([sys.executable, "-c", code], **production, **env).strip()


def test_production_trusts_a_proxy_on_the_same_machine_unless_told_otherwise():
    assert _production() == "127.0.0.1,::1"
    assert _production(HUB_TRUSTED_PROXIES="172.30.0.10") == "172.30.0.10"


def _gunicorn_allows(**env) -> str:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    output = _run([gunicorn, "--print-config", "--config", "gunicorn.conf.py", "hub.wsgi:application"], **env)
    return next(line.split("=", 1)[1].strip() for line in output.splitlines() if line.startswith("forwarded_allow_ips"))


def test_gunicorn_trusts_the_same_addresses():
    assert _gunicorn_allows() == "['127.0.0.1', '::1']"
    assert _gunicorn_allows(HUB_TRUSTED_PROXIES="172.30.0.10,10.1.0.0/16") == "['172.30.0.10', '10.1.0.0/16']"
