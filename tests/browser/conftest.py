"""Session fixtures for the browser tests: one live hub server and one headless Chromium.

The hub runs as a real gunicorn process on 127.0.0.1 against a fresh SQLite database that
`migrate` and `load_demo` prepare once per session (tests/browser/server.py). Each test
gets its own browser context (its own cookies), with console errors and CSP violations collected
and checked when the test ends.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server import launch_hub, stop_server
from tests.browser.support import AXE_SCRIPT, CHROMIUM, HubServer, PageWatch, assert_no_page_errors, launch_chromium

DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome so fixtures can tell whether the test itself failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def pytest_collection_modifyitems(config, items):
    """Without Chromium or axe-core the browser tests cannot run: skip them with the reason."""
    missing = [name for name, path in (("Chromium", Path(CHROMIUM)), ("axe-core", AXE_SCRIPT)) if not path.exists()]
    if not missing or os.environ.get("CI", "").lower() == "true":
        return  # under CI a missing browser must fail the run, not skip it
    reason = f"browser tests need {' and '.join(missing)} (scripts/run_tests.py installs them)"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory) -> Iterator[HubServer]:
    process, server = launch_hub(tmp_path_factory.mktemp("hub-var"))
    yield server
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(request, browser, hub_server):
    """Open a page in a fresh browser context (its own cookies); errors are checked at the end."""
    contexts = []

    def make(viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or DESKTOP, base_url=hub_server.base_url)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.watch = PageWatch()
        page.watch.attach(page, hub_server.base_url)
        return page

    yield make
    pages = [page for context in contexts for page in context.pages]
    call = getattr(request.node, "report_call", None)
    try:
        # After a failure, the test's own message says enough; otherwise page errors fail it here.
        for page in pages if call is not None and call.passed else []:
            assert_no_page_errors(page)
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(new_page):
    return new_page()
