"""A page's view restrictions are read in one query (hub/page_context.py) and still apply as in
Wagtail: those of the page, of every ancestor, and for an alias those of its source page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.hub import world as hub_world


def _restrict(page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.mark.django_db
def test_an_ancestors_restriction_applies_to_the_pages_below_it(client):
    world = hub_world.build()
    article = world["article"]
    assert client.get(article.url).status_code == 200
    _restrict(article.get_parent())
    response = client.get(article.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(world["member"])
    assert client.get(article.url).status_code == 200


@pytest.mark.django_db
def test_an_alias_answers_to_its_source_pages_restrictions_and_not_its_own_place(client):
    world = hub_world.build()
    article, other = world["article"], world["other"]
    alias = article.create_alias(parent=other.get_parent(), update_slug="door-knocking-alias")
    assert client.get(alias.url).status_code == 200
    _restrict(article)
    response = client.get(alias.url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(other.url).status_code == 200  # the restriction stays on the source page


@pytest.mark.django_db
def test_a_restriction_on_the_page_itself_or_on_the_sites_root_applies(client):
    world = hub_world.build()
    article, other = world["article"], world["other"]
    _restrict(article)
    assert client.get(article.url).status_code == 302
    assert client.get(other.url).status_code == 200
    PageViewRestriction.objects.all().delete()
    _restrict(article.get_parent().get_parent())  # the home page, the site's root: above what routing reads
    assert client.get(article.url).status_code == 302
    assert client.get("/wiki/").status_code == 302


@pytest.mark.django_db
def test_a_routed_page_without_restrictions_does_not_read_them_again(client):
    world = hub_world.build()
    client.get(world["article"].url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(world["article"].url).status_code == 200
    reads = [query["sql"] for query in queries.captured_queries]
    assert [sql for sql in reads if sql.startswith('SELECT "wagtailcore_pageviewrestriction"')] == []
    routing = [sql for sql in reads if '"wagtailcore_page"."url_path" IN' in sql]
    assert len(routing) == 1 and '"wagtailcore_pageviewrestriction"' in routing[0]
