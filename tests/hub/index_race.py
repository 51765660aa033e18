"""Two worker threads index the same object at the same moment, on a SQLite file as `make run` uses.

Run in its own process by tests/hub/test_task_queue.py: the race needs two real connections to one
database file, which the in-memory test database cannot give. Prints one JSON line: the status and
error of each search-index task, and how many index entries the object has.

Nothing in the hub or in modelsearch is replaced. To make the race happen every time rather than
once in a while, each worker thread, after its look-up of the object's index entry, waits up to
BARRIER_SECONDS for the other thread's look-up. If the look-up and the write are not one
transaction, both threads look before either writes.
"""

import json
import sys
import threading
from contextlib import suppress
from pathlib import Path

BARRIER_SECONDS = 3
INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"
# modelsearch's look-up of which of the objects already have an index entry
LOOK_UP = 'SELECT "wagtailsearch_indexentry"."object_id"'


def main(database_path: str) -> None:
    import django
    from django.conf import settings

    from settings.env import database_config

    settings.DATABASES["default"] = database_config(None, Path(database_path))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.HUB_TASK_QUEUES}}
    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.db.backends.signals import connection_created
    from django_tasks_db.models import DBTaskResult
    from wagtail.documents import get_document_model

    from tests.queue import worker_pool

    for app in ("wagtaildocs", "wagtailsearch", "django_tasks_database"):
        call_command("migrate", app, verbosity=0)

    document = get_document_model().objects.create(title="Minutes", file="documents/minutes.txt")
    document.title = "Minutes of the listening campaign"
    document.save()  # a second save, a second index task, both queued before either runs
    # Only the search index is migrated here: the other tasks the saves queued are left out.
    DBTaskResult.objects.exclude(task_path=INDEX_TASK).delete()
    connection.close()

    barrier = threading.Barrier(2, timeout=BARRIER_SECONDS)

    def wait_for_the_other_look_up(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        conn = context["connection"]
        if sql.startswith(LOOK_UP) and not getattr(conn, "looked", False):
            conn.looked = True
            # Broken: the other thread could not look meanwhile (it waits for this one's write lock).
            with suppress(threading.BrokenBarrierError):
                barrier.wait()
        return result

    def watch(sender, connection, **kwargs):
        connection.execute_wrappers.append(wait_for_the_other_look_up)

    connection_created.connect(watch)
    worker_pool(2, worker_id="race").run()
    connection_created.disconnect(watch)

    from wagtail.search.models import IndexEntry

    tasks = DBTaskResult.objects.filter(task_path=INDEX_TASK).order_by("enqueued_at")
    print(
        json.dumps(
            {
                "tasks": [[row.status, row.exception_class_path] for row in tasks],
                "entries": IndexEntry.objects.filter(object_id=str(document.pk)).count(),
                "title": IndexEntry.objects.get(object_id=str(document.pk)).title,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
