"""In a real Chromium, pages that show the XSS payloads (tests/security/payloads.py) open no dialog,
run nothing, and trip no Content-Security-Policy report: the markup never got through to be blocked."""

import json

import pytest

from tests.browser.server import run_manage
from tests.browser.support import visit

pytestmark = pytest.mark.browser

SEED = "from tests.security.seed import main; main()"


@pytest.fixture(scope="module")
def payload_paths(hub_server) -> list[str]:
    return json.loads(run_manage(hub_server, "shell", "-c", SEED).strip().splitlines()[-1])


def test_no_dialog_opens_on_pages_full_of_payloads(page, hub_server, payload_paths):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # Payloads name other sites (images, scripts): nothing leaves the machine, and nothing waits on it.
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(hub_server.base_url) else route.abort()
    )
    assert len(payload_paths) == 5
    visit(page, hub_server, "/about/")
    page.evaluate("() => window.alert('control')")  # the listener hears a dialog when there is one
    assert dialogs == ["control"]
    dialogs.clear()
    for path in payload_paths:
        visit(page, hub_server, path)
        page.wait_for_load_state("load")
        for element in page.locator("main a, main img, main p").all()[:40]:
            if element.is_visible():
                element.hover(timeout=2000)  # handlers on mouse-over would fire now
        page.wait_for_timeout(300)
        assert dialogs == [], f"{path} opened a dialog: {dialogs}"
        assert page.evaluate("() => document.querySelectorAll('main script, main iframe, main object').length") == 0
        # Broken images and refused requests to other sites are the payloads' own doing, not the hub's;
        # a CSP report or an uncaught error would mean markup reached the browser.
        errors = page.watch.take()
        blocked = [error for error in errors if "Content Security Policy" in error or "uncaught" in error]
        assert blocked == [], f"{path}: markup reached the browser and was blocked or failed: {blocked}"
