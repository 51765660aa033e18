"""Profile journeys: a host edits their own profile and not another's; feed items after a refresh."""

import re
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.pages import page_path_by_id, query_all, query_one
from tests.browser.server import server_env
from tests.browser.support import ROOT, assert_accessible, log_in, visit

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 serving the RSS fixture (the hub may reach it only in tests)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(FIXTURES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def host_profile_id(server, username: str) -> int:
    (page_id,) = query_one(
        server,
        "SELECT h.profilepage_ptr_id FROM profiles_hostprofilepage_maintainers m "
        "JOIN profiles_hostprofilepage h ON h.profilepage_ptr_id = m.hostprofilepage_id "
        "JOIN hub_user u ON u.id = m.user_id WHERE u.username = ? ORDER BY h.profilepage_ptr_id LIMIT 1",
        (username,),
    )
    return page_id


def test_host_edits_their_own_profile_and_is_refused_another_hosts(page, hub_server):
    own = host_profile_id(hub_server, "host-riverside")
    other = host_profile_id(hub_server, "host-northgate")
    log_in(page, hub_server, "host-riverside")
    visit(page, hub_server, "/profiles/me/")
    expect(page).to_have_url(re.compile(rf"/profiles/edit/{own}/$"))
    assert_accessible(page)

    page.get_by_label("Area").fill("Riverside and the Old Docks")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messages")).to_contain_text("Your profile is saved and published")
    visit(page, hub_server, page_path_by_id(hub_server, own))
    expect(page.locator("main")).to_contain_text("Riverside and the Old Docks")

    visit(page, hub_server, f"/profiles/edit/{other}/", status=403)
    expect(page.locator("h1")).to_have_text("You cannot do that here")
    assert_accessible(page)

    # A hand-made POST with a valid CSRF token is refused too, and changes nothing.
    revisions = "SELECT COUNT(*) FROM wagtailcore_revision WHERE object_id = ?"
    before = query_one(hub_server, revisions, (str(other),))
    token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    response = page.request.post(
        hub_server.url(f"/profiles/edit/{other}/"),
        form={"csrfmiddlewaretoken": token, "title": "Taken over", "area": "Nowhere"},
        headers={"Referer": hub_server.url(f"/profiles/edit/{other}/")},
    )
    assert response.status == 403
    assert query_one(hub_server, revisions, (str(other),)) == before


def organiser_profile_id(server, username: str) -> int:
    (page_id,) = query_one(
        server,
        "SELECT o.profilepage_ptr_id FROM profiles_organiserprofilepage o JOIN hub_user u ON u.id = o.account_id "
        "WHERE u.username = ?",
        (username,),
    )
    return page_id


def run_worker_feed_refresh(server) -> None:
    """What the worker does every minute: fetch the feeds whose owners asked for a refresh."""
    result = subprocess.run(
        [sys.executable, "manage.py", "refresh_feeds", "--requested"],
        cwd=ROOT,
        env=server_env(server.var_dir),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout, result.stdout


def test_profile_shows_feed_items_after_a_refresh_from_a_feed_server(page, hub_server, feed_server):
    page_id = organiser_profile_id(hub_server, "chloe")
    log_in(page, hub_server, "chloe")
    visit(page, hub_server, f"/profiles/edit/{page_id}/")
    page.get_by_label(re.compile("^Blog")).fill(f"{feed_server}/blog-feed.xml")
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messages")).to_contain_text("saved and published")

    page.get_by_role("button", name="Refresh my feeds now").click()
    expect(page.locator(".messages")).to_contain_text("within a minute or two")
    run_worker_feed_refresh(hub_server)
    visit(page, hub_server, f"/profiles/edit/{page_id}/")
    expect(page.locator("section[aria-labelledby=feeds-heading]")).to_contain_text(
        re.compile(r"Last read successfully: \d{1,2} \w+ \d{4}")
    )

    visit(page, hub_server, page_path_by_id(hub_server, page_id))
    items = page.locator(".feed-items li")
    expect(items.filter(has_text="Forty doorstep conversations in one week")).to_have_count(1)
    expect(items.filter(has_text="Our first house meeting")).to_have_count(1)
    stored = query_all(
        hub_server,
        "SELECT i.title FROM profiles_feeditem i JOIN profiles_feedsource s ON s.id = i.source_id "
        "WHERE s.page_id = ? AND s.kind = 'blog' ORDER BY i.published_at DESC",
        (page_id,),
    )
    assert [title for (title,) in stored] == ["Forty doorstep conversations in one week", "Our first house meeting"]
    assert_accessible(page)
