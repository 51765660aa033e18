"""Finding your way in the wiki: debates, A to Z, recent changes with diff and history links and the
size of each change, and reading any published version."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user
from tests.wiki.conftest import make_article, make_debate, publish

pytestmark = pytest.mark.django_db


def test_debates_list_shows_debates_with_their_motion_and_not_articles(client, organiser):
    make_debate(organiser, "Organisers should be paid by the people they organise")
    make_article(organiser, "Door-to-door listening", "Body.")
    html = client.get("/wiki/debates/").content.decode()
    assert "Organisers should be paid by the people they organise" in html
    assert "This house believes organisers should be paid by the people they organise." in html
    assert "Door-to-door listening" not in html


def test_a_to_z_groups_every_page_by_letter(client, organiser):
    for title in ("Building trust", "action planning", "Analysing what you heard", "Zines for campaigns"):
        make_article(organiser, title, "Body.")
    html = client.get("/wiki/a-z/").content.decode()
    assert html.index('id="letter-a"') < html.index("action planning") < html.index("Analysing what you heard")
    assert html.index("Analysing what you heard") < html.index('id="letter-b"') < html.index("Building trust")
    assert 'href="#letter-z"' in html


def test_recent_changes_rows_link_to_their_diff_and_history_and_show_the_size(client, organiser):
    page = make_article(organiser, "Listening one to one", "Ask open questions.")
    page.body = "Ask open questions. Listen for stories."
    publish(page, organiser, "Added a line")
    first, second = page.revisions.order_by("created_at", "pk")
    html = client.get("/wiki/recent-changes/").content.decode()
    rows = re.findall(r'<li class="change">.*?</li>', html, re.S)
    assert f'history/diff/?from={first.pk}&amp;to={second.pk}"' in rows[0]
    assert f'href="{page.url}history/"' in rows[0]
    assert "+20<span" in rows[0]  # " Listen for stories." is 20 characters
    assert "new page" in rows[1] and "+19<span" in rows[1]


def test_recent_changes_query_count_does_not_grow(client, organiser):
    make_article(organiser, "First page", "Body.")
    client.get("/wiki/recent-changes/")
    with CaptureQueriesContext(connection) as few:
        client.get("/wiki/recent-changes/")
    for n in range(8):
        page = make_article(organiser, f"Page {n}", "Body.")
        page.body = "Body, longer."
        publish(page, organiser, "More")
    with CaptureQueriesContext(connection) as many:
        client.get("/wiki/recent-changes/")
    assert len(many) == len(few)


def test_history_rows_open_each_version_as_it_read(client, organiser):
    page = make_article(organiser, "Building trust", "The first words.")
    page.body = "The second words."
    publish(page, organiser, "Rewrote it")
    first = page.revisions.order_by("created_at", "pk").first()
    history = client.get(f"{page.url}history/").content.decode()
    assert f'href="{page.url}history/{first.pk}/"' in history
    old = client.get(f"{page.url}history/{first.pk}/").content.decode()
    assert "The first words." in old and "The second words." not in old
    assert "This is an old version of this page" in old


def test_drafts_are_not_shown_as_versions_to_readers(client, organiser):
    page = make_article(organiser, "Building trust", "Published words.")
    page.body = "Unpublished draft words."
    draft = page.save_revision(user=organiser)
    assert client.get(f"{page.url}history/{draft.pk}/").status_code == 404
    client.force_login(make_user("reader"))
    assert client.get(f"{page.url}history/{draft.pk}/").status_code == 404
    # Not even its editor reads it here: drafts are for the admin's preview.
    client.force_login(organiser)
    assert client.get(f"{page.url}history/{draft.pk}/").status_code == 404
    published = page.live_revision_id
    assert "Published words." in client.get(f"{page.url}history/{published}/").content.decode()
