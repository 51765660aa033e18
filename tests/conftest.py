"""Shared fixtures for every part's tests. Factories live in tests/factories.py."""

import pytest
from django.core.cache import cache

from hub import frame, roles, routing
from tests.factories import make_user
from tests.queue import DATABASE_QUEUE


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments live in the cache: start every test with it empty. So do
    routing's per-process guesses (hub/routing.py) and the page frames kept per process
    (hub/frame.py): a test's first request for an address costs the same whatever ran before it."""
    cache.clear()
    routing._hints.clear()
    frame.forget()
    yield
    cache.clear()


def _account(username: str, role: str, **fields):
    """A fixture giving one account of `role`, made for the test that asks for it."""

    @pytest.fixture
    def fixture(db):
        return make_user(username, role=role, **fields)

    return fixture


member = _account("member", roles.MEMBER)
organiser = _account("organiser", roles.ORGANISER)
host_user = _account("hostuser", roles.HOST)
moderator = _account("moderator", roles.MODERATOR)
superuser = _account("root", roles.MEMBER, is_superuser=True, is_staff=True)


@pytest.fixture
def database_queue(settings):
    """Tasks go to the real database queue (as in production) instead of running on commit.
    Work it with tests.queue.run_queue()."""
    settings.TASKS = DATABASE_QUEUE
    return settings
