"""The hub's roles. Each is a Django group created by a migration (hub/migrations/0002_roles.py).

The permission matrix is documented in docs/permissions.md; each app's migrations add
the permissions for its own models to these groups.
"""

from django.contrib.auth.management import create_permissions
from django.db.models import CharField, Value

MEMBER = "Member"
ORGANISER = "Organiser"
HOST = "Host"
MODERATOR = "Moderator"
# Trains organisers on the pathway: sees their cohorts' progress and the reflections shared with them.
TRAINER = "Trainer"

ALL_ROLES = (MEMBER, ORGANISER, HOST, MODERATOR, TRAINER)

# Global (non page-tree) permissions per role, as "app_label.codename".
ROLE_PERMISSIONS = {
    MEMBER: [],
    ORGANISER: [
        "wagtailadmin.access_admin",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
    ],
    HOST: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
    ],
    MODERATOR: [
        "wagtailadmin.access_admin",
        "django_comments.can_moderate",
    ],
    # The pathway's own permissions (stages, Go Deeper options, events) are granted by the
    # pathway and events migrations, which run after the models they name exist.
    TRAINER: ["wagtailadmin.access_admin"],
}


def role_names(user) -> frozenset[str]:
    """The names of the user's groups, read once per user object (so once per request for the
    signed-in member): pages ask about roles many times while they render."""
    names = getattr(user, "_hub_role_names", None)
    if names is None:
        if "groups" in getattr(user, "_prefetched_objects_cache", {}) or user.pk is None:
            user._hub_role_names = frozenset(group.name for group in user.groups.all())
        else:
            load_roles_and_permissions(user)
        names = user._hub_role_names
    return names


def load_roles_and_permissions(user) -> None:
    """Read the member's group names and permissions (their own and their groups') in one query,
    and keep them on the user object: the names for `role_names()`, the permissions where Django's
    auth backends look (`_perm_cache`, hub/auth_backends.py). A signed-in page asks for both."""
    in_groups = (
        user.groups.model.objects.filter(user=user)
        .values_list("permissions__content_type__app_label", "permissions__codename", "name")
        .order_by()
    )
    own = (
        user.user_permissions.model.objects.filter(user=user)
        .annotate(group_name=Value(None, output_field=CharField()))
        .values_list("content_type__app_label", "codename", "group_name")
        .order_by()  # a part of a UNION has no order of its own
    )
    keep_roles_and_permissions(user, in_groups.union(own, all=True))


def keep_roles_and_permissions(user, rows) -> None:
    """Keep on `user` the group names and permissions of rows (app label, codename, group name)."""
    names, permissions = set(), set()
    for app_label, codename, name in rows:
        if name is not None:
            names.add(name)
        if codename is not None:
            permissions.add(f"{app_label}.{codename}")
    user._hub_role_names = frozenset(names)
    if user.is_active and not user.is_superuser:  # a superuser has every permission: the backend lists them
        user._perm_cache = permissions


def user_has_role(user, role: str) -> bool:
    """True for superusers and for members of the named group. Uses the prefetched groups if present."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role in role_names(user)


def ensure_roles(apps, schema_editor=None) -> None:
    """Create the role groups and give them their global permissions. Safe to run again."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            permission = permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            group.permissions.add(permission)
