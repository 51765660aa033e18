"""Search test helpers: documents written straight into the index, and a throwaway adapter.

Engine tests (ranking, facets, odd inputs) put SearchDocuments in the index with
`index_doc`, exactly as an adapter's document would land there. Indexing tests use
`member_adapter`, a test-only adapter over hub.User registered for the test and removed after.
"""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import task_backends

from search import registry, store
from search.registry import SearchAdapter, SearchDocument

_ids = itertools.count(1)
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def index_doc(kind="article", title="A page", body="", **fields) -> SearchDocument:
    fields.setdefault("object_id", next(_ids))
    fields.setdefault("url", f"/{kind}/{fields['object_id']}/")
    fields.setdefault("published_at", timezone.now() - timedelta(days=30))
    doc = SearchDocument(kind=kind, title=title, body=body, **fields)
    store.save(doc)
    return doc


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
