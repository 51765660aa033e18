"""Search index writes as tasks of Django's task framework (django-tasks).

`refresh_index` writes a batch of objects (search/sync.py); `refresh_author_content` refreshes
everything one member wrote after their feedback score moved. Both are enqueued by
search/indexing.py when the caller's transaction commits, never run inside a request on a
persistent backend. A failure (Elasticsearch down, a database error) raises, so the task's result
records the error, and the task is enqueued again after a growing delay (RETRY_DELAYS) until it
succeeds or its tries run out; after the last try it stays failed, and `manage.py search_reindex`
catches the index up. Backends that cannot run a task later (the immediate backend of tests and
the embedded default) do not retry: the next write of the object, or a reindex, catches up.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task, task_backends

from search import sync

logger = logging.getLogger(__name__)
RETRY_DELAYS = (10, 60, 300, 1800, 7200)  # seconds before the 2nd, 3rd, ... try


def _retry_later(task_function, attempt: int, **kwargs) -> None:
    if attempt > len(RETRY_DELAYS):
        logger.error("Search index: %s failed %d times; run manage.py search_reindex", task_function.name, attempt)
        return
    if not task_backends[task_function.backend].supports_defer:
        logger.warning("Search index: %s failed; this task backend cannot retry later", task_function.name)
        return
    later = timezone.now() + timedelta(seconds=RETRY_DELAYS[attempt - 1])
    task_function.using(run_after=later).enqueue(attempt=attempt + 1, **kwargs)


@task()
def refresh_index(refs: list[list], attempt: int = 1) -> dict[str, int]:
    """Write the current state of the referenced objects ([model label, pk] pairs) to the index."""
    try:
        return sync.refresh([(label, pk) for label, pk in refs])
    except Exception:
        _retry_later(refresh_index, attempt, refs=refs)
        raise


@task()
def refresh_author_content(user_id: int, attempt: int = 1) -> int:
    """Refresh every indexed object `user_id` wrote (their score ranks with each of them)."""
    try:
        return sync.refresh_author(user_id)
    except Exception:
        _retry_later(refresh_author_content, attempt, user_id=user_id)
        raise


def enqueue_refresh(refs: list[list]) -> None:
    refresh_index.enqueue(refs=refs)


def enqueue_author(user_id: int) -> None:
    refresh_author_content.enqueue(user_id=user_id)
