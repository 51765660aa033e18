"""On PostgreSQL the statements of every signed-in request run prepared (hub/compiled.py,
docs/adr/0110): parsed once per connection, still counted and logged as Django's own queries, and
not prepared when HUB_PREPARED_STATEMENTS is off (a pooler that cannot keep them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import auth_backends, roles
from tests.factories import make_user
from tests.wiki.conftest import make_article

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _prepared() -> dict[str, int]:
    """The statements prepared on this connection: the start of their text -> executions."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements")
        return dict(cursor.fetchall())


def _deallocate_all() -> None:
    """Forget every prepared statement, on the server and in psycopg's own record of them."""
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection.connection._prepared.clear()


def test_the_session_member_and_the_page_are_read_by_prepared_statements_counted_as_queries(client):
    member = make_user("prepared", role=roles.ORGANISER)
    page = make_article(member, "Power mapping", "Draw who decides.")
    client.force_login(member)
    _deallocate_all()
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
    logged = [query["sql"] for query in queries.captured_queries]
    # Logged with the values written in, as Django logs the queries it runs itself.
    assert any('FROM "hub_user"' in sql and f'"hub_user"."id" = {member.pk}' in sql for sql in logged), logged
    assert any(f"'{page.url_path}'" in sql for sql in logged), logged
    prepared = _prepared()
    member_statement = [count for text, count in prepared.items() if 'FROM "hub_user"' in text and "UNION" in text]
    page_statement = [count for text, count in prepared.items() if '"wagtailcore_page"."url_path" IN' in text]
    # Routing's first read of an address does not know its page model yet; the next two do (one shape).
    assert member_statement == [3] and sorted(page_statement) == [1, 2], prepared


def test_a_prepared_statement_reads_the_same_member_as_the_orm(client):
    member = make_user("same-member", role=roles.MODERATOR)
    _deallocate_all()
    loaded = [auth_backends.OneQueryPermissionsBackend().get_user(member.pk) for _ in range(7)]
    assert {(user.pk, user.username, frozenset(roles.role_names(user))) for user in loaded} == {
        (member.pk, "same-member", frozenset({roles.MEMBER, roles.MODERATOR}))
    }
    assert loaded[-1].date_joined == type(member).objects.get(pk=member.pk).date_joined


def test_nothing_is_prepared_when_the_setting_is_off(client, settings):
    settings.HUB_PREPARED_STATEMENTS = False
    member = make_user("unprepared", role=roles.ORGANISER)
    page = make_article(member, "Door knocking", "Knock, listen, write it down.")
    client.force_login(member)
    _deallocate_all()
    for _ in range(3):
        assert client.get(page.url).status_code == 200
    assert _prepared() == {}
