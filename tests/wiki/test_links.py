"""Wiki links: resolution by title or slug, labels, missing pages, and one query per body."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub.markdown import render
from tests.wiki.conftest import make_article

REL = 'rel="nofollow ugc noopener"'  # added by the sanitiser to every link


@pytest.fixture
def listening(organiser):
    return make_article(organiser, "Listening one to one", "How to hold a conversation.")


def test_link_by_title_is_case_insensitive(listening):
    html = render("Read [[listening ONE to one]] first.")
    assert f'<a class="wiki-link" href="{listening.url}" {REL}>listening ONE to one</a>' in html


def test_link_with_label_shows_the_label(listening):
    html = render("Start with [[Listening one to one|a proper conversation]].")
    assert f'<a class="wiki-link" href="{listening.url}" {REL}>a proper conversation</a>' in html


def test_link_by_slug_resolves(listening):
    assert listening.slug == "listening-one-to-one"
    html = render("See [[listening-one-to-one]].")
    assert f'href="{listening.url}"' in html


def test_missing_page_renders_differently_for_a_reader(db):
    html = render("Nobody wrote [[Power mapping]] yet.")
    assert 'class="wiki-link wiki-link--missing"' in html
    assert "<span" in html and "(no page yet)" in html
    assert "/wiki/new/" not in html


def test_missing_page_links_to_creating_it_for_an_organiser(organiser):
    html = render("Nobody wrote [[Power mapping]] yet.", {"user": organiser})
    assert 'href="/wiki/new/?title=Power+mapping"' in html


def test_missing_page_offers_no_creation_to_a_member(member):
    html = render("Nobody wrote [[Power mapping]] yet.", {"user": member})
    assert "/wiki/new/" not in html


def test_new_page_link_opens_the_admin_form_with_the_title_filled_in(client, organiser, wiki_index):
    client.force_login(organiser)
    response = client.get("/wiki/new/?title=Power+mapping")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/add/wiki/articlepage/{wiki_index.pk}/?title=Power+mapping"
    form_page = client.get(response["Location"])
    assert form_page.status_code == 200
    assert 'value="Power mapping"' in form_page.content.decode()


def test_new_page_link_is_refused_to_a_member(client, member):
    client.force_login(member)
    response = client.get("/wiki/new/?title=Power+mapping")
    assert response.status_code == 403


def test_label_markup_is_escaped(listening):
    html = render("[[Listening one to one|<img src=x onerror=alert(1)>]]")
    assert "onerror" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "<img" not in html


def test_links_of_one_body_cost_one_query_however_many(organiser):
    titles = [f"Page {n}" for n in range(6)]
    for title in titles:
        make_article(organiser, title)
    few = "[[Page 0]] and [[Missing]]"
    many = " ".join(f"[[{title}]]" for title in titles) + " [[Missing one]] [[Missing two]]"
    with CaptureQueriesContext(connection) as few_queries:
        render(few)
    with CaptureQueriesContext(connection) as many_queries:
        html = render(many)
    assert len(few_queries) == len(many_queries) == 1
    assert html.count('class="wiki-link"') == 6
    assert html.count("wiki-link--missing") == 2


def test_wiki_link_syntax_inside_code_stays_literal(listening):
    html = render(
        "Write `[[Listening one to one]]` to link.\n\n```\n[[Listening one to one|label]]\n```\n\n"
        "Or follow [[Listening one to one]]."
    )
    assert "<code>[[Listening one to one]]</code>" in html
    assert "[[Listening one to one|label]]" in html
    assert html.count('class="wiki-link"') == 1


def test_a_nul_in_a_link_target_is_dropped_before_the_query(client, member, listening):
    """A preview is never stored, so NUL can reach it; PostgreSQL would refuse it in the lookup."""
    client.force_login(member)
    response = client.post("/markdown/preview/", {"text": "See [[Listening one\x00 to one]]."})
    assert response.status_code == 200
    assert f'href="{listening.url}"' in response.content.decode()
