"""Search test helpers: documents written straight into the index, a throwaway adapter, tasks.

Engine tests (ranking, facets, odd inputs) put SearchDocuments in the index with
`index_doc`, exactly as an adapter's document would land there. Indexing tests use
`member_adapter`, a test-only adapter over hub.User registered for the test and removed after.
`committed` runs what a transaction does on commit (index writes are enqueued then); `queued`
keeps enqueued tasks without running them, as a persistent queue does until a worker takes them.

In the test command's Elasticsearch pass (ELASTICSEARCH_URL naming a real Elasticsearch 9 cluster,
and HUB_TEST_ELASTICSEARCH=1), every test here searches that cluster: each test gets its own index prefix,
`index_doc` writes to the cluster too, and the indices are deleted afterwards.
"""

import itertools
import os
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks import task_backends

from search import registry, services, store
from search.backends import elastic
from search.registry import SearchAdapter, SearchDocument

_ids = itertools.count(1)
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
# The test command's Elasticsearch pass sets HUB_TEST_ELASTICSEARCH=1 (scripts/run_tests.py).
REAL_ELASTICSEARCH = os.environ.get("ELASTICSEARCH_URL", "") if os.environ.get("HUB_TEST_ELASTICSEARCH") else ""


def index_doc(kind="article", title="A page", body="", **fields) -> SearchDocument:
    fields.setdefault("object_id", next(_ids))
    fields.setdefault("url", f"/{kind}/{fields['object_id']}/")
    fields.setdefault("published_at", timezone.now() - timedelta(days=30))
    doc = SearchDocument(kind=kind, title=title, body=body, **fields)
    store.save(doc)
    if REAL_ELASTICSEARCH and settings.ELASTICSEARCH_URL == REAL_ELASTICSEARCH:
        elastic.write([doc])
        elastic.write_client().indices.refresh(index=elastic.alias_name())
    return doc


@pytest.fixture(autouse=True)
def _real_cluster(settings):
    """In the Elasticsearch pass, point every search test at the real cluster, in its own indices."""
    if not REAL_ELASTICSEARCH:
        yield
        return
    settings.ELASTICSEARCH_URL = REAL_ELASTICSEARCH
    settings.ELASTICSEARCH_INDEX_PREFIX = f"hubtest-{uuid.uuid4().hex[:10]}"
    elastic.reset_client()
    yield
    if settings.ELASTICSEARCH_URL == REAL_ELASTICSEARCH:
        es = elastic.write_client()
        es.options(ignore_status=404).indices.delete(index=f"{elastic.alias_name()}-v*")
        es.options(ignore_status=404).indices.delete_index_template(name=elastic.template_name())
    elastic.reset_client()


@pytest.fixture
def search_backend(db):
    """The backend these tests search: the database's, or the real cluster in the Elasticsearch pass."""
    return elastic.ElasticsearchBackend() if REAL_ELASTICSEARCH else services.database_backend()


class MemberAdapter(SearchAdapter):
    """Test only: active members are findable by their display name and their `last_name` text."""

    kind = "testmember"
    label = "Test member"
    label_plural = "Test members"

    def __init__(self):
        from django.contrib.auth import get_user_model

        self.model = get_user_model()

    def queryset(self):
        return self.model.objects.filter(is_active=True)

    def to_document(self, obj):
        return SearchDocument(
            kind=self.kind,
            object_id=obj.pk,
            title=obj.display_name or obj.username,
            body=obj.last_name,
            url=f"/members/{obj.pk}/",
            published_at=obj.date_joined,
            author_score=obj.feedback_score,
        )


@pytest.fixture
def member_adapter():
    adapter = registry.register(MemberAdapter())
    yield adapter
    registry.unregister(adapter.kind)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def queued(settings):
    """Enqueued tasks are kept, not run (as on a persistent queue before a worker takes them)."""
    settings.TASKS = DUMMY_TASKS  # django-tasks resets its backends when TASKS changes
    backend = task_backends["default"]
    yield backend.results
    backend.clear()


def run(results) -> None:
    """What a worker does: run each task that was enqueued, in order."""
    for result in list(results):
        result.task.call(*result.args, **result.kwargs)
