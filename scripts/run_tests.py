"""The whole test suite, as the README's `make test` runs it.

Passes, in order: checks (manage.py check, makemigrations --check, ruff, lint-imports), pip-audit over
the pinned requirements (known vulnerabilities fail the run; a vulnerability database that cannot be
reached is said plainly in the summary, as a pass that did not run), pytest on SQLite,
pytest again on PostgreSQL, the search tests against a real Elasticsearch when ELASTICSEARCH_URL is set,
and the browser tests in headless Chromium. Under CI=true a
missing PostgreSQL or Chromium fails the run with a clear message; elsewhere the run ends by
saying plainly which passes did not run. A runtime whose expat is older than the fixed versions
gets a warning line in the summary (not a failure). The last line counts every test of every pass.
"""

import json
import os
import pyexpat
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CI = os.environ.get("CI", "").lower() == "true"
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# Reports and scratch files of this run only: two checkouts can run their suites side by side.
SCRATCH = Path(tempfile.mkdtemp(prefix="cohub-run-tests-"))
CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
# expat 2.6 and 2.7 fixed advisories that feed parsing meets (docs/adr/0056).
EXPAT_FIXED = (2, 7, 0)


class Summary:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.did_not_run: list[str] = []
        self.failures: list[str] = []
        self.warnings: list[str] = []  # printed in the summary; they never fail the run

    def add_junit(self, path: Path, label: str) -> None:
        if not path.exists():
            self.failures.append(f"{label}: pytest wrote no report")
            return
        root = ET.parse(path).getroot()  # noqa: S314 - our own file
        for suite in root.iter("testsuite"):
            tests, failures, errors, skipped = (
                int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")
            )
            self.passed += tests - failures - errors - skipped
            self.failed += failures + errors
            self.skipped += skipped
            if failures or errors:
                self.failures.append(f"{label}: {failures + errors} failed")


def banner(text: str) -> None:
    print(f"\n=== {text} ===", flush=True)


def run(command: list[str], env: dict | None = None) -> int:
    print("$ " + " ".join(command), flush=True)
    return subprocess.call(command, cwd=ROOT, env={**os.environ, **(env or {})})


def expat_warning(version: tuple[int, int, int] = pyexpat.version_info) -> str | None:
    """A plain warning when this Python's expat (which parses feeds) is older than the fixed versions."""
    if tuple(version) >= EXPAT_FIXED:
        return None
    found, fixed = ".".join(map(str, version)), ".".join(map(str, EXPAT_FIXED))
    return (
        f"this Python parses feeds with expat {found}, older than {fixed} (the 2.6 and 2.7 releases fixed "
        "security advisories). Production runs the Docker image, whose expat is current (docs/adr/0056); "
        "here, use a Python linked against a newer libexpat (for example on Debian 13) to test with it."
    )


def checks(summary: Summary) -> None:
    banner("Checks: manage.py check, makemigrations --check, ruff, import layers")
    env = {"DJANGO_SETTINGS_MODULE": "settings.test"}
    steps = [
        ("manage.py check", [PYTHON, "manage.py", "check", "--fail-level", "WARNING"]),
        ("makemigrations --check", [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"]),
        ("ruff check", [PYTHON, "-m", "ruff", "check", "."]),
        ("ruff format --check", [PYTHON, "-m", "ruff", "format", "--check", "."]),
        # The layer contracts in pyproject.toml; a broken one names the import that broke it.
        ("lint-imports", [str(Path(PYTHON).with_name("lint-imports"))]),
    ]
    for label, command in steps:
        if run(command, env) != 0:
            summary.failures.append(f"check failed: {label}")
    if warning := expat_warning():
        print(f"WARNING: {warning}", flush=True)
        summary.warnings.append(warning)
    deploy_env = {
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": "check-deploy-" + "x" * 60,
        "ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "sqlite:///" + str(SCRATCH / "deploy-check.sqlite3"),
        "CACHE_URL": "redis://127.0.0.1:6379/0",  # only named: the deploy check does not connect
    }
    if run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], deploy_env) != 0:
        summary.failures.append("check failed: manage.py check --deploy with production settings")


def audit_pass(summary: Summary) -> None:
    """pip-audit over the pins of requirements.txt and requirements-dev.txt, against PyPI's advisories."""
    banner("pip-audit: known vulnerabilities in the pinned requirements")
    report = SCRATCH / "pip-audit.json"
    report.unlink(missing_ok=True)
    command = [PYTHON, "-m", "pip_audit", "-r", "requirements.txt", "-r", "requirements-dev.txt", "--no-deps"]
    command += ["--disable-pip", "--progress-spinner", "off", "--timeout", "10", "--format", "json", "-o", str(report)]
    # One quick look first: without it, each of some forty packages would wait out its own time-out.
    code = run(command) if _reachable("pypi.org", 443) else -1
    data = json.loads(report.read_text()) if report.exists() and report.stat().st_size else None
    kind, message = audit_outcome(data, code)
    print(message, flush=True)
    {"failed": summary.failures, "unreachable": summary.did_not_run, "partial": summary.warnings}.get(kind, []).append(
        message
    )


def _reachable(host: str, port: int, timeout: float = 5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def audit_outcome(data: dict | None, code: int) -> tuple[str, str]:
    """What pip-audit's JSON report says: ("ok" | "failed" | "unreachable" | "partial", a plain message).
    pip-audit reports a package it could not look up as skipped, so when it could look up none (no
    network, PyPI down) it would say "no known vulnerabilities": that is read here as unreachable."""
    if data is None:
        return "unreachable", (
            "pip-audit did not run: the vulnerability database (PyPI) could not be reached "
            f"(exit code {code}, no report), so no pinned package was checked for known vulnerabilities."
        )
    packages = data.get("dependencies", [])
    found = [
        f"{item['name']} {item['version']}: {vuln['id']} (fixed in {_fixes(vuln)})"
        for item in packages
        for vuln in item.get("vulns", [])
    ]
    skipped = [item["name"] for item in packages if "skip_reason" in item]
    if found:
        return "failed", "known vulnerabilities in pinned packages: " + "; ".join(found)
    if packages and len(skipped) == len(packages):
        return "unreachable", (
            f"pip-audit did not run: the vulnerability database (PyPI) could not be reached, so none of the "
            f"{len(packages)} pinned packages was checked for known vulnerabilities."
        )
    if skipped:
        return "partial", f"pip-audit could not look up {len(skipped)} pinned packages: {', '.join(skipped)}."
    return "ok", f"no known vulnerabilities in {len(packages)} pinned packages."


def _fixes(vuln: dict) -> str:
    return ", ".join(vuln.get("fix_versions") or ["no release yet"])


def workers() -> list[str]:
    """pytest-xdist workers for the database passes: one per core (at most four), or
    HUB_TEST_WORKERS. Each worker has its own test database and its own Redis databases
    (tests/local_redis.py). Tests are handed out one by one in pytest-django's order, so tests that
    empty the database (transactional ones) still run after the others in each worker; handing out
    whole files (--dist loadfile) broke that order. The browser pass stays in one process."""
    count = int(os.environ.get("HUB_TEST_WORKERS", min(os.cpu_count() or 1, 4)))
    return ["-n", str(count)] if count > 1 else []


def pytest_pass(summary: Summary, label: str, args: list[str], env: dict) -> None:
    banner(f"pytest: {label}")
    report = SCRATCH / f"junit-{label.replace(' ', '-')}.xml"
    report.unlink(missing_ok=True)
    code = run([PYTHON, "-m", "pytest", f"--junitxml={report}", *args, *sys.argv[1:]], env)
    if code == 5:
        summary.failures.append(f"{label}: no test was collected")
    summary.add_junit(report, label)
    if code not in (0, 5) and not any(item.startswith(label) for item in summary.failures):
        summary.failures.append(f"{label}: pytest exited with {code}")


def postgres_reachable(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def start_postgres() -> bool:
    """Start a local cluster when PostgreSQL is installed but not running."""
    clusters = Path("/etc/postgresql")
    if not (shutil.which("pg_ctlcluster") and clusters.is_dir()):
        return False
    for version in sorted(path.name for path in clusters.iterdir()):
        run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
    for _ in range(20):
        if postgres_reachable():
            return True
        time.sleep(0.5)
    return False


def ensure_redis(summary: Summary) -> None:
    """The multi-process test (tests/engines) runs app servers and workers on PostgreSQL and Redis."""
    if postgres_reachable(port=6379):
        return
    if not shutil.which("redis-server") and shutil.which("apt-get") and os.geteuid() == 0:
        banner("Installing Debian's redis-server for the multi-process test")
        run(["apt-get", "update", "-q"])
        run(["apt-get", "install", "-y", "-q", "redis-server"], {"DEBIAN_FRONTEND": "noninteractive"})
    if shutil.which("redis-server"):
        run(["redis-server", "--daemonize", "yes", "--port", "6379", "--bind", "127.0.0.1", "--save", ""])
        for _ in range(20):
            if postgres_reachable(port=6379):
                return
            time.sleep(0.5)
    message = "The multi-process test did not run: no Redis on 127.0.0.1:6379 (apt-get install redis-server)."
    if CI:
        summary.failures.append("CI requires Redis. " + message)
    else:
        summary.did_not_run.append(message)


def postgres_pass(summary: Summary) -> None:
    if not postgres_reachable() and not start_postgres():
        message = (
            f"PostgreSQL pass did not run: no server at {PG_URL}. Install PostgreSQL "
            "(apt-get install postgresql) or set TEST_POSTGRES_URL."
        )
        if CI:
            summary.failures.append("CI requires PostgreSQL. " + message)
        else:
            summary.did_not_run.append(message)
        return
    ensure_redis(summary)
    pytest_pass(summary, "PostgreSQL", [*workers(), "-m", "not browser"], {"DATABASE_URL": PG_URL})


def elasticsearch_pass(summary: Summary) -> None:
    """The search tests again, against a real Elasticsearch 9 cluster, when ELASTICSEARCH_URL names one."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        summary.did_not_run.append(
            "Elasticsearch pass did not run: ELASTICSEARCH_URL is not set. The search tests ran on SQLite and "
            "PostgreSQL, and the Elasticsearch path against a local stand-in server; to run them against a real "
            "Elasticsearch 9 cluster, set ELASTICSEARCH_URL (docs/search.md)."
        )
        return
    env = {"ELASTICSEARCH_URL": url, "HUB_TEST_ELASTICSEARCH": "1", "DATABASE_URL": ""}
    pytest_pass(summary, "Elasticsearch", ["-m", "not browser and not postgres", "tests/search"], env)


def ensure_chromium() -> bool:
    if Path(CHROMIUM).exists():
        return True
    if shutil.which("apt-get") and os.geteuid() == 0:
        banner("Installing Debian's chromium for the browser tests")
        run(["apt-get", "update", "-q"])
        run(["apt-get", "install", "-y", "-q", "chromium"], {"DEBIAN_FRONTEND": "noninteractive"})
    return Path(CHROMIUM).exists()


def ensure_node_tools() -> bool:
    """axe-core and the Nu HTML Checker (vnu.jar), pinned in package-lock.json."""
    tools = [
        ROOT / "node_modules" / "axe-core" / "axe.min.js",
        ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    ]
    if all(tool.exists() for tool in tools):
        return True
    if shutil.which("npm"):
        run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    return all(tool.exists() for tool in tools)


def ensure_java() -> bool:
    """The HTML checker runs on Java; Debian's headless JRE when it is missing."""
    if shutil.which("java"):
        return True
    if shutil.which("apt-get") and os.geteuid() == 0:
        banner("Installing Debian's headless Java for the HTML checker")
        run(["apt-get", "update", "-q"])
        run(["apt-get", "install", "-y", "-q", "default-jre-headless"], {"DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("java") is not None


def browser_pass(summary: Summary) -> None:
    missing = []
    if not ensure_chromium():
        missing.append(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    if not ensure_node_tools():
        missing.append("axe-core and vnu-jar (npm ci needs Node.js and npm)")
    if not ensure_java():
        missing.append("Java (apt-get install default-jre-headless)")
    if missing:
        message = "Browser pass did not run: missing " + " and ".join(missing) + "."
        if CI:
            summary.failures.append("CI requires the browser tests. " + message)
        else:
            summary.did_not_run.append(message)
        return
    pytest_pass(summary, "browser", ["-m", "browser", "-p", "no:randomly"], {"HUB_CHROMIUM": CHROMIUM})


def main() -> int:
    summary = Summary()
    started = time.monotonic()
    checks(summary)
    audit_pass(summary)
    pytest_pass(summary, "SQLite", [*workers(), "-m", "not browser and not postgres"], {"DATABASE_URL": ""})
    postgres_pass(summary)
    elasticsearch_pass(summary)
    browser_pass(summary)
    banner(f"Summary ({time.monotonic() - started:.0f} s)")
    for line in summary.failures:
        print(f"FAILED: {line}")
    for line in summary.did_not_run:
        print(f"NOT RUN: {line}")
    for line in summary.warnings:
        print(f"WARNING: {line}")
    if not summary.did_not_run and not summary.failures:
        print("Every pass ran: checks, pip-audit, SQLite, PostgreSQL, Elasticsearch, browser.")
    failed = summary.failed + (len(summary.failures) if summary.failed == 0 else 0)
    print(f"total: {summary.passed} passed, {failed} failed, {summary.skipped} skipped")
    return 1 if summary.failures or summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
