"""The Docker image and docker-compose keep secrets out, run as a non-root user on read-only code,
publish only the proxy, and check their health (docs/deploy.md, docs/adr/0055 and 0056)."""

import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _rules() -> list[tuple[bool, re.Pattern]]:
    """.dockerignore as (excluded, pattern) rules, in Docker's sense: `*` within one path part,
    `**` across parts, `!` re-includes, the last matching rule wins."""
    rules = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
        rules.append((not negated, re.compile(regex.replace(r"\?", "[^/]") + r"\Z")))
    return rules


def _excluded(path: str) -> bool:
    parts = path.split("/")
    excluded = False
    for depth in range(1, len(parts) + 1):  # a folder that is left out takes everything in it
        prefix = "/".join(parts[:depth])
        for exclude, pattern in _rules():
            if pattern.match(prefix):
                excluded = exclude
        if excluded:
            return True
    return excluded


LEFT_OUT = [
    ".env",
    ".env.production",
    "deploy/.env",
    "settings/local.py",
    "var/hub.sqlite3",
    "var/media/original_images/photo.jpg",
    "var/mail/20260101-1.log",
    "media/documents/minutes.pdf",
    "hub.sqlite3",
    "wiki/scratch.sqlite3",
    "db.sqlite3-wal",
    ".venv/bin/python",
    ".git/config",
    "node_modules/axe-core/axe.min.js",
    "static_collected/css/site.css",
    "test-results/trace.zip",
    ".pytest_cache/v/cache/lastfailed",
    "junit-SQLite.xml",
    "hub/__pycache__/views.cpython-312.pyc",
    "deploy/nginx/certs/privkey.pem",
    "server.key.pem",
]
KEPT = [
    "manage.py",
    "requirements.txt",
    "gunicorn.conf.py",
    "hub/views.py",
    "hub/templates/base.html",
    "hub/static/css/site.css",
    "settings/production.py",
    "scripts/healthcheck.py",
    "wiki/migrations/0001_initial.py",
]


@pytest.mark.parametrize("path", LEFT_OUT)
def test_secrets_and_local_data_stay_out_of_the_image(path):
    assert _excluded(path), f"{path} would be copied into the image: add it to .dockerignore"


@pytest.mark.parametrize("path", KEPT)
def test_the_code_goes_into_the_image(path):
    assert not _excluded(path)


def _dockerfile() -> list[str]:
    """The instructions of the final stage, continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    last_from = max(index for index, line in enumerate(lines) if line.startswith("FROM "))
    return lines[last_from:]


def test_the_app_runs_as_a_user_without_write_access_to_the_code():
    stage = _dockerfile()
    users = [line.split()[1] for line in stage if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    copies = [line for line in stage if line.startswith("COPY ") and "--from=" not in line]
    assert copies and not any("--chown" in line for line in copies), "the code must stay owned by root"
    chowned = re.findall(r"chown -R (\S+) (\S+)", " ".join(stage))
    assert chowned == [("hub:hub", "/app/var")], "only the uploads folder belongs to the app user"


def test_the_base_brings_a_current_expat_and_the_build_checks_it():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"ARG PYTHON_IMAGE=python:3\.1[2-9]-slim-trixie", text)
    assert "pyexpat.version_info >= (2, 7, 0)" in text


def test_the_image_checks_its_health_and_gunicorn_trusts_only_the_proxy():
    stage = _dockerfile()
    assert any(line.startswith("HEALTHCHECK ") and "scripts/healthcheck.py" in line for line in stage)
    command = next(line for line in stage if line.startswith("CMD "))
    assert "gunicorn.conf.py" in command and "forwarded-allow-ips" not in command


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_production_services():
    assert set(_compose()["services"]) == {"proxy", "web", "worker", "scheduler", "db", "redis", "elasticsearch"}


def test_only_the_proxy_is_published():
    services = _compose()["services"]
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy"}


def test_the_app_trusts_forwarded_headers_from_the_proxy_address_only():
    services = _compose()["services"]
    proxy_address = services["proxy"]["networks"]["hub"]["ipv4_address"]
    for name in ("web", "worker", "scheduler"):
        assert services[name]["environment"]["HUB_TRUSTED_PROXIES"] == proxy_address


def test_elasticsearch_matches_the_clients_major_and_minor_version():
    client = re.search(r"^elasticsearch==(\d+\.\d+)\.", (ROOT / "requirements.txt").read_text(), re.M).group(1)
    image = _compose()["services"]["elasticsearch"]["image"]
    assert image.rsplit(":", 1)[1].startswith(client + ".")


class _Health(http.server.BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):
        self.send_response(self.status)
        self.end_headers()
        self.wfile.write(b'{"status": "test"}')

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "exit_code"), [(200, 0), (503, 1)])
def test_the_healthcheck_script_exits_by_the_answer(status, exit_code):
    handler = type("Handler", (_Health,), {"status": status})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = {**os.environ, "PORT": str(server.server_address[1])}
        result = subprocess.run(
            [sys.executable, "scripts/healthcheck.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == exit_code
    assert '"status": "test"' in result.stdout
