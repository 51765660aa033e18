"""A member's account, group names and permissions in one query (docs/adr/0101, 0103).

Django loads a session's member with one query, and ModelBackend reads their own permissions and
their groups' permissions in two more, on every signed-in page (the header asks whether to show
the Admin link, the parts kept per audience ask for the member's groups). This backend, first in
AUTHENTICATION_BACKENDS, never checks a password: it loads a session's member together with their
group names and permissions (`load_user`), and answers permission questions from what it read,
left where ModelBackend looks (`_perm_cache`), so ModelBackend, which still checks passwords,
reads nothing again.

Loading a session's member is the same for ModelBackend and allauth's backend (allauth's inherits
ModelBackend's `get_user`), so a sign-in through either is recorded under this backend
(`adopt_session`); a session that names another backend still works, with the queries it cost.
"""

from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import router
from django.db.models import CharField, Value

from hub import roles
from hub.compiled import CompiledQuery

BACKEND = "hub.auth_backends.OneQueryPermissionsBackend"
# Backends whose `get_user` is ModelBackend's: a session they signed in loads the same through this one.
ADOPTED = frozenset(
    {"django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"}
)


class OneQueryPermissionsBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return None  # signing in is ModelBackend's and allauth's

    def get_user(self, user_id):
        user = load_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:  # every permission
                rows = Permission.objects.values_list("content_type__app_label", "codename").order_by()
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
            else:
                roles.load_roles_and_permissions(user_obj)
        return user_obj._perm_cache


def load_user(user_id):
    """The member with `user_id`, with their group names and (unless a superuser) permissions
    already read (hub/roles.py), in one query: one row per permission, each carrying the account.
    Its SQL is compiled once per connection (hub/compiled.py): compiling it cost about 4 ms."""
    model = get_user_model()
    rows = _MEMBER_WITH_ROLES.rows(model, model._meta.pk.to_python(user_id))
    if not rows:
        return None
    fields = account_fields(model)
    user = model.from_db(router.db_for_read(model), fields, rows[0][: len(fields)])
    roles.keep_roles_and_permissions(user, [row[len(fields) :] for row in rows])
    return user


def active_member(username: str):
    """The active member called `username`, or None (the member page's look-up; compiling its SQL
    cost about 1 ms of each request)."""
    model = get_user_model()
    rows = _ACTIVE_MEMBER.rows(model, username)
    return model.from_db(router.db_for_read(model), account_fields(model), rows[0]) if rows else None


def account_fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _member_with_roles(model, user_id):
    """The member's row once per group permission and once per own permission (a UNION)."""
    fields = account_fields(model)
    no_group = Value(None, output_field=CharField())
    members = model._default_manager.filter(pk=user_id).order_by()  # a part of a UNION has no order of its own
    in_groups = members.values_list(
        *fields, "groups__permissions__content_type__app_label", "groups__permissions__codename", "groups__name"
    )
    own = members.annotate(group_name=no_group).values_list(
        *fields, "user_permissions__content_type__app_label", "user_permissions__codename", "group_name"
    )
    return in_groups.union(own, all=True)


_MEMBER_WITH_ROLES = CompiledQuery(_member_with_roles, -804_932_117)  # a stand-in id no member has


def adopt_session(sender, request, user, **kwargs) -> None:
    """Record a sign-in by ModelBackend or allauth under this backend (the `user_logged_in` signal),
    so that the session's member is loaded with their roles in one query."""
    session = getattr(request, "session", None)
    if session is not None and session.get(BACKEND_SESSION_KEY) in ADOPTED:
        session[BACKEND_SESSION_KEY] = BACKEND


def _active_member(model, username):
    return model._default_manager.filter(username=username, is_active=True).values_list(*account_fields(model))


_ACTIVE_MEMBER = CompiledQuery(_active_member, "\x00hub stand-in username")
