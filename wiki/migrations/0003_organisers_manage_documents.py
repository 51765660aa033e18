"""Let Organisers upload, tag, edit and choose documents in the root collection.

Wagtail checks document permissions per collection (GroupCollectionPermission); a global model
permission alone does not open the document admin.
"""

from django.db import migrations

CODENAMES = ["add_document", "change_document", "choose_document"]


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    group = Group.objects.filter(name="Organiser").first()
    if root is None or group is None:
        return
    for codename in CODENAMES:
        permission = Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0002_wiki_index_categories_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
