"""A session's member is loaded with their group names and permissions in one query
(hub/auth_backends.py, docs/adr/0103), whichever backend signed them in."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.test import Client

from hub import auth_backends, roles
from hub.compiled import CompiledQuery
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_a_member_is_loaded_with_their_roles_and_permissions_in_one_query(django_assert_num_queries):
    user = make_user("loaded", role=roles.ORGANISER)
    user.groups.add(Group.objects.create(name="A group without permissions"))
    moderate = Permission.objects.get(content_type__app_label="django_comments", codename="can_moderate")
    user.user_permissions.add(moderate)
    reference = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
    with django_assert_num_queries(1):
        loaded = auth_backends.OneQueryPermissionsBackend().get_user(user.pk)
        assert roles.role_names(loaded) == {roles.MEMBER, roles.ORGANISER, "A group without permissions"}
        assert loaded.get_all_permissions() == reference
        assert loaded.has_perm("django_comments.can_moderate") and loaded.has_perm("wagtailadmin.access_admin")
    assert (loaded.pk, loaded.username, loaded.email, loaded.password) == (
        user.pk,
        "loaded",
        "loaded@example.org",
        user.password,
    )
    assert loaded._state.adding is False


def test_a_member_without_any_group_or_permission_is_loaded_with_none():
    user = make_user("bare", role=None)
    user.groups.clear()
    loaded = auth_backends.OneQueryPermissionsBackend().get_user(user.pk)
    assert (loaded.pk, roles.role_names(loaded), loaded.get_all_permissions()) == (user.pk, frozenset(), set())


def test_an_inactive_or_missing_member_is_not_loaded():
    user = make_user("gone")
    user.is_active = False
    user.save()
    backend = auth_backends.OneQueryPermissionsBackend()
    assert backend.get_user(user.pk) is None
    assert backend.get_user(user.pk + 1000) is None


def test_a_superuser_is_loaded_with_every_permission():
    user = make_user("super-loaded", role=roles.MODERATOR, is_superuser=True)
    loaded = auth_backends.OneQueryPermissionsBackend().get_user(user.pk)
    assert roles.role_names(loaded) == {roles.MEMBER, roles.MODERATOR}
    assert len(loaded.get_all_permissions()) == Permission.objects.count()


def test_a_password_sign_in_is_recorded_under_the_one_query_backend_and_still_signs_in():
    user = make_user("signs-in", role=roles.ORGANISER)
    client = Client()
    response = client.post("/accounts/login/", {"login": "signs-in", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == auth_backends.BACKEND
    assert client.session[SESSION_KEY] == str(user.pk)
    page = client.get("/")
    assert page.status_code == 200 and page.context["user"].pk == user.pk


def test_a_session_recorded_under_modelbackend_still_loads_its_member():
    user = make_user("older-session")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # as sessions made before
    session.save()
    assert client.get("/").context["user"].pk == user.pk


def test_a_change_to_a_members_groups_shows_on_their_next_request():
    user = make_user("promoted")
    client = Client()
    client.force_login(user)
    assert not client.get("/").context["user"].has_perm("wagtailadmin.access_admin")
    user.groups.add(Group.objects.get(name=roles.MODERATOR))
    assert client.get("/").context["user"].has_perm("wagtailadmin.access_admin")


def test_members_loaded_one_after_another_each_get_their_own_account_and_roles():
    """The statement is compiled once per connection with a stand-in id: each load must run it
    with the id asked for, and convert the columns as a query would (SQLite's dates and booleans)."""
    first = make_user("first-loaded", role=roles.ORGANISER)
    second = make_user("second-loaded", role=roles.MODERATOR, is_staff=True)
    backend = auth_backends.OneQueryPermissionsBackend()
    loaded = [backend.get_user(user.pk) for user in (first, second, first)]
    assert [(user.pk, user.username, user.is_staff) for user in loaded] == [
        (first.pk, "first-loaded", False),
        (second.pk, "second-loaded", True),
        (first.pk, "first-loaded", False),
    ]
    assert [roles.role_names(user) for user in loaded] == [
        {roles.MEMBER, roles.ORGANISER},
        {roles.MEMBER, roles.MODERATOR},
        {roles.MEMBER, roles.ORGANISER},
    ]
    assert loaded[1].date_joined == type(second).objects.get(pk=second.pk).date_joined


def test_the_member_page_finds_active_members_by_their_exact_username_only():
    found = make_user("zoë.o'neil", role=roles.ORGANISER)
    gone = make_user("gone-away")
    gone.is_active = False
    gone.save()
    make_user("zoë.o'neil2")
    loaded = auth_backends.active_member("zoë.o'neil")
    assert (loaded.pk, loaded.username, loaded.email, loaded._state.adding) == (
        found.pk,
        "zoë.o'neil",
        "zoë.o'neil@example.org",
        False,
    )
    assert auth_backends.active_member("gone-away") is None
    assert auth_backends.active_member("zoë") is None
    assert auth_backends.active_member("ZOË.O'NEIL") is None


def test_a_compiled_query_refuses_a_stand_in_its_look_up_changes():
    def contains(model, text):
        return model.objects.filter(username__contains=text).values_list("pk")

    query = CompiledQuery(contains, "stand-in")
    with pytest.raises(ValueError, match="do not reach the SQL parameters unchanged"):
        query.rows(get_user_model(), "anything")
