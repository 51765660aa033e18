"""search.indexing, its tasks and manage.py search_reindex, through a test-only adapter over hub.User.

Parts note changes with indexing.update()/remove()/update_author(); a task does the writing once
the transaction commits. `queued` swaps the task backend for django-tasks' dummy backend, which
keeps enqueued tasks without running them, as a persistent queue would until a worker takes them.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from elastic_transport import ApiResponseMeta, HttpHeaders
from elasticsearch import ApiError

from hub.tasks import TransientError
from search import indexing, services, sync, tasks
from search.models import IndexEntry
from tests.factories import make_user
from tests.search.conftest import run

pytestmark = pytest.mark.django_db


def test_updates_become_one_task_after_commit_with_each_object_once(member_adapter, queued, committed):
    first, second = make_user("alinta", last_name="allotment"), make_user("bo", last_name="beekeeping")
    with committed(), transaction.atomic():
        indexing.update(first)
        indexing.update(second)
        indexing.update(first)
        assert queued == []  # nothing happens before the commit

    [result] = queued
    assert result.task.name == "refresh_index"
    assert result.args == [[["hub.user", first.pk], ["hub.user", second.pk]]]
    assert IndexEntry.objects.filter(kind="testmember").count() == 0  # the request wrote nothing
    run(queued)
    assert [hit.object_id for hit in services.search("beekeeping").hits] == [second.pk]


def test_a_rolled_back_transaction_enqueues_nothing(member_adapter, queued, committed):
    user = make_user("alinta", last_name="allotment")
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        indexing.update(user)
        raise RuntimeError

    assert queued == []


def test_many_objects_are_written_in_batches(member_adapter, queued, committed, settings):
    settings.SEARCH_INDEX_BATCH = 2
    users = [make_user(f"member{number}", last_name="rota") for number in range(5)]
    with committed():
        indexing.update_many(users)

    assert [len(result.args[0]) for result in queued] == [2, 2, 1]
    run(queued)
    assert services.search("rota").total == 5


def test_update_adds_then_refreshes_the_entry(member_adapter, committed):
    user = make_user("alinta", display_name="Alinta", last_name="allotment")
    with committed():
        indexing.update(user)
    user.last_name = "beekeeping"
    user.save()

    with committed():
        indexing.update(user)

    assert services.search("allotment").total == 0
    assert [hit.object_id for hit in services.search("beekeeping").hits] == [user.pk]
    assert IndexEntry.objects.filter(kind="testmember").count() == 1


def test_update_drops_what_is_no_longer_searchable(member_adapter, committed):
    user = make_user("hidden", last_name="moderated")
    with committed():
        indexing.update(user)
    user.is_active = False
    user.save()

    with committed():
        indexing.update(user)

    assert IndexEntry.objects.filter(kind="testmember").count() == 0
    assert services.search("moderated").total == 0


def test_remove_drops_the_entry_of_a_deleted_object(member_adapter, committed):
    user = make_user("gone", last_name="farewell")
    with committed():
        indexing.update(user)

    with committed():
        indexing.remove(user)
        user.delete()

    assert IndexEntry.objects.filter(kind="testmember").count() == 0


def test_an_authors_new_score_reaches_every_post_in_one_task(member_adapter, queued, committed, monkeypatch):
    monkeypatch.setattr(type(member_adapter), "author_field", "pk")
    user = make_user("writer", last_name="zine")
    sync.refresh([indexing.ref(user)])
    type(user).objects.filter(pk=user.pk).update(feedback_score=42)

    with committed():
        indexing.update_author(user.pk)

    [result] = queued
    assert (result.task.name, result.args) == ("refresh_author_content", [user.pk])
    run(queued)
    assert IndexEntry.objects.get(kind="testmember").author_score == 42


def test_an_elasticsearch_outage_is_transient_and_a_defect_is_not(member_adapter, monkeypatch):
    user = make_user("retry", last_name="later")
    outage = ApiError("unavailable", ApiResponseMeta(503, "1.1", HttpHeaders(), 0.1, None), {})
    monkeypatch.setattr(sync, "refresh", lambda refs: (_ for _ in ()).throw(outage))
    with pytest.raises(TransientError):  # the worker retries with backoff (hub/tasks.py)
        tasks.refresh_index.call([["hub.user", user.pk]])

    monkeypatch.setattr(sync, "refresh", lambda refs: 1 / 0)
    with pytest.raises(ZeroDivisionError):  # a defect fails at once and stays visible in the admin
        tasks.refresh_index.call([["hub.user", user.pk]])


def test_a_broken_index_never_breaks_the_save_that_called_it(member_adapter, committed):
    user = make_user("safe", last_name="resilient")
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE search_indexentry CASCADE"
            if connection.vendor == "postgresql"
            else "DROP TABLE search_indexentry"
        )

    with committed(), transaction.atomic():
        indexing.update(user)  # the task fails after the commit; the immediate backend records it
        user.first_name = "Still"
        user.save()

    user.refresh_from_db()
    assert user.first_name == "Still"


def test_reindex_rebuilds_every_kind_and_reports_progress(member_adapter):
    make_user("one", last_name="alpha")
    make_user("two", last_name="alpha")
    make_user("three", last_name="alpha", is_active=False)
    IndexEntry.objects.create(
        kind="testmember", object_id=999, title="Stale", url="/x/", published_at="2020-01-01T00:00Z"
    )
    out = StringIO()

    call_command("search_reindex", "--kind", "testmember", stdout=out)

    assert "  testmember: 2 indexed" in out.getvalue()
    assert "Done: 2 entries in 1 kinds." in out.getvalue()
    assert services.search("alpha").total == 2
    assert not IndexEntry.objects.filter(object_id=999).exists()


def test_reindex_names_the_known_kinds_when_given_an_unknown_one(member_adapter):
    with pytest.raises(CommandError, match="Unknown kind nonsense. Known kinds: .*testmember"):
        call_command("search_reindex", "--kind", "nonsense", stdout=StringIO())
