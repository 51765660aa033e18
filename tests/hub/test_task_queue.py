"""The database task queue: enqueue on commit, retries with backoff, failures kept, RetryLater."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hub.tasks import RetryPolicy, enqueue_on_commit, policy_for
from tests.hub import sample_tasks
from tests.processes import run_python
from tests.queue import keep_test_connection, rows, run_queue

pytestmark = pytest.mark.django_db


def test_a_task_enqueued_in_a_transaction_that_rolls_back_leaves_no_row(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(sample_tasks.broken, "rolled back")
        raise RuntimeError("the request failed")
    assert DBTaskResult.objects.count() == 0


def test_a_task_enqueued_in_a_committed_transaction_waits_in_the_queue(database_queue):
    with transaction.atomic():
        enqueue_on_commit(sample_tasks.works_on_third_try, "queued")
    (row,) = rows()
    assert (row.status, row.task_path, row.args_kwargs) == (
        "READY",
        "tests.hub.sample_tasks.works_on_third_try",
        {"args": ["queued"], "kwargs": {}},
    )


def test_transient_failure_is_retried_and_then_kept_as_failed_with_its_error(database_queue):
    sample_tasks.always_refused.enqueue("mail-down")
    run_queue()
    (row,) = rows()
    assert row.status == "FAILED"
    assert len(row.worker_ids) == 3
    assert sample_tasks.CALLS["mail-down"] == 3
    assert row.exception_class_path == "builtins.ConnectionRefusedError"
    assert "nothing listens for mail-down" in row.traceback


def test_transient_failures_then_success_end_successful_on_the_third_attempt(database_queue):
    sample_tasks.works_on_third_try.enqueue("flaky")
    run_queue()
    (row,) = rows()
    assert (row.status, len(row.worker_ids), row.return_value) == ("SUCCESSFUL", 3, "done")


def test_a_bug_is_not_retried(database_queue):
    sample_tasks.broken.enqueue("bug")
    run_queue()
    (row,) = rows()
    assert (row.status, len(row.worker_ids), row.exception_class_path) == ("FAILED", 1, "builtins.ValueError")
    assert sample_tasks.CALLS["bug"] == 1


def test_a_retry_waits_for_its_backoff_before_running_again(database_queue):
    before = timezone.now()
    sample_tasks.refused_with_a_long_backoff.enqueue("backoff")
    run_queue()  # runs once, then nothing is ready: the retry waits about 60 s
    (row,) = rows()
    assert (row.status, len(row.worker_ids), sample_tasks.CALLS["backoff"]) == ("READY", 1, 1)
    assert before + dt.timedelta(seconds=47) <= row.run_after <= timezone.now() + dt.timedelta(seconds=73)
    assert row.exception_class_path == "builtins.ConnectionRefusedError"  # the admin sees why it waits
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())
    run_queue()
    row.refresh_from_db()
    assert (row.status, len(row.worker_ids)) == ("READY", 2)


def test_retry_later_puts_the_task_back_without_spending_an_attempt(database_queue):
    sample_tasks.waits_for_a_slot.enqueue("slot")
    run_queue()
    (row,) = rows()
    assert (row.status, row.return_value, len(row.worker_ids)) == ("SUCCESSFUL", "ran", 1)
    assert sample_tasks.CALLS["slot"] == 2


def test_backoff_doubles_up_to_the_cap_with_jitter():
    policy = RetryPolicy(attempts=10, base_delay=30, max_delay=3600)
    delays = [policy.delay(attempt) for attempt in (1, 2, 3, 8)]
    assert 24 <= delays[0] <= 36
    assert 48 <= delays[1] <= 72
    assert 96 <= delays[2] <= 144
    assert 2880 <= delays[3] <= 4320


def test_tasks_of_other_libraries_get_the_default_policy(settings):
    policy = policy_for("wagtail.tasks.update_reference_index_task")
    assert (policy.attempts, policy.base_delay) == (settings.HUB_TASKS_ATTEMPTS, settings.HUB_TASKS_BASE_DELAY)


def test_run_worker_refuses_to_start_without_the_database_queue():
    with pytest.raises(CommandError, match="does not use the database queue"):
        call_command("run_worker", "--batch")


def test_run_worker_batch_runs_what_is_ready_and_stops(database_queue):
    sample_tasks.works_on_third_try.enqueue("command")
    with keep_test_connection():
        call_command("run_worker", "--batch", "--threads", "1")
    assert rows()[0].status == "SUCCESSFUL"


def test_admin_lists_a_failed_task_with_its_error_and_retries_it(database_queue, client, superuser):
    sample_tasks.always_refused.enqueue("admin")
    run_queue()
    (row,) = rows()
    client.force_login(superuser)
    listing = client.get("/admin/background-tasks/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Failed (1)" in page and "always_refused" in page
    assert "ConnectionRefusedError: nothing listens for admin" in page
    detail = client.get(f"/admin/background-tasks/{row.pk}/")
    assert "Retry this task" in detail.content.decode()
    assert client.post(f"/admin/background-tasks/{row.pk}/retry/").status_code == 302
    row.refresh_from_db()
    assert (row.status, row.worker_ids) == ("READY", [])
    run_queue()
    row.refresh_from_db()
    assert (row.status, len(row.worker_ids)) == ("FAILED", 3)
    assert client.post("/admin/background-tasks/retry-failed/").status_code == 302
    row.refresh_from_db()
    assert row.status == "READY"


def test_only_superusers_see_the_background_tasks(client, organiser):
    client.force_login(organiser)  # organisers use the admin to edit the wiki
    response = client.get("/admin/background-tasks/")
    # Wagtail turns a refused admin view into a redirect to the dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_task_whose_worker_was_killed_shows_as_stuck_and_can_be_retried(database_queue, client, superuser):
    sample_tasks.works_on_third_try.enqueue("stuck")
    (row,) = rows()
    long_ago = timezone.now() - dt.timedelta(hours=2)
    DBTaskResult.objects.filter(pk=row.pk).update(status="RUNNING", started_at=long_ago, worker_ids=["killed"])
    client.force_login(superuser)
    assert "Stuck (worker lost) (1)" in client.get("/admin/background-tasks/").content.decode()
    client.post(f"/admin/background-tasks/{row.pk}/retry/")
    row.refresh_from_db()
    assert (row.status, row.worker_ids) == ("READY", [])


def test_a_task_running_now_cannot_be_retried(database_queue, client, superuser):
    sample_tasks.works_on_third_try.enqueue("running")
    (row,) = rows()
    DBTaskResult.objects.filter(pk=row.pk).update(status="RUNNING", started_at=timezone.now())
    client.force_login(superuser)
    client.post(f"/admin/background-tasks/{row.pk}/retry/")
    row.refresh_from_db()
    assert row.status == "RUNNING"


@pytest.mark.postgres
def test_whether_a_task_already_waits_is_answered_from_an_index_however_long_the_backlog(database_queue):
    """hub.tasks.enqueue_unless_waiting asks on every rating whether the same refresh already waits
    (hub/migrations/0015): with 1,500 tasks waiting, PostgreSQL finds it through the index, not by
    reading them all, and the answer is the same either way."""
    from django.db import connection

    from hub.tasks import _waiting, _waiting_rows

    for number in range(1500):
        enqueue_on_commit(sample_tasks.works_on_third_try, f"backlog-{number}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE django_tasks_database_dbtaskresult")
    with transaction.atomic():
        assert _waiting(sample_tasks.works_on_third_try, ("backlog-1499",)) is True
        assert _waiting(sample_tasks.works_on_third_try, ("not-enqueued",)) is False
        plan = _waiting_rows(sample_tasks.works_on_third_try, ("backlog-1499",)).explain()
    assert "hub_tasks_waiting_by_task_and_arguments" in plan, plan


@pytest.mark.django_db(transaction=True)  # outside a transaction too
def test_the_waiting_check_sends_the_orms_own_query_for_each_task_and_arguments(database_queue):
    """hub.tasks._waiting runs _waiting_rows' SQL compiled once with stand-in arguments: for other
    arguments, other tasks, inside a transaction (locked, skipping locked rows) and outside one, it
    sends what the ORM would send, and answers as the ORM answers."""
    from django.db import connection

    from hub.tasks import _waiting, _waiting_rows, _waiting_statement

    def sent(declared, args):
        orm = _waiting_rows(declared, args).query.get_compiler(connection=connection).as_sql()
        compiled = _waiting_statement(connection, declared)
        compiled[1][compiled[2]] = DBTaskResult._meta.get_field("args_kwargs").get_db_prep_value(
            {"args": list(args), "kwargs": {}}, connection
        )
        return [_rendered(connection, *orm), _rendered(connection, compiled[0], compiled[1])]

    enqueue_on_commit(sample_tasks.works_on_third_try, "waits", 7)
    for declared, args in [
        (sample_tasks.works_on_third_try, ("waits", 7)),
        (sample_tasks.works_on_third_try, ("other", 8)),
        (sample_tasks.broken, (["a", {"b": 1}],)),
    ]:
        orm, compiled = sent(declared, args)
        assert compiled == orm and "FOR UPDATE" not in orm[0]
        with transaction.atomic():
            orm, compiled = sent(declared, args)
            assert compiled == orm and ("FOR UPDATE SKIP LOCKED" in orm[0]) is connection.features.has_select_for_update
            assert _waiting(declared, args) is bool(_waiting_rows(declared, args)) is (args == ("waits", 7))
        assert _waiting(declared, args) is (args == ("waits", 7))


def _rendered(connection, sql, params):
    """The statement as the database gets it (on PostgreSQL the values written in, JSON included)."""
    return (connection.ops.compose_sql(sql, params),) if connection.vendor == "postgresql" else (sql, list(params))


def test_wagtails_index_updates_for_an_object_deleted_meanwhile_end_with_nothing_to_do(database_queue, caplog):
    """Wagtail queues a reference-index and a search-index update on every save; when the row is
    deleted before they run (the demo load replacing its documents), they find nothing to do
    instead of failing for good in the admin's list. Any other task that meets a missing row
    still fails."""
    from wagtail.documents import get_document_model

    with transaction.atomic():
        document = get_document_model().objects.create(title="Minutes", file="documents/minutes.txt")
    about_it = [row for row in rows() if row.args_kwargs["args"][-1] == str(document.pk)]
    assert {row.task_path for row in about_it} == {
        "wagtail.tasks.update_reference_index_task",
        "modelsearch.tasks.insert_or_update_object_task",
    }
    document.delete()
    with caplog.at_level("INFO", logger="hub.worker"):
        run_queue()
    for row in DBTaskResult.objects.filter(pk__in=[row.pk for row in about_it]):
        assert row.status == "SUCCESSFUL", (row.task_path, row.traceback)
    assert "its object was deleted after it was queued" in caplog.text

    with transaction.atomic():
        enqueue_on_commit(sample_tasks.reads_a_missing_row, "gone")
    run_queue()
    (other,) = rows("reads_a_missing_row")
    assert other.status == "FAILED" and other.exception_class_path.endswith("DoesNotExist")


def test_two_workers_indexing_the_same_object_at_once_both_succeed_on_sqlite(tmp_path):
    """An object saved twice in quick succession queues two search-index tasks; two worker threads
    took one each, both found no index entry and both inserted one, and the second failed for good
    on the unique constraint (seen in `make run`'s log after the demo load). The worker now runs
    that task in one transaction on SQLite, so the second waits for the first and updates."""
    done = run_python("-m", "tests.hub.index_race", str(tmp_path / "race.sqlite3"))
    assert done.returncode == 0, done.stderr[-3000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome == {
        "tasks": [["SUCCESSFUL", ""], ["SUCCESSFUL", ""]],
        "entries": 1,
        "title": "Minutes of the listening campaign",
    }, done.stderr[-3000:]
