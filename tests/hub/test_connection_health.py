"""A kept PostgreSQL connection's health is read off its socket once per request, not asked of the
server in a round trip (hub/postgresql, docs/adr/0113). Requests go through Django's own WSGI
handler, as under gunicorn: the test client leaves out the request_started handling that marks a
kept connection for checking. The server is a real PostgreSQL, and the connections ended are ended
by it."""

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import Client, RequestFactory

from hub import auth_backends, roles
from tests.factories import make_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member_get(settings):
    """GET a page as a signed-in member (every request then reads the database), through the WSGI
    handler; returns the status code."""
    settings.HUB_PAGE_CACHE = False
    member = make_user("health", role=roles.ORGANISER)
    client = Client()
    client.force_login(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    handler = WSGIHandler()

    def get() -> int:
        environ = RequestFactory()._base_environ(PATH_INFO="/inbox/", HTTP_COOKIE=cookie)
        response = handler(environ, lambda status, headers: None)
        b"".join(response)
        response.close()  # request_finished, as a WSGI server sends it
        assert response.status_code == 200
        return response.status_code

    return get


@pytest.fixture
def asked(monkeypatch):
    """How often Django asked the server whether the connection works (its `SELECT 1`)."""
    calls = []
    wrapper = type(connections["default"])
    is_usable = wrapper.is_usable
    monkeypatch.setattr(wrapper, "is_usable", lambda self: calls.append(1) or is_usable(self))
    return calls


def _backend() -> int:
    return connection.connection.info.backend_pid


def _end(backend: int) -> None:
    """End a connection from the server's side, as a restart or an administrator would."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        assert other.execute("SELECT pg_terminate_backend(%s)", [backend]).fetchone() == (True,)
        other.execute("SELECT pg_sleep(0.2)")  # the goodbye reaches the client's socket


def test_a_kept_connection_serves_requests_without_asking_the_server_first(member_get, asked):
    assert connection.health_check_enabled and connection.settings_dict["CONN_MAX_AGE"] > 0
    member_get()
    backend = _backend()
    for _ in range(3):
        member_get()
    assert asked == []
    assert _backend() == backend  # kept, not reopened


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(member_get, asked):
    member_get()
    ended = _backend()
    _end(ended)
    member_get()
    assert _backend() != ended
    assert asked == []


def test_a_prepared_statement_outside_a_request_gets_djangos_own_check(member_get, asked):
    """Outside a request (a task worker) the kept connection is checked too, also before the
    statements hub.compiled runs prepared (they take their cursor from psycopg, not from Django)."""
    member_get()
    member = auth_backends.load_user(get_user_model().objects.get(username="health").pk)
    ended = _backend()
    _end(ended)
    asked.clear()
    connection.health_check_done = False  # what request_finished leaves for the next use
    assert auth_backends.load_user(member.pk).username == "health"
    assert _backend() != ended
    assert asked == []
