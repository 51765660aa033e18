"""The production settings under a real gunicorn (gunicorn.conf.py), as the Docker image runs them:
X-Forwarded-Proto is believed only from HUB_TRUSTED_PROXIES, and /healthz answers the health
checker over plain HTTP whatever Host it sends. The app server reads this test's database."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connections

from tests import local_redis

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _database_url() -> str:
    config = connections["default"].settings_dict
    if connections["default"].vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    return f"postgres://{config['USER']}@{config['HOST']}:{config['PORT'] or 5432}/{config['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "gunicorn-test-" + "k" * 60,
        "ALLOWED_HOSTS": "hub.example.org",
        "CACHE_URL": local_redis.redis_url(local_redis.GUNICORN),
        "STATIC_ROOT": str(static_root),
        "WEB_CONCURRENCY": "1",
        "HUB_TRUSTED_PROXIES": "",
    }
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": "sqlite:///" + str(static_root / "unused.sqlite3")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert collected.returncode == 0, collected.stderr
    return env


class Gunicorn:
    def __init__(self, env: dict, trusted: str):
        self.port = _free_port()
        env = {
            **env,
            "DATABASE_URL": _database_url(),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "HUB_TRUSTED_PROXIES": trusted,
        }
        self.process = subprocess.Popen(
            [GUNICORN, "--config", "gunicorn.conf.py", "hub.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("gunicorn stopped: " + self.process.stderr.read().decode())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start within 60 s")

    def get(self, path: str, **headers) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path, headers={"Host": "hub.example.org", **headers})
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def server(production_env, request):
    gunicorn = Gunicorn(production_env, request.param)
    yield gunicorn
    gunicorn.stop()


@pytest.mark.django_db
@pytest.mark.parametrize("server", ["10.9.9.9"], indirect=True)
def test_a_stranger_claiming_https_is_redirected_to_https(server):
    response = server.get("/about/", **{"X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.getheader("Location") == "https://hub.example.org/about/"


@pytest.mark.django_db
@pytest.mark.parametrize("server", ["127.0.0.1"], indirect=True)
def test_the_trusted_proxy_is_believed(server):
    believed = server.get("/about/", **{"X-Forwarded-Proto": "https"})
    assert believed.status == 200
    assert believed.getheader("Strict-Transport-Security", "").startswith("max-age=")
    assert server.get("/about/").status == 301  # plain HTTP through the proxy is still redirected


@pytest.mark.django_db
@pytest.mark.parametrize("server", ["10.9.9.9"], indirect=True)
def test_the_health_check_answers_plain_http_for_any_host(server):
    response = server.get("/healthz", Host="10.0.0.7:8000")
    assert response.status == 200
    assert json.loads(response.body)["database"] == "ok"
