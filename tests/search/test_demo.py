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


def test_the_demo_reindexes_everything_and_adds_two_picks_once():
    author = make_user("demoauthor", role=roles.ORGANISER)
    make_article(author, "Power mapping basics", "Who decides, who influences them.")
    IndexEntry.objects.all().delete()
    out = StringIO()

    demo.load(DemoContext(out=out))
    demo.load(DemoContext(out=StringIO()))

    assert list(IndexEntry.objects.values_list("kind", "title")) == [("article", "Power mapping basics")]
    assert "Search index: 1 article entries" in out.getvalue()
    assert sorted(SearchPromotion.objects.values_list("query__query_string", flat=True)) == [
        "one to one",
        "power mapping",
    ]
