"""Run background tasks from the database queue. Start as many as the load needs, on any machine."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from hub.worker import WorkerPool


class Command(BaseCommand):
    help = (
        "Run background tasks (emails, feed fetches, search index writes, nightly jobs) from the "
        "database queue. Any number may run at once, on any number of machines; each task runs once. "
        "Periodic jobs are put in the queue by `manage.py run_scheduler`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queues", default="*", help="Comma-separated queue names to work, or * for all (the default)."
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.HUB_WORKER_THREADS,
            help="Tasks run at once in this process (default %(default)s): a slow feed host holds one thread only.",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue.")
        parser.add_argument("--batch", action="store_true", help="Run every task that is ready, then stop.")
        parser.add_argument("--max-tasks", type=int, default=None, help="Stop after this many tasks per thread.")
        parser.add_argument("--worker-id", default="", help="A name for this worker in the task records.")

    def handle(self, *args, queues, threads, interval, batch, max_tasks, worker_id, **options):
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                "TASKS does not use the database queue (django_tasks_db.DatabaseBackend), so there is "
                "nothing for a worker to take: tasks run where they are enqueued. Check TASKS in the settings."
            )
        if threads < 1:
            raise CommandError("--threads must be 1 or more.")
        names = [name.strip() for name in queues.split(",") if name.strip()] or ["*"]
        self.stdout.write(f"Worker started: queues {', '.join(names)}, {threads} thread(s). Stop with Ctrl+C.")
        WorkerPool(
            threads,
            queue_names=names,
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(12),
            excluded_queue_names=[],
        ).run()
