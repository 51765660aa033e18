"""What the wiki hands the hub's search: adapters, index updates on publish and unpublish, search fields.

Index writes run in a task once the transaction commits; `committed` runs those callbacks."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from search import registry
from search.models import IndexEntry
from tests.wiki.conftest import make_article, make_debate
from wiki.models import ArticlePage, DebatePage


def test_adapters_are_registered_for_articles_debates_and_documents():
    assert registry.adapter_for_kind("article").model is ArticlePage
    assert registry.adapter_for_kind("debate").model is DebatePage
    assert registry.adapter_for_kind("document").model is get_document_model()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_indexes_plain_text_and_unpublishing_removes(organiser, committed):
    with committed():
        page = make_article(
            organiser, "Power mapping", "Draw **who decides**. See [[Listening|the listening guide]].", tags=["power"]
        )
    entry = IndexEntry.objects.get(kind="article", object_id=page.pk)
    assert entry.title == "Power mapping"
    assert "Draw who decides. See the listening guide." in entry.body
    assert "**" not in entry.body and "[[" not in entry.body
    assert entry.tags == "power"
    with committed():
        page.unpublish()
    assert IndexEntry.objects.filter(kind="article", object_id=page.pk).count() == 0


def test_debate_document_covers_motion_positions_and_standing(organiser, committed):
    with committed():
        debate = make_debate(
            organiser,
            "Power before policy",
            positions=[("for", "Power first", "Without power no policy sticks.")],
            standing="Most agree on sequencing.",
        )
    doc = registry.adapter_for_kind("debate").to_document(debate)
    assert doc.kind == "debate" and doc.url == "/wiki/power-before-policy/"
    assert doc.summary.startswith("This house believes power before policy.")  # the motion leads, above the body
    for words in ("Without power no policy sticks.", "sequencing"):
        assert words in doc.body
    assert IndexEntry.objects.filter(kind="debate", object_id=debate.pk).count() == 1


def test_deleting_a_page_removes_it_from_the_index(organiser, committed):
    with committed():
        page = make_article(organiser, "Power mapping")
    pk = page.pk
    assert IndexEntry.objects.filter(kind="article", object_id=pk).count() == 1
    with committed():
        page.delete()
    assert IndexEntry.objects.filter(kind="article", object_id=pk).count() == 0


def test_documents_are_indexed_on_save(db, settings, tmp_path, committed):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model()(title="Power map template")
    with committed():
        document.file.save("power-map.txt", ContentFile(b"x"), save=True)
    assert IndexEntry.objects.filter(kind="document", object_id=document.pk).count() == 1
    with committed():
        document.delete()
    assert IndexEntry.objects.filter(kind="document").count() == 0


def test_wagtail_search_fields_cover_every_written_field():
    article_fields = {f.field_name for f in ArticlePage.search_fields}
    debate_fields = {f.field_name for f in DebatePage.search_fields}
    assert {"title", "summary", "body", "tags", "category"} <= article_fields
    assert {"title", "summary", "body", "tags", "category", "motion", "standing", "positions"} <= debate_fields
