import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.models import ProfileIndexPage
from tests.profiles.conftest import make_organiser
from tests.qa.conftest import make_question
from tests.wiki.conftest import make_article


@pytest.mark.django_db
def test_home_page_shows_every_section_and_one_h1(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<title>Home | CO Knowledge Hub</title>" in html
    for heading in ["New in the wiki", "Recently changed", "Questions waiting for an answer", "Recent questions"]:
        assert heading in html
    assert 'href="#main"' in html
    assert 'role="search"' in html


@pytest.mark.django_db
def test_home_page_sends_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def _home_queries(client) -> tuple[int, str]:
    client.get("/")  # warm the site root and settings caches
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    return len(queries), html


def _add_content(organiser, asker, profile_index, number: int) -> None:
    for n in range(number):
        make_article(organiser, f"Listening guide {number}-{n}", "Knock, listen, write it down.")
        make_question(asker, f"How do we run listening session {number}-{n}?")
        make_organiser(profile_index, title=f"Organiser {number}-{n}", area="Eastfield")


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_content(client, organiser, member):
    profile_index = ProfileIndexPage.objects.get(slug="profiles")
    _add_content(organiser, member, profile_index, 1)
    few, html = _home_queries(client)
    assert "Listening guide 1-0" in html and "How do we run listening session 1-0?" in html
    _add_content(organiser, member, profile_index, 8)
    many, html = _home_queries(client)
    assert html.count("Listening guide 8-") == 12  # six each in "New in the wiki" and "Recently changed"
    assert many == few


@pytest.mark.django_db
def test_signed_in_member_sees_their_name_and_a_log_out_button(client, member):
    client.force_login(member)
    html = client.get("/").content.decode()
    assert re.search(r'<button type="submit" class="link-button">Log out</button>', html)
    assert member.public_name in html


@pytest.mark.django_db
def test_all_unanswered_questions_link_lists_only_unanswered_questions(client, member, organiser):
    from tests.qa.conftest import make_answer

    waiting = make_question(member, "How do we find a room for a house meeting?")
    answered = make_question(member, "How long should a one to one last?")
    make_answer(answered, organiser)
    html = client.get("/").content.decode()
    href = re.search(r'<a href="([^"]+)">All unanswered questions</a>', html).group(1).replace("&amp;", "&")
    listing = client.get(href).content.decode()
    assert waiting.title in listing
    assert answered.title not in listing


def _panels(response) -> str:
    html = response.content.decode()
    return html[html.index('<div class="layout-sidebar">') : html.index("</aside>")]


@pytest.mark.django_db
def test_the_kept_panels_are_per_audience_and_show_a_change_on_the_next_request(client, settings, member, organiser):
    from django.core.cache import caches

    from hub import page_cache

    settings.HUB_PAGE_CACHE = True
    caches[page_cache.CACHE_ALIAS].clear()
    index = ProfileIndexPage.objects.get(slug="profiles")
    make_organiser(index, title="Hana Kowalski", bio="Organiser in Hull.", hidden_from_anonymous=True)
    make_question(organiser, title="How do we run a house meeting?")
    client.force_login(member)
    first = _panels(client.get("/"))
    assert "Hana Kowalski" in first and "How do we run a house meeting?" in first
    with CaptureQueriesContext(connection) as kept:
        assert _panels(client.get("/")) == first
    assert [query for query in kept.captured_queries if "qa_question" in query["sql"]] == []
    client.logout()
    public = client.get("/").content.decode()
    assert "Hana Kowalski" not in public and "How do we run a house meeting?" in public
    make_question(organiser, title="Who chairs the first meeting?")
    client.force_login(member)
    assert "Who chairs the first meeting?" in client.get("/").content.decode()
    caches[page_cache.CACHE_ALIAS].clear()
