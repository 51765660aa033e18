"""Background work: how every part of the hub declares a task and enqueues it.

The hub runs on Django's task framework (the `django-tasks` backport) with the database backend
(`django-tasks-db`): a task is a row, any number of `manage.py run_worker` processes take rows
with row locks (SKIP LOCKED on PostgreSQL), and a failed task stays in the table, visible and
retryable in the Wagtail admin (Settings > Background tasks). See docs/adr/0050.

Declare a task at module level (usually `<app>/tasks.py`); its arguments must be JSON values
(ids, strings, numbers, lists, dicts), never model instances::

    from hub.tasks import retrying_task

    @retrying_task(attempts=8, base_delay=60)
    def send_reminder(user_id: int) -> None:
        ...

Enqueue it so that it runs only if the surrounding transaction commits::

    from hub.tasks import enqueue_on_commit

    enqueue_on_commit(send_reminder, user.pk)

Transient failures are retried with exponential backoff: raise `TransientError` yourself (for
example on a feed host's 5xx), or let an error listed in `settings.HUB_TASKS_TRANSIENT_ERRORS`
(connection refused, time-outs, SMTP errors, Elasticsearch or Redis connection errors) escape.
After the last attempt the task is marked failed and kept. Any other exception fails at once.
A task that cannot start yet (for example every fetch slot of a feed host is taken) raises
`RetryLater(seconds)`: it goes back to the queue without spending an attempt.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class TransientError(Exception):
    """Raise from a task to say "this may work later": the worker retries with backoff."""


class RetryLater(Exception):
    """Raise from a task to put it back in the queue for `seconds`, without spending an attempt."""

    def __init__(self, seconds: float, reason: str = ""):
        super().__init__(reason or f"retry in {seconds:.0f} s")
        self.seconds = seconds


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int  # runs in all, the first included
    base_delay: float  # seconds before the second run; doubles for each later one
    max_delay: float  # the longest wait between two runs
    retry_on: tuple[str, ...] = ()  # dotted exception classes retried on top of the transient ones

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed run number `attempt` (1-based), with 20 % jitter."""
        wait = min(self.max_delay, self.base_delay * 2 ** max(0, attempt - 1))
        return wait * random.uniform(0.8, 1.2)  # noqa: S311 - jitter, not a secret


_POLICIES: dict[str, RetryPolicy] = {}


def default_policy() -> RetryPolicy:
    return RetryPolicy(
        attempts=settings.HUB_TASKS_ATTEMPTS,
        base_delay=settings.HUB_TASKS_BASE_DELAY,
        max_delay=settings.HUB_TASKS_MAX_DELAY,
    )


def retrying_task(
    function: Callable | None = None,
    *,
    attempts: int | None = None,
    base_delay: float | None = None,
    max_delay: float | None = None,
    retry_on: tuple[str, ...] = (),
    queue_name: str = "default",
    priority: int = 0,
) -> Task | Callable[[Callable], Task]:
    """Declare a task of Django's task framework with a retry policy (defaults from settings)."""

    def decorate(func: Callable) -> Task:
        declared = task(func, queue_name=queue_name, priority=priority)
        defaults = default_policy()
        _POLICIES[declared.module_path] = RetryPolicy(
            attempts=attempts or defaults.attempts,
            base_delay=defaults.base_delay if base_delay is None else base_delay,
            max_delay=max_delay or defaults.max_delay,
            retry_on=tuple(retry_on),
        )
        return declared

    return decorate(function) if function is not None else decorate


def policy_for(task_path: str) -> RetryPolicy:
    """The policy a task was declared with; tasks of other libraries (Wagtail's) get the default."""
    return _POLICIES.get(task_path) or default_policy()


def _classes(paths) -> tuple[type[BaseException], ...]:
    found = []
    for path in paths:
        try:
            found.append(import_string(path))
        except ImportError:
            continue  # an optional library (elasticsearch, redis) that this deployment does not use
    return tuple(found)


def is_transient(error: BaseException, policy: RetryPolicy) -> bool:
    if isinstance(error, TransientError):
        return True
    return isinstance(error, _classes([*settings.HUB_TASKS_TRANSIENT_ERRORS, *policy.retry_on]))


def uses_database_queue(declared: Task) -> bool:
    return isinstance(task_backends[declared.backend], DatabaseBackend)


def enqueue_on_commit(declared: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue `declared` so that it runs only once the current transaction has committed.

    On the database queue the task row is written inside the transaction itself: it commits
    with the rows it is about (no task is lost if the process dies right after the commit) and
    no worker can see it before then. On any other backend the enqueue waits for the commit.
    """
    if uses_database_queue(declared):
        declared.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: declared.enqueue(*args, **kwargs))


def enqueue_unless_waiting(declared: Task, *args: Any) -> None:
    """`enqueue_on_commit`, unless the same task with the same arguments waits in the database
    queue: a burst of writes that each ask for it leaves one task. Only a waiting (READY) task
    counts, since it reads the rows when it runs; a running one may have read them already. The
    waiting row is locked until this transaction ends, so no worker starts it before this write
    commits; a row a worker is claiming is skipped (it is about to run), and a new task is enqueued."""
    if uses_database_queue(declared) and _waiting(declared, args):
        return
    enqueue_on_commit(declared, *args)


def _waiting(declared: Task, args: tuple) -> bool:
    """`_waiting_rows` found anything: its SQL compiled once per connection and task, run with
    these arguments in place of the stand-in's (the JSON value the ORM would send for them), as
    building the query cost more CPU than running it on every rating. Sent as Django sends it."""
    connection = transaction.get_connection()
    sql, params, slot = _waiting_statement(connection, declared)
    params[slot] = _ARGUMENTS.get_db_prep_value(_arguments(args), connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def _waiting_rows(declared: Task, args: tuple):
    """The waiting task's id, if one waits (an index answers it: hub/migrations/0015)."""
    rows = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=declared.module_path,
        args_kwargs=_arguments(args),
    )
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update(skip_locked=True)
    return rows.order_by().values_list("pk", flat=True)[:1]


_ARGUMENTS = DBTaskResult._meta.get_field("args_kwargs")


def _arguments(args: tuple) -> dict:
    return {"args": list(args), "kwargs": {}}


def _waiting_statement(connection, declared: Task) -> tuple[str, list, int]:
    """`_waiting_rows`' SQL, its parameters and the place of the arguments' among them, compiled
    with stand-in arguments once per connection, task and transaction state (locked inside one)."""
    kept = connection.__dict__.setdefault("_hub_waiting", {})
    key = (declared.module_path, connection.in_atomic_block)
    if key not in kept:
        stand_in = ("hub-stand-in",)
        sql, params = _waiting_rows(declared, stand_in).query.get_compiler(connection=connection).as_sql()
        (slot,) = [i for i, param in enumerate(params) if param not in (TaskResultStatus.READY, declared.module_path)]
        kept[key] = (sql, list(params), slot)
    sql, params, slot = kept[key]
    return sql, list(params), slot


def enqueue_later(declared: Task, seconds: float, *args: Any, **kwargs: Any) -> None:
    """Enqueue `declared` to run no sooner than `seconds` from now (on commit, as above).

    A backend that cannot defer (the immediate backend of the tests) runs it on commit.
    """
    if declared.get_backend().supports_defer:
        declared = declared.using(run_after=timezone.now() + dt.timedelta(seconds=seconds))
    enqueue_on_commit(declared, *args, **kwargs)
