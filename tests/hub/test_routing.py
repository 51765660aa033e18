"""Page routing by address in one query (hub/routing.py) answers as Wagtail's walk does."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.wiki.conftest import make_article, make_debate


def _tree_lookups(client, url) -> tuple[int, int, int]:
    """(status, queries by address, child-by-slug queries of Wagtail's walk)."""
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    sql = [query["sql"] for query in queries.captured_queries if 'FROM "wagtailcore_page"' in query["sql"]]
    by_address = sum('"wagtailcore_page"."url_path" IN' in text for text in sql)
    by_slug = sum('"wagtailcore_page"."slug" = ' in text for text in sql)
    return status, by_address, by_slug


def test_a_page_its_routes_and_missing_addresses_answer_as_before(client, organiser):
    page = make_article(organiser, "Power mapping", "Draw who decides.")
    assert client.get(page.url).status_code == 200
    assert client.get(page.url + "history/").status_code == 200
    assert client.get(page.url + "no-such-route/").status_code == 404
    assert client.get("/wiki/no-such-page/").status_code == 404
    assert client.get("/no-such-section/power-mapping/").status_code == 404


def test_a_draft_page_is_not_found_and_the_root_path_still_serves_home(client, organiser):
    page = make_article(organiser, "Power mapping")
    page.unpublish()
    assert client.get("/wiki/power-mapping/").status_code == 404
    assert client.get("/").status_code == 200


def test_the_page_is_found_by_its_address_not_by_a_walk_of_slugs(client, organiser):
    page = make_article(organiser, "Power mapping")
    assert _tree_lookups(client, page.url) == (200, 1, 0)
    assert _tree_lookups(client, page.url + "history/") == (200, 1, 0)


def test_the_page_is_read_with_its_specific_row_and_what_its_sidebar_shows_in_one_query(client, organiser):
    page = make_article(organiser, "Power mapping", "Draw who decides.")
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    assert type(response.context["page"]).__name__ == "ArticlePage"
    assert response.context["page"].category.name == "Practice guides"
    assert response.context["last_revision"].user == organiser
    sql = [query["sql"] for query in queries.captured_queries]
    assert [text for text in sql if 'FROM "wagtailcore_page"' in text and '"wiki_articlepage"' in text] == [
        text for text in sql if '"wagtailcore_page"."url_path" IN' in text
    ]
    assert sum('"wagtailcore_page"."url_path" IN' in text for text in sql) == 1
    assert [text for text in sql if text.startswith('SELECT "wagtailcore_revision"')] == []


def test_page_addresses_in_a_request_read_the_site_root_paths_once(client, organiser):
    for number in range(3):
        make_article(organiser, f"Listed page {number}", "Text.")
    client.get("/wiki/")
    with mock.patch.object(Site, "get_site_root_paths", wraps=Site.get_site_root_paths) as read:
        response = client.get("/wiki/")
    assert response.status_code == 200
    assert b"Listed page 2" in response.content
    assert read.call_count == 1


def test_an_address_that_now_serves_another_kind_of_page_serves_it(client, organiser):
    article = make_article(organiser, "Pay organisers", "An article first.")
    assert type(client.get(article.url).context["page"]).__name__ == "ArticlePage"
    assert type(client.get(article.url).context["page"]).__name__ == "ArticlePage"  # read with its row now
    url = article.url
    article.delete()
    debate = make_debate(organiser, "Pay organisers")
    assert debate.url == url
    response = client.get(url)
    assert response.status_code == 200
    assert type(response.context["page"]).__name__ == "DebatePage"
    assert response.context["page"].motion == debate.motion


def test_the_address_query_is_compiled_once_per_shape_and_run_with_each_requests_values(db, client, organiser, member):
    """hub.routing._chain keeps the compiled statement per connection (root, levels, model guessed,
    signed in): two articles at the same depth, each visitor in turn, get their own page and watch."""
    from hub import compiled, routing

    first = make_article(organiser, "Power mapping", "Draw who decides.")
    second = make_article(organiser, "One to ones", "Listen first.")
    connection.__dict__.pop("_hub_route_statements", None)
    client.force_login(member)
    client.post(f"/wiki/watch/page/{second.pk}/", {"frequency": "daily"})
    for page in (first, second, first):  # teaches the router the model at each address, then compiles
        client.get(page.url)
    with mock.patch.object(routing, "compile_statement", wraps=compiled.compile_statement) as compiling:
        pages = [client.get(page.url).context["page"] for page in (first, second, first)]
        client.force_login(organiser)
        theirs = client.get(second.url).context["page"]
    assert [page.pk for page in pages] == [first.pk, second.pk, first.pk]
    assert [page.hub_watch_frequency for page in pages] == [None, "daily", None]
    assert theirs.pk == second.pk and theirs.hub_watch_frequency is None
    assert compiling.call_count == 0  # both articles and both members ran the statements compiled above


def test_a_kept_statement_builds_the_same_instances_as_the_orm(db):
    from django.db.models import Count
    from wagtail.models import Page

    from hub.compiled import compile_statement

    def queryset(path):
        return Page.objects.filter(url_path=path).select_related("content_type").annotate(n=Count("pk"))

    statement = compile_statement(queryset("\x1fstand-in\x1f"), connection, ["\x1fstand-in\x1f"])
    for page in Page.objects.all():
        (kept,) = statement.instances(connection, [page.url_path])
        (orm,) = queryset(page.url_path)
        assert (kept.pk, kept.title, kept.content_type, kept.n) == (orm.pk, orm.title, orm.content_type, orm.n)
        assert kept._state.db == orm._state.db and not kept._state.adding


def test_a_stand_in_that_does_not_reach_the_parameters_unchanged_is_refused():
    import pytest
    from wagtail.models import Page

    from hub.compiled import compile_statement

    with pytest.raises(ValueError, match="do not reach the SQL parameters unchanged"):
        compile_statement(Page.objects.filter(title__contains="x-stand-in"), connection, ["x-stand-in"])
