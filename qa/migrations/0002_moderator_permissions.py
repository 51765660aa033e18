from django.db import migrations

from hub.roles import ensure_roles

# Moderators work the forum's queue in the Wagtail admin: they view and change posts (hide,
# restore, lock) and flags, and review held ratings. Nobody edits ratings' values by hand.
MODERATOR_PERMISSIONS = [
    "view_question",
    "change_question",
    "view_answer",
    "change_answer",
    "view_comment",
    "change_comment",
    "view_flag",
    "change_flag",
    "view_rating",
    "change_rating",
]


def grant(apps, schema_editor):
    ensure_roles(apps, schema_editor)
    group = apps.get_model("auth", "Group").objects.get(name="Moderator")
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="qa", codename__in=MODERATOR_PERMISSIONS
    )
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Moderator").first()
    if group is not None:
        permissions = apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="qa", codename__in=MODERATOR_PERMISSIONS
        )
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("qa", "0001_initial"),
        ("hub", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
