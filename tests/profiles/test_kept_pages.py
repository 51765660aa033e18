"""Profile pages and the directory from kept parts (profiles/profile_page.py, profiles/directory.py,
docs/adr/0108): what is kept is the same for everyone of one audience, so the owner's tools, a
host's maintainers' tools, feed errors, members-only profiles and the organisers a host lists only
to members never reach another viewer, whichever viewer warmed the cache first; every change shows
on the next request; the pages work with the cache down; a kept page costs fewer queries."""

import datetime as dt
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub import page_cache, roles
from profiles import services
from profiles.models import FeedItem, FeedSource
from profiles.tasks import refresh_feed
from tests.factories import make_user
from tests.profiles.conftest import make_host, make_organiser

BODY = "profiles/includes/organiser_body.html"
HOST_BODY = "profiles/includes/host_body.html"
OWNER_TOOLS = "Edit your profile"
FEED_ERROR = "The server answered with status 500."
REPORT = "Report this profile"


@pytest.fixture
def people(db, pages_on, index_page):
    """An organiser with a feed whose last try failed, a host with a maintainer, and viewers: a
    fellow organiser (the owner's audience exactly), a member, a moderator, a superuser."""
    owner = make_user("owner", role=roles.ORGANISER)
    keeper = make_user("keeper", role=roles.HOST)
    host = make_host(index_page, title="Riverside Community Trust", maintainers=[keeper])
    profile = make_organiser(index_page, account=owner, title="Amara Okafor", bio="I *listen* first.", host=host)
    source = FeedSource.objects.create(page=profile, kind=FeedSource.BLOG, url="https://blog.example.org/feed")
    FeedItem.objects.create(
        source=source, guid="p1", title="Door knocking", link="https://blog.example.org/p1", published_at=timezone.now()
    )
    FeedSource.objects.filter(pk=source.pk).update(last_error=FEED_ERROR)
    return {
        "index": index_page,
        "owner": owner,
        "keeper": keeper,
        "host": host,
        "profile": profile,
        "source": source,
        "fellow": make_user("fellow", role=roles.ORGANISER),
        "fellow_host": make_user("fellowhost", role=roles.HOST),
        "member": make_user("someone"),
        "moderator": make_user("mod", role=roles.MODERATOR),
        "admin": make_user("boss", is_superuser=True, is_staff=True),
    }


def _get(user, url) -> tuple[int, str, list[str]]:
    """Status, HTML and the templates rendered, for `user` (None: an anonymous visitor, who is
    never answered from the whole-page cache here: a fresh cookie-less client each time would be)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    else:
        client.cookies["sessionid"] = "none"  # not served whole from the anonymous page cache
    response = client.get(url)
    return response.status_code, response.content.decode(), [t.name for t in response.templates]


def _html(user, url) -> str:
    """The page's HTML, with the CSRF tokens of its forms (one per request) left out."""
    status, html, _ = _get(user, url)
    assert status == 200, (user, url)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# --- kept, and shared only within a class ------------------------------------------------------------


def test_members_of_one_audience_share_the_kept_profile(people):
    """Without this, every other test here could pass with nothing kept at all."""
    url, another = people["profile"].url, make_user("another")  # made first: a new account is a write
    assert BODY in _get(people["member"], url)[2]
    _status, html, templates = _get(another, url)
    assert BODY not in templates
    assert "<em>listen</em>" in html and "Door knocking" in html  # from the kept body


@pytest.mark.parametrize("first", ["owner", "moderator", "admin", "fellow", None])
def test_the_owners_tools_and_feed_errors_reach_only_those_who_may_edit(people, first):
    url = people["profile"].url
    _html(people[first] if first else None, url)  # whoever warms the cache first
    for name in ("owner", "moderator", "admin"):
        html = _html(people[name], url)
        assert (OWNER_TOOLS in html, FEED_ERROR in html, REPORT in html) == (True, True, False), name
    for viewer in (people["fellow"], people["member"], people["keeper"], None):
        html = _html(viewer, url)
        assert OWNER_TOOLS not in html and FEED_ERROR not in html, viewer
        assert (REPORT in html) is (viewer is not None), viewer


@pytest.mark.parametrize("first", ["keeper", "fellow_host", "owner", None])
def test_a_hosts_maintainers_tools_reach_only_its_maintainers_and_moderators(people, first):
    url = people["host"].url
    _html(people[first] if first else None, url)
    for name in ("keeper", "moderator", "admin"):
        assert OWNER_TOOLS in _html(people[name], url), name
    for viewer in (people["fellow_host"], people["owner"], people["member"], None):
        assert OWNER_TOOLS not in _html(viewer, url), viewer  # fellow_host has the keeper's groups


@pytest.mark.parametrize("first", ["member", None])
def test_a_members_only_profile_never_reaches_anonymous_visitors(people, first):
    page = make_organiser(people["index"], title="Hana Kowalski", hidden_from_anonymous=True, host=people["host"])
    _get(people[first] if first else None, page.url)
    _get(people[first] if first else None, people["host"].url)
    assert _get(None, page.url)[0] == 404
    assert "Hana Kowalski" not in _html(None, people["host"].url)  # the host lists its organisers
    assert "Hana Kowalski" in _html(people["member"], page.url)
    assert "Hana Kowalski" in _html(people["member"], people["host"].url)
    assert "Hana Kowalski" not in _html(None, people["host"].url)


def test_the_kept_parts_render_the_same_as_a_full_render(people, settings):
    """Kept or not, each viewer gets the same page (the CSRF token aside, which no part shows)."""
    viewers = [None, people["owner"], people["fellow"], people["keeper"], people["moderator"]]
    urls = [people["profile"].url, people["host"].url]
    settings.HUB_PAGE_CACHE = False
    rendered = {(str(v), url): _html(v, url) for v in viewers for url in urls}
    settings.HUB_PAGE_CACHE = True
    for _ in range(2):  # rendered and stored, then kept
        for viewer in reversed(viewers):
            for url in urls:
                assert _html(viewer, url) == rendered[(str(viewer), url)], (viewer, url)


# --- every change on the next request ------------------------------------------------------------------


def _edit(people):
    page = people["profile"]
    page.bio = "I ask before I act."
    services.publish_changes(page, people["owner"])


def _new_organiser(people):
    make_organiser(people["index"], title="Chloe Whitfield", host=people["host"])


def _new_item(people):
    FeedItem.objects.create(
        source=people["source"],
        guid="p2",
        title="Tenants win repairs",
        link="https://blog.example.org/p2",
        published_at=timezone.now() + dt.timedelta(minutes=1),
    )


CHANGES = [
    ("profile edit", _edit, "profile", "I ask before I act."),
    ("new organiser at the host", _new_organiser, "host", "Chloe Whitfield"),
    ("new feed item", _new_item, "profile", "Tenants win repairs"),
    ("name of the host", lambda p: _rename_host(p), "profile", "Riverside Trust"),
]  # fmt: skip


def _rename_host(people):
    host = people["host"]
    host.title = "Riverside Trust"
    services.publish_changes(host, people["keeper"])  # a maintainer's edit, as the edit form saves it


@pytest.mark.parametrize(("name", "change", "where", "text"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_shows_on_the_next_request_for_every_viewer(people, name, change, where, text):
    viewers = [people["fellow"], people["owner"], people["moderator"], None]
    url = people[where].url
    for viewer in viewers:
        assert text not in _html(viewer, url), viewer
    change(people)
    for viewer in viewers:
        assert text in _html(viewer, url), viewer


def test_a_feed_refreshed_by_the_task_worker_shows_on_the_next_request(people, feeds):
    page = make_organiser(people["index"], title="Isaac Mensah", blog_url=feeds.url("/rss.xml"))
    assert "Door knocking on Elm Street" not in _html(people["member"], page.url)
    refresh_feed.enqueue(FeedSource.objects.get(page=page).pk)  # the task, as the worker runs it
    assert "Door knocking on Elm Street" in _html(people["member"], page.url)
    assert "Door knocking on Elm Street" in _html(None, page.url)


def test_a_new_maintainer_gets_the_tools_on_the_next_request(people):
    host, newcomer = people["host"], people["fellow_host"]
    assert OWNER_TOOLS not in _html(newcomer, host.url)
    host.maintainers.add(newcomer)
    host.save_revision().publish()
    assert OWNER_TOOLS in _html(newcomer, host.url)
    assert "fellowhost" in _html(people["member"], host.url)  # listed as keeping the page up to date


def test_the_pages_work_and_show_changes_with_the_cache_down(people, pages_redis_down):
    url = people["profile"].url
    for viewer in (people["owner"], people["fellow"], None):
        html = _html(viewer, url)
        assert "<em>listen</em>" in html and (OWNER_TOOLS in html) is (viewer == people["owner"])
    _edit(people)
    assert "I ask before I act." in _html(people["fellow"], url)
    assert "Amara Okafor" in _html(people["fellow"], "/profiles/")
    assert OWNER_TOOLS in _html(people["keeper"], people["host"].url)


# --- queries ----------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("where", ["profile", "host"])
def test_a_kept_profile_costs_fewer_queries_and_does_not_grow(people, client, where):
    client.force_login(people["member"])
    url = people[where].url
    client.get(url)  # first-request work (routing's guess, template loading) is not counted
    caches[page_cache.CACHE_ALIAS].clear()
    cold = _queries(client, url)
    kept = _queries(client, url)
    assert kept == 2 < cold  # the session's member and the page; the kept parts cost nothing
    for i in range(4):
        make_organiser(people["index"], title=f"Organiser {i}", host=people["host"])
        FeedItem.objects.create(
            source=people["source"], guid=f"g{i}", title=f"Post {i}", link="", published_at=timezone.now()
        )
    client.get(url)
    assert _queries(client, url) == kept
    caches[page_cache.CACHE_ALIAS].clear()
    assert _queries(client, url) == cold


def test_the_sections_a_profile_keeps_for_everyone_read_nothing_about_the_viewer(people, settings):
    """Each section of a profile kept with `members.everyone` (hub/members.py) renders the same for
    anonymous visitors, another member, the organiser themself, a moderator and a superuser."""
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    from hub import members
    from qa.services import posts
    from tests.qa.conftest import make_question

    settings.HUB_PAGE_CACHE = False
    owner = people["owner"]
    posts.answer(owner, make_question(people["member"], title="Where do we meet?"), "At the hall on Tuesdays.")
    viewers = [AnonymousUser(), people["member"], owner, people["moderator"], people["admin"]]
    kept = [s for s in members.sections_at(members.PROFILE) if s.viewer_class is members.everyone]
    assert {s.name for s in kept} >= {"qa.profile_activity", "pathway.profile_progress"}
    for section in kept:
        seen = {
            None
            if (context := section.context(owner, viewer)) is None
            else render_to_string(section.template, {"member": owner, "section": context})
            for viewer in viewers
        }
        assert len(seen) == 1, section.name
    assert "Where do we meet?" in _html(people["member"], people["profile"].url)  # shown on the page


def test_the_directory_repeats_each_query_string_in_its_page_links(people, settings):
    """Two addresses with the same filters keep their own HTML: the pagination links repeat the
    query string as given."""
    settings.HUB_PAGE_SIZE = 1
    assert 'href="?page=2"' in _html(people["member"], "/profiles/")
    html = _html(people["member"], "/profiles/?kind=robot")
    assert 'href="?kind=robot&amp;page=2"' in html and 'href="?page=2"' not in html
