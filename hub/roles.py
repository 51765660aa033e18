"""The hub's roles. Each is a Django group created by a migration (hub/migrations/0002_roles.py).

The permission matrix is documented in docs/permissions.md; each app's migrations add
the permissions for its own models to these groups.
"""

from django.contrib.auth.management import create_permissions

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
        names = frozenset(group.name for group in user.groups.all())
        user._hub_role_names = names
    return names


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
