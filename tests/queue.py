"""Helpers for tests of the real task queue (the `database_queue` fixture in tests/conftest.py)."""

from contextlib import ExitStack, contextmanager
from unittest import mock

from django.conf import settings
from django_tasks_db.models import DBTaskResult

from hub.worker import WorkerPool

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.HUB_TASK_QUEUES}}


def run_queue(threads: int = 1, queues: tuple[str, ...] = ("*",)) -> None:
    """Work the database queue until no task is ready, as `manage.py run_worker --batch` does.

    The worker closes stale connections between tasks; inside a test's transaction that would
    close the test's own connection, so that step is left out here (threads close theirs at the end).
    """
    with keep_test_connection():
        worker_pool(threads, queues).run()


@contextmanager
def keep_test_connection():
    """Leave out the worker's closing of stale connections, which would close the test's own."""
    with ExitStack() as stack:
        for module in ("django_tasks_db.management.commands.db_worker", "hub.worker"):
            stack.enter_context(mock.patch(f"{module}.close_old_connections", lambda: None))
        yield


def worker_pool(threads: int, queues=("*",), worker_id: str = "test") -> WorkerPool:
    """`threads` workers of the queues named (all of them: "*") that stop once none is ready."""
    return WorkerPool(
        threads,
        queue_names=list(queues),
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def rows(task_name: str | None = None) -> list[DBTaskResult]:
    found = DBTaskResult.objects.order_by("enqueued_at")
    if task_name:
        found = found.filter(task_path__endswith="." + task_name)
    return list(found)
