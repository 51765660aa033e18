"""Session fixtures for the browser tests: one live hub server and one headless Chromium.

The hub runs as a real gunicorn process on 127.0.0.1 against a fresh SQLite database that
`migrate` and `load_demo` prepare once per session (settings: tests/browser/settings.py). Each test
gets its own browser context (its own cookies), with console errors and CSP violations collected
and checked when the test ends.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.support import AXE_SCRIPT, ROOT, HubServer, PageWatch, assert_no_page_errors

CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_SETTINGS = "tests.browser.settings"
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    """Without Chromium or axe-core the browser tests cannot run: skip them with the reason."""
    missing = [name for name, path in (("Chromium", Path(CHROMIUM)), ("axe-core", AXE_SCRIPT)) if not path.exists()]
    if not missing or os.environ.get("CI", "").lower() == "true":
        return  # under CI a missing browser must fail the run, not skip it
    reason = f"browser tests need {' and '.join(missing)} (scripts/run_tests.py installs them)"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS, "HUB_VAR_DIR": str(var_dir)}
    env.pop("DATABASE_URL", None)
    return env


def prepare_database(env: dict, log_path: Path) -> None:
    """migrate + load_demo into the session's own SQLite file, once."""
    with log_path.open("a") as log:
        for command in (["migrate", "--noinput"], ["load_demo"]):
            code = subprocess.call(
                [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            if code != 0:
                raise RuntimeError(f"manage.py {command[0]} failed; see {log_path}:\n{tail(log_path)}")


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_until_up(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the hub server stopped with {process.returncode}:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"the hub server did not answer {url} within {timeout} s:\n{tail(log_path)}")


def start_server(var_dir: Path, log_path: Path) -> tuple[subprocess.Popen, HubServer]:
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "hub.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--timeout", "60",
    ]  # fmt: skip
    # One worker: the rate-limit cache is per process, and tests count what it does.
    log = log_path.open("a")
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(var_dir), stdout=log, stderr=subprocess.STDOUT)
    server = HubServer(base_url=f"http://127.0.0.1:{port}", var_dir=var_dir, log_path=log_path)
    try:
        wait_until_up(server.url("/accessibility/"), process, log_path)
    except RuntimeError:
        process.kill()
        raise
    return process, server


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory) -> Iterator[HubServer]:
    var_dir = tmp_path_factory.mktemp("hub-var")
    (var_dir / "mail").mkdir()
    log_path = var_dir / "server.log"
    prepare_database(server_env(var_dir), log_path)
    process, server = start_server(var_dir, log_path)
    yield server
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, hub_server):
    """Open a page in a fresh browser context (its own cookies); errors are checked at the end."""
    contexts = []

    def make(viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or DESKTOP, base_url=hub_server.base_url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.watch = PageWatch()
        page.watch.attach(page)
        return page

    yield make
    pages = [page for context in contexts for page in context.pages]
    try:
        for page in pages:
            assert_no_page_errors(page)
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page):
    return new_page()
