"""Every page type's HTML, as the server sends it, passes the Nu HTML Checker (vnu.jar, from npm).

The source is fetched through the browser context, so pages that need a signed-in member are
checked with that member's session. One checker run covers every page, so Java starts once.
"""

import json
import os
import shutil
import subprocess

import pytest

from tests.browser.pages import ALL_PAGES
from tests.browser.support import ROOT, log_in

pytestmark = pytest.mark.browser

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def fetch_sources(page, server, tmp_path) -> dict[str, str]:
    files = {}
    signed_in_as = None
    for page_type in sorted(ALL_PAGES, key=lambda item: item.user or ""):
        if page_type.user and page_type.user != signed_in_as:
            page.context.clear_cookies()
            log_in(page, server, page_type.user)
            signed_in_as = page_type.user
        elif not page_type.user and signed_in_as:
            page.context.clear_cookies()
            signed_in_as = None
        response = page.request.get(server.url(page_type.resolve(server)))
        assert response.status == page_type.status, f"{page_type.label}: HTTP {response.status}"
        path = tmp_path / f"{page_type.name}.html"
        path.write_text(response.text(), encoding="utf-8")
        files[path.as_uri()] = page_type.label
    return files


def test_every_page_type_is_valid_html(page, hub_server, tmp_path):
    java = shutil.which("java") or os.environ.get("HUB_JAVA")
    assert java and VNU_JAR.exists(), "The HTML check needs Java and node_modules/vnu-jar (make test installs both)."
    files = fetch_sources(page, hub_server, tmp_path)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *sorted(tmp_path.glob("*.html"))],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(message.get('url'), message.get('url'))} line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert len(files) == len(ALL_PAGES)
    assert errors == [], "\n".join(errors)
