"""Wiki pages as readers see them: backlinks, contributors, editing rights, lists, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_user
from tests.wiki.conftest import make_article, make_debate, publish
from wiki import selectors
from wiki.models import DebatePosition, WikiLink


def test_wiki_index_exists_after_migrate_at_wiki(client, wiki_index):
    response = client.get("/wiki/")
    assert response.status_code == 200
    assert wiki_index.slug == "wiki"
    assert [c.name for c in response.context["categories"]] == [
        "Practice guides",
        "Thinkers",
        "Existing projects",
        "Philosophy of organising",
        "Training pathway",
    ]


def test_backlinks_follow_a_rename_of_the_target(client, organiser):
    target = make_article(organiser, "Power mapping")
    source = make_article(organiser, "Action planning", "Begin with [[Power mapping]].")
    assert [p.pk for p in selectors.backlinks(target)] == [source.pk]
    target.title = "Mapping power"
    publish(target, organiser, "Renamed")
    assert selectors.backlinks(target) == []
    response = client.get(source.url)
    assert "wiki-link--missing" in response.content.decode()
    source.body = "Begin with [[Mapping power]]."
    publish(source, organiser, "Fixed the link")
    assert [p.pk for p in selectors.backlinks(target)] == [source.pk]
    assert list(WikiLink.objects.values_list("source_id", "target_key")) == [(source.pk, "mapping power")]


def test_backlinks_drop_a_deleted_source(organiser):
    target = make_article(organiser, "Power mapping")
    source = make_article(organiser, "Action planning", "See [[Power mapping]].")
    source.delete()
    assert selectors.backlinks(target) == []
    assert WikiLink.objects.count() == 0


def test_backlinks_drop_an_unpublished_source(organiser):
    target = make_article(organiser, "Power mapping")
    source = make_article(organiser, "Action planning", "See [[Power mapping]].")
    source.unpublish()
    assert selectors.backlinks(target) == []


def test_deleted_target_turns_links_into_missing_links(client, organiser):
    target = make_article(organiser, "Power mapping")
    source = make_article(organiser, "Action planning", "See [[Power mapping]].")
    target.delete()
    html = client.get(source.url).content.decode()
    assert "wiki-link--missing" in html


def test_article_shows_what_links_here_contributors_and_last_editor(client, organiser):
    other = make_user("amara", role="Organiser", display_name="Amara Okafor")
    target = make_article(organiser, "Power mapping", "v1")
    make_article(other, "Action planning", "See [[power mapping]].")
    target.body = "v2"
    publish(target, other, "Second version")
    response = client.get(target.url)
    assert response.status_code == 200
    assert [p.title for p in response.context["backlinks"]] == ["Action planning"]
    assert [(u.username, u.revision_count) for u in response.context["contributors"]] == [
        ("amara", 1),
        ("organiser", 1),
    ] or [(u.username, u.revision_count) for u in response.context["contributors"]] == [
        ("organiser", 1),
        ("amara", 1),
    ]
    assert response.context["last_revision"].user == other
    assert "Last edited by" in response.content.decode()


def test_edit_link_shows_for_organisers_only(client, organiser, member):
    page = make_article(organiser, "Power mapping")
    assert "Edit this page" not in client.get(page.url).content.decode()
    client.force_login(member)
    assert "Edit this page" not in client.get(page.url).content.decode()
    client.force_login(organiser)
    assert f"/admin/pages/{page.pk}/edit/" in client.get(page.url).content.decode()


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_query_count_does_not_grow_with_links_and_contributors(client, organiser):
    page = make_article(organiser, "Power mapping")
    make_article(organiser, "A", "[[Power mapping]]")
    client.get(page.url)
    few = _query_count(client, page.url)
    for n in range(5):
        editor = make_user(f"editor{n}", role="Organiser")
        make_article(editor, f"Source {n}", "[[Power mapping]]")
        page.body = f"version {n}"
        publish(page, editor, f"edit {n}")
    assert _query_count(client, page.url) == few


def test_category_and_tag_lists_paginate_with_fixed_queries(client, organiser, settings):
    settings.HUB_PAGE_SIZE = 3
    make_article(organiser, "Page 0", tags=["listening"])
    few = _query_count(client, "/wiki/category/practice-guides/")
    few_tag = _query_count(client, "/wiki/tag/listening/")
    for n in range(1, 7):
        make_article(organiser, f"Page {n}", tags=["listening", f"extra{n}"])
    assert _query_count(client, "/wiki/category/practice-guides/") == few
    assert _query_count(client, "/wiki/tag/listening/") == few_tag
    response = client.get("/wiki/tag/listening/?page=3")
    assert [p.title for p in response.context["page_obj"]] == ["Page 6"]
    assert response.context["page_obj"].paginator.count == 7


def test_unknown_category_is_404(client, db):
    assert client.get("/wiki/category/nope/").status_code == 404


def test_wiki_index_query_count_is_fixed(client, organiser):
    make_article(organiser, "Page 0", tags=["a"])
    client.get("/wiki/")  # the first request for an address reads its page in two queries (hub/routing.py)
    few = _query_count(client, "/wiki/")
    for n in range(1, 6):
        make_article(organiser, f"Page {n}", tags=[f"t{n}"], category="thinkers")
    assert _query_count(client, "/wiki/") == few


def test_debate_shows_positions_with_authors_and_fixed_queries(client, organiser):
    debate = make_debate(organiser, "Power before policy", positions=[("for", "Yes", "Because.")])
    client.get(debate.url)  # the first request for an address reads its page in two queries (hub/routing.py)
    few = _query_count(client, debate.url)
    for n in range(4):
        debate.positions.add(
            DebatePosition(stance="against", heading=f"No {n}", argument="Because not.", author=make_user())
        )
    publish(debate, organiser, "More positions")
    response = client.get(debate.url)
    assert [p.heading for p in response.context["positions"]][:1] == ["Yes"]
    assert len(response.context["positions"]) == 5
    assert _query_count(client, debate.url) == few


@pytest.mark.parametrize("path", ["/wiki/recent-changes/", "/wiki/documents/"])
def test_lists_are_open_to_anonymous_readers(client, db, path):
    assert client.get(path).status_code == 200


def test_recent_changes_and_documents_pages_use_fixed_queries(client, organiser, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = tmp_path
    make_article(organiser, "Page 0", tags=["a"])
    get_document_model()(title="Doc 0").file.save("d0.txt", ContentFile(b"x"), save=True)
    few_changes = _query_count(client, "/wiki/recent-changes/")
    few_docs = _query_count(client, "/wiki/documents/")
    for n in range(1, 5):
        make_article(make_user(f"writer{n}", role="Organiser"), f"Page {n}", tags=[f"t{n}"], category="thinkers")
        document = get_document_model()(title=f"Doc {n}")
        document.file.save(f"d{n}.txt", ContentFile(b"x"), save=True)
        document.tags.add(f"t{n}")
    assert _query_count(client, "/wiki/recent-changes/") == few_changes
    assert _query_count(client, "/wiki/documents/") == few_docs


def test_sidebar_shows_the_first_links_and_contributors_and_links_to_the_rest(client, organiser, settings):
    settings.HUB_PAGE_SIZE = 5
    target = make_article(organiser, "Power mapping", "v0")
    for n in range(selectors.SIDEBAR_LIST + 1):
        make_article(make_user(f"linker{n}", role="Organiser"), f"Source {n:02d}", "[[Power mapping]]")
        editor = make_user(f"editor{n}", role="Organiser")
        target.body = f"version {n}"
        publish(target, editor, f"edit {n}")
    response = client.get(target.url)
    html = response.content.decode()
    assert [p.title for p in response.context["backlinks"]] == [f"Source {n:02d}" for n in range(10)]
    assert len(response.context["contributors"]) == selectors.SIDEBAR_LIST
    assert (response.context["backlinks_more"], response.context["contributors_more"]) == (True, True)
    assert f'href="/wiki/links-here/{target.pk}/"' in html
    assert f'href="{target.url}history/"' in html
    everything = client.get(f"/wiki/links-here/{target.pk}/?page=3")
    assert (everything.status_code, everything.context["page_obj"].paginator.count) == (200, 11)
    assert [p.title for p in everything.context["page_obj"]] == ["Source 10"]


def test_sidebar_without_more_than_the_first_shows_no_link_to_the_rest(client, organiser):
    target = make_article(organiser, "Power mapping", "v0")
    make_article(organiser, "Source", "[[Power mapping]]")
    response = client.get(target.url)
    assert (response.context["backlinks_more"], response.context["contributors_more"]) == (False, False)
    assert "/wiki/links-here/" not in response.content.decode()
    assert client.get("/wiki/links-here/999999/").status_code == 404


def test_an_article_shows_its_category_read_with_the_page(client, organiser):
    page = make_article(organiser, "Power mapping", "Who decides?")
    category = page.category
    client.get(page.url)
    html = client.get(page.url).content.decode()
    assert f'In <a href="{category.get_absolute_url()}">{category.name}</a>' in html
