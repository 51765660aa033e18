"""The task worker: django-tasks-db's worker loop plus the hub's retries, in one or more threads.

Each thread takes one ready task row at a time (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL,
an exclusive transaction on SQLite), so any number of threads, processes and machines can work
the same queue. What the hub adds (docs/adr/0050):
- a transient failure with attempts left goes back to the queue with an exponential backoff
  instead of failing (`hub.tasks.is_transient`), its last error kept on the row;
- `RetryLater` and an interrupted run (SIGTERM, Ctrl+C) go back to the queue without spending
  an attempt;
- after the last attempt the row is marked failed and kept for the admin.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from contextlib import nullcontext
from traceback import format_exception

from django.core.exceptions import ObjectDoesNotExist
from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone
from django_tasks import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import retry

from hub.tasks import RetryLater, is_transient, policy_for

logger = logging.getLogger(__name__)
READY = "READY"


@retry()
def requeue(row: DBTaskResult, seconds: float, error: BaseException, spend_attempt: bool = True) -> None:
    """Put a claimed row back in the queue to run after `seconds`, keeping its last error."""
    row.status = READY
    row.run_after = timezone.now() + dt.timedelta(seconds=seconds)
    row.finished_at = None
    row.exception_class_path = f"{type(error).__module__}.{type(error).__qualname__}"
    row.traceback = "".join(format_exception(error))
    if not spend_attempt:
        row.worker_ids = row.worker_ids[:-1]
    row.save(update_fields=["status", "run_after", "finished_at", "exception_class_path", "traceback", "worker_ids"])


# Tasks about one object, for which the object being gone means there is nothing left to do: Wagtail
# queues a reference-index update and a search-index update on every save, and a row deleted before
# they run (the demo load replacing its documents, an editor deleting a draft) made them fail in the
# admin's list. Wagtail's delete signals remove the object's references and index entry themselves.
GONE_IS_DONE = frozenset(
    {"wagtail.tasks.update_reference_index_task", "modelsearch.tasks.insert_or_update_object_task"}
)

# Tasks that must read and write in one transaction on SQLite. modelsearch indexes an object there by
# looking its entry up and then updating it or inserting it; two worker threads indexing the same
# object (saved twice in quick succession, as the demo load does) both found no entry, and the
# second insert broke the unique constraint and failed for good. In one transaction, SQLite's
# BEGIN IMMEDIATE (settings/env.py) takes the write lock before the look-up, so the second waits
# and then updates. PostgreSQL's backend upserts and needs no such care, and there a transaction
# would be held open across the Elasticsearch call.
ONE_SQLITE_TRANSACTION = frozenset({"modelsearch.tasks.insert_or_update_object_task"})


class HubWorker(Worker):
    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        try:
            self._run(db_task_result)
        except BaseException as error:
            self._record_error(db_task_result, error)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def _record_error(self, row: DBTaskResult, error: BaseException) -> None:
        try:
            self._after_error(row, error)
        except Exception:
            # The database went away while recording the outcome: keep the worker alive; the row
            # stays "running" and shows in the admin.
            logger.exception("Could not record the outcome of task %s (%s).", row.task_name, row.id)
            close_old_connections()

    def _run(self, row: DBTaskResult) -> None:
        declared = row.task
        result = row.task_result
        task_started.send(sender=type(declared.get_backend()), task_result=result)
        one_transaction = row.task_path in ONE_SQLITE_TRANSACTION and connection.vendor == "sqlite"
        with transaction.atomic() if one_transaction else nullcontext():
            if declared.takes_context:
                value = declared.call(TaskContext(task_result=result), *result.args, **result.kwargs)
            else:
                value = declared.call(*result.args, **result.kwargs)
        row.set_successful(value)
        task_finished.send(sender=type(declared.get_backend()), task_result=row.task_result)

    def _after_error(self, row: DBTaskResult, error: BaseException) -> None:
        attempt = len(row.worker_ids)
        if isinstance(error, RetryLater):
            requeue(row, error.seconds, error, spend_attempt=False)
            logger.info("Task %s (%s) waits %.0f s: %s", row.task_name, row.id, error.seconds, error)
            return
        if isinstance(error, KeyboardInterrupt | SystemExit):
            requeue(row, 0, error, spend_attempt=False)
            logger.warning("Task %s (%s) was interrupted; it is back in the queue.", row.task_name, row.id)
            return
        if isinstance(error, ObjectDoesNotExist) and row.task_path in GONE_IS_DONE:
            row.set_successful(None)
            logger.info(
                "Task %s (%s): its object was deleted after it was queued; nothing to do.", row.task_name, row.id
            )
            return
        policy = policy_for(row.task_path)
        if attempt < policy.attempts and is_transient(error, policy):
            delay = policy.delay(attempt)
            requeue(row, delay, error)
            logger.warning(
                "Task %s (%s) failed on attempt %d of %d (%s); next try in %.0f s.",
                row.task_name,
                row.id,
                attempt,
                policy.attempts,
                error.__class__.__name__,
                delay,
            )
            return
        row.set_failed(error)
        logger.error(
            "Task %s (%s) failed for good after %d attempt(s): %s: %s. Retry it from the admin "
            "(Settings > Background tasks) once the cause is fixed.",
            row.task_name,
            row.id,
            attempt,
            error.__class__.__name__,
            error,
        )


class WorkerPool:
    """`threads` workers in one process; SIGTERM or Ctrl+C lets each finish its current task."""

    def __init__(self, threads: int, **options):
        base_id = options.pop("worker_id")
        self.workers = [HubWorker(worker_id=f"{base_id}-{number}", **options) for number in range(threads)]

    def run(self) -> None:
        if len(self.workers) == 1:
            self._install_signals()
            self.workers[0].run()
            return
        threads = [threading.Thread(target=self._run_one, args=(worker,), daemon=True) for worker in self.workers]
        self._install_signals()
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)

    @staticmethod
    def _run_one(worker: HubWorker) -> None:
        try:
            worker.run()
        finally:
            connections.close_all()

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, self._stop)

    def _stop(self, signum, frame) -> None:
        logger.warning("Stopping: each worker thread finishes its current task first.")
        for worker in self.workers:
            worker.running = False
