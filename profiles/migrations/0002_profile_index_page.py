"""Create the directory at /profiles/ under the home page, and let moderators edit profiles in the admin."""

from django.db import migrations

MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def _child_path(parent, Page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-4:], 36) + 1 if last else 1
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    step = ""
    for _ in range(4):
        number, remainder = divmod(number, 36)
        step = digits[remainder] + step
    return parent.path + step


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    ProfileIndexPage = apps.get_model("profiles.ProfileIndexPage")
    home = HomePage.objects.order_by("path").first()
    if home is None or Page.objects.filter(depth=home.depth + 1, path__startswith=home.path, slug="profiles").exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="profiles", model="profileindexpage")
    index = ProfileIndexPage.objects.create(
        title="Profiles",
        draft_title="Profiles",
        slug="profiles",
        content_type=content_type,
        path=_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}profiles/",
        locale_id=home.locale_id,
        live=True,
        intro="Community organisers and the organisations that host them. Filter by area, role or skill.",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    _grant_moderators(apps, index)


def _grant_moderators(apps, index):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    moderators = Group.objects.filter(name="Moderator").first()
    if moderators is None:
        return
    for codename in MODERATOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
        if permission:
            GroupPagePermission.objects.get_or_create(group=moderators, page_id=index.pk, permission=permission)


def remove_index(apps, schema_editor):
    apps.get_model("profiles.ProfileIndexPage").objects.filter(slug="profiles").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("hub", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, remove_index)]
