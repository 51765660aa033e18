"""Real threads released together, for the PostgreSQL concurrency tests."""

import threading
from collections.abc import Callable, Iterable

from django.db import connection


def all_at_once(work: Callable, arguments: Iterable) -> list[BaseException]:
    """Run `work(argument)` for each argument in its own thread and database connection, all
    released at once by a barrier; return the errors raised."""
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    errors: list[BaseException] = []

    def run(argument):
        try:
            barrier.wait(timeout=30)
            work(argument)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors
