"""Tasks that the task-queue tests run. Each records its calls in the database (TaskProbe rows are
not needed: the row of the task itself says how often it ran), so a worker thread can run them."""

from hub.tasks import RetryLater, TransientError, retrying_task

CALLS: dict[str, int] = {}


def _count(key: str) -> int:
    CALLS[key] = CALLS.get(key, 0) + 1
    return CALLS[key]


@retrying_task(attempts=3, base_delay=0)
def always_refused(key: str) -> None:
    _count(key)
    raise ConnectionRefusedError(f"nothing listens for {key}")


@retrying_task(attempts=4, base_delay=0)
def works_on_third_try(key: str) -> str:
    if _count(key) < 3:
        raise TransientError("the other side is still starting")
    return "done"


@retrying_task(attempts=5, base_delay=0)
def broken(key: str) -> None:
    _count(key)
    raise ValueError("a bug, not an outage")


@retrying_task(attempts=3, base_delay=60)
def refused_with_a_long_backoff(key: str) -> None:
    _count(key)
    raise ConnectionRefusedError("down")


@retrying_task(attempts=1)
def waits_for_a_slot(key: str) -> str:
    if _count(key) == 1:
        raise RetryLater(0, "no slot free")
    return "ran"


@retrying_task(attempts=1)
def reads_a_missing_row(key: str) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.get(username=f"nobody-{key}")
