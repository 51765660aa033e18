import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from hub import roles
from tests.factories import make_user


@pytest.mark.django_db
def test_migration_creates_every_role_group():
    assert set(Group.objects.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)) == set(roles.ALL_ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_each_role_holds_its_global_permissions(role):
    group = Group.objects.get(name=role)
    held = {f"{app}.{code}" for app, code in group.permissions.values_list("content_type__app_label", "codename")}
    assert set(roles.ROLE_PERMISSIONS[role]) <= held


@pytest.mark.django_db
def test_members_cannot_reach_the_admin_but_organisers_can(member, organiser):
    assert not member.has_perm("wagtailadmin.access_admin")
    assert organiser.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_ensure_roles_is_safe_to_run_again():
    from django.apps import apps

    roles.ensure_roles(apps)
    assert Group.objects.filter(name__in=roles.ALL_ROLES).count() == len(roles.ALL_ROLES) == 5


def test_roles_are_read_once_per_user_object(db, django_assert_num_queries):
    user = make_user("roles-once", role=roles.MODERATOR)
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert [roles.user_has_role(user, role) for role in roles.ALL_ROLES] == [True, False, False, True, False]
        assert roles.user_has_role(user, roles.MODERATOR)
    user.groups.add(Group.objects.get(name=roles.TRAINER))  # a change through the user is seen at once
    assert roles.user_has_role(user, roles.TRAINER)


def test_permissions_are_read_in_one_query_with_the_same_answers(db, django_assert_num_queries):
    moderator = make_user("perm-moderator", role=roles.MODERATOR)
    member = make_user("perm-member")
    member.user_permissions.add(Permission.objects.get(codename="add_document"))
    for user in (moderator, member):
        fresh = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(1):
            ours = fresh.get_all_permissions()
            assert fresh.has_perm("wagtailadmin.access_admin") is (user == moderator)
        reference = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
        assert ours == reference
    assert "wagtaildocs.add_document" in member.get_all_permissions()


def test_roles_and_permissions_are_read_together_in_one_query(db, django_assert_num_queries):
    empty = Group.objects.create(name="A group without permissions")
    user = make_user("roles-and-perms", role=roles.ORGANISER)
    user.groups.add(empty)
    user.user_permissions.add(Permission.objects.get(codename="add_document"))
    reference = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
    names = set(user.groups.values_list("name", flat=True))
    assert {roles.ORGANISER, empty.name} <= names
    for first in ("roles", "permissions"):
        fresh = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(1):
            if first == "permissions":
                assert fresh.has_perm("wagtaildocs.add_document")
            assert roles.role_names(fresh) == names
            assert fresh.get_all_permissions() == reference
    assert "wagtaildocs.add_document" in reference and "wagtailadmin.access_admin" in reference


def test_a_superuser_still_holds_every_permission_and_their_groups(db):
    user = make_user("roles-super", role=roles.MODERATOR)
    user.is_superuser = True
    user.save()
    fresh = type(user).objects.get(pk=user.pk)
    assert roles.role_names(fresh) == set(user.groups.values_list("name", flat=True)) >= {roles.MODERATOR}
    assert len(fresh.get_all_permissions()) == Permission.objects.count()
