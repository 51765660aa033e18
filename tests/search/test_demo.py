"""search.demo.load: the demo ends with a full reindex and two editors' picks, and is idempotent."""

from io import StringIO

import pytest
from wagtail.contrib.search_promotions.models import SearchPromotion

from hub import roles
from hub.demo_support import DemoContext
from search import demo
from search.models import IndexEntry
from tests.factories import make_user
from tests.wiki.conftest import make_article

pytestmark = pytest.mark.django_db


def test_the_demo_reindexes_everything_and_picks_the_guides_each_query_is_about_once():
    author = make_user("demoauthor", role=roles.ORGANISER)
    make_article(author, "Power mapping", "Who decides, who influences them.")
    make_article(author, "Listening one to one", "A conversation with a purpose.")
    IndexEntry.objects.all().delete()
    out = StringIO()

    demo.load(DemoContext(out=out))
    demo.load(DemoContext(out=StringIO()))

    assert sorted(IndexEntry.objects.values_list("kind", "title")) == [
        ("article", "Listening one to one"),
        ("article", "Power mapping"),
    ]
    assert "Search index: 2 article entries" in out.getvalue()
    picks = SearchPromotion.objects.order_by("query__query_string")
    assert [(pick.query.query_string, pick.page.url) for pick in picks] == [
        ("one to one", "/wiki/listening-one-to-one/"),
        ("power mapping", "/wiki/power-mapping/"),
    ]
