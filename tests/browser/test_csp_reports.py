"""A real Chromium reports a Content-Security-Policy violation to the hub, which logs it."""

import time

import pytest

from tests.browser.support import HubServer, visit

pytestmark = pytest.mark.browser


def _logged_violations(server: HubServer) -> list[str]:
    return [line for line in server.log_path.read_text(errors="replace").splitlines() if "CSP violation:" in line]


def test_a_blocked_inline_script_reaches_the_hubs_report_endpoint_and_its_log(page, hub_server):
    before = len(_logged_violations(hub_server))
    visit(page, hub_server, "/about/")
    # Inserted by the test as an attacker's markup would be: the policy refuses to run it.
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ranInline = 1'; "
        "document.body.append(s); }"
    )
    assert page.evaluate("() => window.ranInline === undefined")
    deadline = time.monotonic() + 90
    while len(_logged_violations(hub_server)) == before and time.monotonic() < deadline:
        time.sleep(0.5)
    new = _logged_violations(hub_server)[before:]
    assert new, "no violation report reached the hub's log"
    assert "script-src" in new[0] and "blocked inline" in new[0] and "/about/" in new[0]
    assert any("Content Security Policy" in error for error in page.watch.take())
