"""The wiki demo loader: enough content, real histories and discussions, and safe to run twice."""

import io

from django_comments_xtd.models import XtdComment
from wagtail.models import PageLogEntry

from hub import demo as hub_demo
from hub.demo_support import DemoContext
from wiki import demo, links
from wiki.models import ArticlePage, DebatePage, WikiLink


def test_demo_builds_linked_articles_debates_and_documents_and_is_idempotent(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.StringIO()
    hub_demo.load(DemoContext(out=out))
    demo.load(DemoContext(out=out))
    assert ArticlePage.objects.live().count() == 35
    assert DebatePage.objects.live().count() == 5
    assert set(ArticlePage.objects.values_list("category__slug", flat=True)) == {
        "practice-guides",
        "thinkers",
        "existing-projects",
        "philosophy-of-organising",
        "training-pathway",
    }
    keys = set(WikiLink.objects.values_list("target_key", flat=True))
    assert len(keys) == 36
    assert keys - set(links.resolve(keys)) == set()
    editors = PageLogEntry.objects.filter(action="wagtail.publish").values_list("user__username", flat=True)
    assert len(set(editors)) >= 15
    listening = ArticlePage.objects.get(slug="listening-one-to-one")
    assert listening.revisions.count() == 3
    assert XtdComment.objects.filter(level=3).count() >= 5
    assert "Wiki articles: 35 new, 0 already there" in out.getvalue()
    demo.load(DemoContext(out=out))
    assert ArticlePage.objects.count() == 35
    assert XtdComment.objects.count() == 24
    assert "Wiki articles: 0 new, 35 already there" in out.getvalue()
