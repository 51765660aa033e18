"""The two registries that let a page show what other parts know: page context and member sections.

They are how a part adds to a page it cannot import (docs/architecture.md): here a throwaway part
adds a section to the member page and to an organiser's profile, and context to a wiki page.
"""

import pytest

from hub import members, page_context
from tests.factories import make_user
from tests.profiles.conftest import index_page, make_organiser  # noqa: F401 - index_page is a fixture
from tests.wiki.conftest import make_article
from wiki.models import ArticlePage, WikiPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_section():
    """A section from a part the member page and the profile page know nothing about."""
    seen = []

    def context(member, viewer):
        seen.append((member.username, getattr(viewer, "username", None)))
        return {"motto": f"{member.username} keeps listening"} if member.username != "quiet" else None

    sections = [
        members.MemberSection(f"test.motto.{place}", place, context, order=15, template="test_motto.html")
        for place in (members.MEMBER_PAGE, members.PROFILE)
    ]
    registered = [members.register(section) for section in sections]
    yield seen
    for section in registered:
        members.unregister(section.name)


@pytest.fixture
def motto_template(settings, tmp_path):
    (tmp_path / "test_motto.html").write_text('<p class="motto">{{ section.motto }}</p>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


def test_sections_run_in_order_and_one_with_nothing_to_show_is_left_out(extra_section):
    first = members.MemberSection("test.first", "test_place", lambda member, viewer: {"n": 1}, order=5)
    empty = members.MemberSection("test.empty", "test_place", lambda member, viewer: None, order=1)
    members.register(first)
    members.register(empty)
    try:
        member = make_user("reader")
        shown = members.shown("test_place", member, None)
        assert [(section.name, section.context) for section in shown] == [("test.first", {"n": 1})]
        assert shown[0].template == "test/includes/first.html"  # "<app>.<what>" names its template
    finally:
        members.unregister("test.first")
        members.unregister("test.empty")


def test_the_member_page_shows_a_section_another_part_registered(client, extra_section, motto_template):
    make_user("dana")
    viewer = make_user("viewer")
    client.force_login(viewer)
    html = client.get("/members/dana/").content.decode()
    assert '<p class="motto">dana keeps listening</p>' in html
    assert html.index('class="motto"') < html.index('id="reputation-heading"')  # order 15 before the forum's 20
    assert extra_section == [("dana", "viewer")]


def test_a_section_with_nothing_to_show_leaves_no_trace(client, extra_section, motto_template):
    make_user("quiet")
    html = client.get("/members/quiet/").content.decode()
    assert 'class="motto"' not in html
    assert 'id="reputation-heading"' in html


def test_an_organisers_profile_shows_the_sections_of_its_place(client, index_page, extra_section, motto_template):  # noqa: F811
    organiser = make_organiser(index_page, account=make_user("amara"))
    html = client.get(organiser.url).content.decode()
    activity = html[html.index('id="activity-heading"') :]
    assert activity.index("Wiki pages they contributed to") < activity.index('<p class="motto">amara keeps listening')
    assert activity.index('class="motto"') < activity.index("Questions asked")


def test_page_context_providers_run_for_the_class_and_its_bases_most_general_first(rf, organiser):
    calls = []

    def general(page, request):
        calls.append("general")
        return {"who": "general", "general": True}

    def specific(page, request):
        calls.append("specific")
        return {"who": "specific"}

    page_context.register(WikiPage, general)
    page_context.register(ArticlePage, specific)
    page_context.register(ArticlePage, specific)  # twice is once
    try:
        page = make_article(organiser, "Door knocking")
        request = rf.get("/")
        request.user = organiser
        context = page_context.collect(page, request)
    finally:
        page_context.unregister(WikiPage, general)
        page_context.unregister(ArticlePage, specific)
    assert calls == ["general", "specific"]
    assert "wiki_sidebar" in context  # the wiki's own provider ran too (wiki.reading.page_parts)
    assert context["who"] == "specific" and context["general"] is True
    assert general not in page_context.providers_for(ArticlePage)
