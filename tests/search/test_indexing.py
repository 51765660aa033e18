"""search.indexing and manage.py search_reindex through a test-only adapter over hub.User."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from search import indexing, services
from search.models import IndexEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_update_adds_then_refreshes_the_entry(member_adapter):
    user = make_user("alinta", display_name="Alinta", last_name="allotment")
    indexing.update(user)
    user.last_name = "beekeeping"
    user.save()

    indexing.update(user)

    assert services.search("allotment").total == 0
    assert [hit.object_id for hit in services.search("beekeeping").hits] == [user.pk]
    assert IndexEntry.objects.filter(kind="testmember").count() == 1


def test_update_drops_what_is_no_longer_searchable(member_adapter):
    user = make_user("hidden", last_name="moderated")
    indexing.update(user)
    user.is_active = False
    user.save()

    indexing.update(user)

    assert IndexEntry.objects.filter(kind="testmember").count() == 0
    assert services.search("moderated").total == 0


def test_remove_drops_the_entry(member_adapter):
    user = make_user("gone", last_name="farewell")
    indexing.update(user)

    indexing.remove(user)

    assert services.search("farewell").total == 0


def test_a_broken_index_never_breaks_the_save_that_called_it(member_adapter):
    user = make_user("safe", last_name="resilient")
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE search_indexentry CASCADE"
            if connection.vendor == "postgresql"
            else "DROP TABLE search_indexentry"
        )

    with transaction.atomic():
        indexing.update(user)  # logs the error instead of raising
        user.first_name = "Still"
        user.save()

    user.refresh_from_db()
    assert user.first_name == "Still"


def test_reindex_rebuilds_every_kind_and_reports_progress(member_adapter):
    make_user("one", last_name="alpha")
    make_user("two", last_name="alpha")
    make_user("three", last_name="alpha", is_active=False)
    IndexEntry.objects.create(
        kind="testmember", object_id=999, title="Stale", url="/x/", published_at="2020-01-01T00:00Z"
    )
    out = StringIO()

    call_command("search_reindex", "--kind", "testmember", stdout=out)

    assert "  testmember: 2 indexed" in out.getvalue()
    assert "Done: 2 entries in 1 kinds." in out.getvalue()
    assert services.search("alpha").total == 2
    assert not IndexEntry.objects.filter(object_id=999).exists()


def test_reindex_names_the_known_kinds_when_given_an_unknown_one(member_adapter):
    with pytest.raises(CommandError, match="Unknown kind nonsense. Known kinds: .*testmember"):
        call_command("search_reindex", "--kind", "nonsense", stdout=StringIO())
