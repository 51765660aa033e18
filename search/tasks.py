"""Search index writes as background tasks (declared with hub.tasks, run by `manage.py run_worker`).

`refresh_index` writes a batch of objects (search/sync.py); `refresh_author_content` refreshes
everything one member wrote after their feedback score moved. search/indexing.py enqueues them;
a request never runs them. An outage of Elasticsearch (no connection, a time-out, or the cluster
answering 429/502/503/504) is transient: the worker retries with backoff, and once the cluster is
back the next try writes the current state of every object, so the index catches up. Any other
error is a defect and fails at once; failed tasks stay visible and retryable in the admin, and
`manage.py search_reindex` rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Callable

from hub.tasks import TransientError, retrying_task
from search import sync
from search.backends import elastic

RETRY = {"attempts": 8, "base_delay": 10, "max_delay": 1800}  # about 40 minutes of tries in all


def _outages_are_transient(work: Callable):
    try:
        return work()
    except Exception as error:
        if elastic.is_outage(error):
            raise TransientError(f"Elasticsearch is unavailable: {error}") from error
        raise


@retrying_task(**RETRY)
def refresh_index(refs: list[list]) -> dict[str, int]:
    """Write the current state of the referenced objects ([model label, pk] pairs) to the index."""
    return _outages_are_transient(lambda: sync.refresh([(label, pk) for label, pk in refs]))


@retrying_task(**RETRY)
def refresh_author_content(user_id: int) -> int:
    """Refresh every indexed object `user_id` wrote (their feedback score ranks with each of them)."""
    return _outages_are_transient(lambda: sync.refresh_author(user_id))
