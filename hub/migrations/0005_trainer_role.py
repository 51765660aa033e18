"""The Trainer role: a group that trains organisers on the pathway (see hub/roles.py)."""

from django.db import migrations

from hub.roles import ensure_roles


def remove_trainer(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Trainer").delete()


class Migration(migrations.Migration):
    dependencies = [("hub", "0004_user_reputation")]

    operations = [migrations.RunPython(ensure_roles, remove_trainer)]
