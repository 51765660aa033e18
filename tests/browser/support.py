"""Helpers the browser tests share: watching a page for errors, axe checks, logging in, mail."""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
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


def launch_chromium(playwright):
    """Debian's Chromium, headless; never a browser Playwright downloads."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


DEMO_PASSWORD = "organise-together"


@dataclass
class HubServer:
    base_url: str
    var_dir: Path
    log_path: Path

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    def url(self, path: str) -> str:
        return self.base_url + path


@dataclass
class PageWatch:
    """Collects console errors, uncaught exceptions and CSP violations for one page.

    A strict-CSP violation reaches the console as an error, so one list covers both. Chromium
    also logs "Failed to load resource" for a document answered with 4xx/5xx; an error page the
    test asked for on purpose is allowed through `allow_status_url`.
    """

    errors: list[str] = field(default_factory=list)
    allowed_urls: set[str] = field(default_factory=set)

    def attach(self, page: Page, own_origin: str) -> None:
        page.on("console", self._on_console)
        page.on("request", lambda request: self._on_request(request, own_origin))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught exception: {error}"))

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and url in self.allowed_urls:
            return
        self.errors.append(f"console error: {message.text} (at {url or 'unknown'})")

    def _on_request(self, request, own_origin: str) -> None:
        # The hub promises no CDN and no tracking: every request stays on its own origin.
        if request.url.startswith(("http:", "https:")) and not request.url.startswith(own_origin + "/"):
            self.errors.append(f"request to another site: {request.url}")

    def allow_status_url(self, url: str) -> None:
        self.allowed_urls.add(url)

    def take(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


def visit(page: Page, server: HubServer, path: str, status: int = 200):
    """Open a page and check its HTTP status; error statuses the test expects are not console errors."""
    url = server.url(path)
    if status >= 400:
        page.watch.allow_status_url(url)
    response = page.goto(url)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    return response


def assert_no_page_errors(page: Page) -> None:
    errors = page.watch.take()
    assert not errors, f"{page.url} logged errors:\n  " + "\n  ".join(errors)


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the current page with the WCAG 2.0/2.1/2.2 A and AA rules."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # page.add_script_tag would add an inline <script>, which the strict CSP refuses; evaluating
        # the source through the DevTools protocol is not subject to the page's CSP.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;void 0")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:8]:
            target = " ".join(json.dumps(part) if not isinstance(part, str) else part for part in node["target"])
            lines.append(f"    at {target}: {node.get('failureSummary', '').splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """No axe WCAG A/AA violation, no console error or CSP violation, exactly one h1."""
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG violations on {page.url}:\n{format_violations(violations)}"
    assert page.locator("h1").count() == 1, f"{page.url} should have exactly one h1"
    assert_no_page_errors(page)


def log_in(page: Page, server: HubServer, username: str, password: str = DEMO_PASSWORD, next_path: str = "") -> None:
    """Log in through the real form, as a person would."""
    visit(page, server, "/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form").get_by_role("button", name=re.compile(r"^(Sign in|Log in)$", re.I)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def read_mail(server: HubServer) -> list[str]:
    """Every message the file-based email backend has written so far, oldest first."""
    if not server.mail_dir.exists():
        return []
    files = sorted(server.mail_dir.glob("*.log"), key=lambda path: path.stat().st_mtime)
    return [path.read_text(encoding="utf-8") for path in files]


def focus_indicator(page: Page) -> dict:
    """The focused element's computed outline and box-shadow, to prove focus is visible."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) { return {tag: 'body', visible: false}; }
            const style = getComputedStyle(el);
            const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            const shadow = style.boxShadow && style.boxShadow !== 'none';
            return {
                tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || el.name || '').slice(0, 40),
                outline: style.outlineStyle + ' ' + style.outlineWidth, boxShadow: style.boxShadow,
                visible: Boolean(outline || shadow),
            };
        }"""
    )


def tab_to(page: Page, predicate_js: str, limit: int = 80) -> list[dict]:
    """Press Tab until the focused element matches `predicate_js` (a JS function of the element).

    Every stop on the way is checked for a visible focus indicator, so a keyboard user can always
    see where they are. Returns the stops, for the test's own assertions.
    """
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        indicator = focus_indicator(page)
        assert indicator["visible"], f"focus is not visible on {indicator} at {page.url}"
        stops.append(indicator)
        if page.evaluate(f"({predicate_js})(document.activeElement)"):
            return stops
    raise AssertionError(f"did not reach the element within {limit} Tab presses on {page.url}: {stops[-5:]}")


def has_horizontal_overflow(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")
