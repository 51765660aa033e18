"""The member page from shared fragments (hub/members.py `assembled`, docs/adr/0102): its sections
are kept per (member, viewer class). A viewer-dependent part never reaches another class, every
change shows on the next request, the page works with the cache down, and a kept page's query
count is lower and does not grow with what the member did."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hub import members, page_cache, roles
from hub import moderation as hub_moderation
from qa.services import posts, ratings
from tests.factories import make_user
from tests.hub.world import build as build_world
from tests.qa.conftest import make_answer, make_question

FORUM_TEMPLATE = "qa/includes/member_page.html"


@pytest.fixture
def world(db, pages_on):
    world = build_world()
    world["other"] = make_user("other")
    world["third"] = make_user("third")
    world["trainer"] = make_user("trainer", role=roles.TRAINER)
    world["fellow"] = make_user("fellow", role=roles.ORGANISER)  # the same groups as the page's member
    world["admin"] = make_user("boss", is_superuser=True, is_staff=True)
    return world


def _page(user, url) -> tuple[str, list[str]]:
    """The page as `user` (None: an anonymous visitor) sees it, and the templates it rendered."""
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [template.name for template in response.templates]


def _url(world, name="organiser") -> str:
    return reverse("hub:member", args=[world[name].username])


# --- the viewer class ------------------------------------------------------------------------------


def test_members_of_one_class_share_the_kept_sections(world):
    """Without this, every other test here could pass with nothing kept at all."""
    _html, templates = _page(world["other"], _url(world))
    assert FORUM_TEMPLATE in templates
    html, templates = _page(world["third"], _url(world))
    assert FORUM_TEMPLATE not in templates
    assert "How do I start a listening campaign?" in html  # org's answer, from the kept fragment


def test_the_sections_kept_for_everyone_read_nothing_about_the_viewer(world, settings):
    """Every section kept with `members.everyone` renders the same for anonymous visitors, another
    member, the member themself, a moderator, a trainer, a superuser and a suspended member."""
    settings.HUB_PAGE_CACHE = False
    organiser = world["organiser"]
    ratings.rate(world["member"], world["answer"], 1, "Clear and kind")
    suspended = make_user("gone")
    hub_moderation.suspend(world["moderator"], suspended, "Spam")
    viewers = [None, world["other"], organiser, world["moderator"], world["trainer"], world["admin"], suspended]
    kept = [s for s in members.sections_at(members.MEMBER_PAGE) if s.viewer_class is members.everyone]
    assert {s.name for s in kept} >= {"qa.member_page", "pathway.member_progress", "pathway.member_co_trainer"}
    for section in kept:
        seen = set()
        for viewer in viewers:
            context = section.context(organiser, viewer or AnonymousUser())
            seen.add(
                None
                if context is None
                else render_to_string(section.template, {"member": organiser, "section": context})
            )
        assert len(seen) == 1, section.name
    forum = members.sections_at(members.MEMBER_PAGE)
    forum = next(s for s in forum if s.name == "qa.member_page")
    html = render_to_string(FORUM_TEMPLATE, {"member": organiser, "section": forum.context(organiser, AnonymousUser())})
    assert "Clear and kind" in html  # the comparison above compared real content


def test_a_members_only_profile_link_never_reaches_anonymous_visitors(world):
    profile = world["profile"]
    profile.hidden_from_anonymous = True
    profile.save_revision().publish()
    link = "Organiser profile of"
    assert link not in _page(None, _url(world))[0]  # anonymous first: their (empty) part kept
    assert link in _page(world["other"], _url(world))[0]
    assert link in _page(world["third"], _url(world))[0]
    assert link not in _page(None, _url(world))[0]
    caches[page_cache.CACHE_ALIAS].clear()
    assert link in _page(world["other"], _url(world))[0]  # a member first: their part kept
    assert link not in _page(None, _url(world))[0]


def _private(member, viewer):
    """A section that reads the viewer: the member's own note, a moderator's, a trainer's."""
    if getattr(viewer, "pk", None) == member.pk:
        return {"profile": {"url": "/only-yours/"}}
    names = roles.role_names(viewer) if getattr(viewer, "is_authenticated", False) else set()
    if roles.MODERATOR in names:
        return {"profile": {"url": "/moderator-tools/"}}
    if roles.TRAINER in names:
        return {"profile": {"url": "/trainer-notes/"}}
    return None


@pytest.fixture
def private_section():
    section = members.register(
        members.MemberSection(
            "tests.private",
            members.MEMBER_PAGE,
            _private,
            order=1,
            template="profiles/includes/member_profile_link.html",
            viewer_class=lambda member, viewer: (
                f"own{getattr(viewer, 'pk', None) == member.pk:d}|{page_cache.audience(viewer)}"
            ),
        )
    )
    yield section
    members.unregister(section.name)


def test_a_section_that_reads_the_viewer_is_kept_per_class(world, private_section):
    url = _url(world)
    secrets = {
        "/only-yours/": world["organiser"],
        "/moderator-tools/": world["moderator"],
        "/trainer-notes/": world["trainer"],
    }
    for address, viewer in secrets.items():  # each kept for its own class first
        assert address in _page(viewer, url)[0]
    for viewer in (world["other"], world["third"], None, world["member"], world["fellow"]):
        html, _ = _page(viewer, url)
        assert not [address for address in secrets if address in html], viewer
    for address, viewer in secrets.items():
        html, _ = _page(viewer, url)
        assert [a for a in secrets if a in html] == [address]


# --- changes, the cache down, the query count --------------------------------------------------------


def _answer(world):
    posts.answer(
        world["organiser"], make_question(world["other"], title="Where do we meet?"), "At the hall on Tuesdays."
    )


def _rename(world):
    organiser = world["organiser"]
    organiser.display_name = "Oluwaseun Adebayo"
    organiser.save(update_fields=["display_name"])


def _suspend(world):
    hub_moderation.suspend(world["moderator"], world["organiser"], "Spam")


CHANGES = [
    ("new answer", _answer, "Where do we meet?", False),
    ("rating received", lambda w: ratings.rate(w["member"], w["answer"], 1, "Clear and kind"), "Clear and kind", False),
    ("name edit", _rename, "Oluwaseun Adebayo", False),
    ("profile hidden", lambda w: w["profile"].unpublish(), "Organiser profile of", True),
    ("suspension", _suspend, "How do I start a listening campaign?", True),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change", "text", "gone"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_shows_on_the_next_request_for_every_viewer(world, name, change, text, gone):
    viewers = [world["other"], world["organiser"], world["moderator"], None]
    for viewer in viewers:
        assert (text in _page(viewer, _url(world))[0]) is gone, viewer
    change(world)
    for viewer in viewers:
        assert (text in _page(viewer, _url(world))[0]) is not gone, viewer


def test_the_page_works_and_shows_changes_with_the_cache_down(world, pages_redis_down):
    for viewer in (world["other"], world["organiser"], None):
        html, templates = _page(viewer, _url(world))
        assert "How do I start a listening campaign?" in html
        assert FORUM_TEMPLATE in templates
    ratings.rate(world["member"], world["answer"], 1, "Written while the cache was away")
    html, templates = _page(world["other"], _url(world))
    assert "Written while the cache was away" in html
    assert FORUM_TEMPLATE in templates


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_kept_member_page_costs_fewer_queries_and_does_not_grow(world, client):
    client.force_login(world["other"])
    url = _url(world)
    cold = _queries(client, url)
    kept = _queries(client, url)
    assert (cold, kept) == (11, 2)  # kept: the session and the user; the sections cost nothing
    for i in range(5):
        question = make_question(world["member"], title=f"Question {i} for the organiser")
        answer = make_answer(question, world["organiser"], body=f"Answer {i}, long enough to count.")
        ratings.rate(make_user(f"rater{i}"), answer, 1, f"Thanks {i}")
    client.get(url)
    assert _queries(client, url) == kept
    assert "Thanks 4" in client.get(url).content.decode()
