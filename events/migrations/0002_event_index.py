"""Create the calendar at /events/ under the home page, and let organisers and trainers add events.

Organisers and Trainers add, change and publish event pages in the /events/ subtree.
"""

from django.db import migrations

PAGE_PERMISSIONS = {"Organiser": ["add_page", "change_page", "publish_page"], "Trainer": ["add_page", "change_page", "publish_page"]}
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _child_path(parent, Page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    step = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        step = DIGITS[remainder] + step
    return parent.path + step


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    EventIndexPage = apps.get_model("events.EventIndexPage")
    home = HomePage.objects.order_by("path").first()
    if home is None or Page.objects.filter(depth=home.depth + 1, path__startswith=home.path, slug="events").exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventindexpage")
    index = EventIndexPage.objects.create(
        title="Events",
        draft_title="Events",
        slug="events",
        content_type=content_type,
        path=_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}events/",
        locale_id=home.locale_id,
        live=True,
        intro="Action Camp, residentials and open days: where organisers, hosts and the people they work with meet.",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    _grant(apps, index)


def _grant(apps, index):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)


def remove_index(apps, schema_editor):
    apps.get_model("events.EventIndexPage").objects.filter(slug="events").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("hub", "0005_trainer_role"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, remove_index)]
