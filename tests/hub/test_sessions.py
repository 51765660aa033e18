"""A signed-in request reads its session in the same cache round trip as the page generation and
the site (hub/sessions.py, docs/adr/0114), and a session that changed, ended or left the cache is
read as it stands: from the cache, then the database."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches
from django.test import Client

from hub import page_cache
from hub.sessions import SessionStore
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(pages_on):
    member = make_user("sessions-reader")
    client = Client()
    client.force_login(member)
    return client, SessionStore.cache_key_prefix + client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def asked_again(monkeypatch):
    """How often a session was read the way Django's cached_db engine reads it (a cache get, then
    the database) instead of from what the request's first round trip found."""
    calls = []
    load = cached_db.SessionStore.load
    monkeypatch.setattr(cached_db.SessionStore, "load", lambda self: calls.append(self.session_key) or load(self))
    return calls


@pytest.fixture
def round_trips(monkeypatch):
    """The keys of each `get_many` of the page cache's store."""
    store = caches[page_cache.CACHE_ALIAS]
    calls = []
    get_many = store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys, **kwargs: calls.append(list(keys)) or get_many(keys, **kwargs))
    return calls


def _signed_in(client) -> bool:
    response = client.get("/members/sessions-reader/")
    assert response.status_code == 200
    return response.wsgi_request.user.is_authenticated


def test_the_session_comes_with_the_site_in_one_cache_round_trip(signed_in, asked_again, round_trips):
    client, session_key = signed_in
    assert caches[page_cache.CACHE_ALIAS].get(session_key) is not None  # kept in the page cache's store
    assert _signed_in(client)
    assert asked_again == []
    assert [page_cache.GENERATION_KEY, "hub:shared:wagtail-site:testserver", session_key] in round_trips


def test_a_session_missing_from_the_cache_is_read_from_the_database(signed_in, asked_again):
    client, session_key = signed_in
    caches[page_cache.CACHE_ALIAS].delete(session_key)
    assert _signed_in(client)
    assert len(asked_again) == 1
    assert caches[page_cache.CACHE_ALIAS].get(session_key) is not None  # and kept again


def test_a_session_ended_elsewhere_is_not_read_from_what_was_kept(signed_in):
    client, _session_key = signed_in
    assert _signed_in(client)
    SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value).delete()  # signed out on another device
    assert not _signed_in(client)
