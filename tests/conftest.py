"""Shared fixtures for every part's tests. Factories live in tests/factories.py."""

import pytest
from django.core.cache import cache

from hub import roles
from tests.factories import make_user
from tests.queue import DATABASE_QUEUE


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached fragments live in the cache: start every test with it empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(db):
    return make_user("member", role=roles.MEMBER)


@pytest.fixture
def organiser(db):
    return make_user("organiser", role=roles.ORGANISER)


@pytest.fixture
def host_user(db):
    return make_user("hostuser", role=roles.HOST)


@pytest.fixture
def moderator(db):
    return make_user("moderator", role=roles.MODERATOR)


@pytest.fixture
def superuser(db):
    return make_user("root", role=roles.MEMBER, is_superuser=True, is_staff=True)


@pytest.fixture
def database_queue(settings):
    """Tasks go to the real database queue (as in production) instead of running on commit.
    Work it with tests.queue.run_queue()."""
    settings.TASKS = DATABASE_QUEUE
    return settings
