"""Create the wiki's front page at /wiki/, its categories, and the editing permissions on it.

Organisers add, change and publish pages in the wiki subtree; Moderators may lock and unlock
them. Members and visitors get nothing, so they can read but never edit.
"""

from django.db import migrations

CATEGORIES = [
    ("Practice guides", "practice-guides", "How to do the work: listening, building trust, power mapping, action."),
    ("Thinkers", "thinkers", "People whose ideas organisers draw on, in plain words."),
    ("Existing projects", "existing-projects", "Organising projects and what others can learn from them."),
    ("Philosophy of organising", "philosophy-of-organising", "Why we organise the way we do, and the debates about it."),
    ("Training pathway", "training-pathway", "The steps of the organiser training, from Foundations to graduation."),
]
PAGE_PERMISSIONS = {"Organiser": ["add_page", "change_page", "publish_page"], "Moderator": ["lock_page", "unlock_page"]}


def create_categories(apps):
    WikiCategory = apps.get_model("wiki", "WikiCategory")
    for order, (name, slug, description) in enumerate(CATEGORIES):
        WikiCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


def create_index(apps):
    """Add the index under the home page by hand: migrations see models without treebeard's methods."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    WikiIndexPage = apps.get_model("wiki", "WikiIndexPage")
    home = Page.objects.filter(depth=2, url_path="/home/").first()
    if home is None or WikiIndexPage.objects.exists():
        return WikiIndexPage.objects.first()
    last_child = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
    step = int(last_child.path[-4:], 36) + 1 if last_child else 1
    content_type, _ = ContentType.objects.get_or_create(app_label="wiki", model="wikiindexpage")
    index = WikiIndexPage.objects.create(
        title="Wiki",
        draft_title="Wiki",
        slug="wiki",
        content_type=content_type,
        path=home.path + _base36(step).rjust(4, "0"),
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "wiki/",
        locale_id=home.locale_id,
        live=True,
        intro=(
            "What organisers have learned about their practice, the thinkers and projects they draw on, "
            "and debates about why we organise the way we do. Organisers write and edit it together."
        ),
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return index


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def grant_permissions(apps, index):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)


def forwards(apps, schema_editor):
    create_categories(apps)
    index = create_index(apps)
    if index is not None:
        grant_permissions(apps, index)


def backwards(apps, schema_editor):
    apps.get_model("wiki", "WikiIndexPage").objects.filter(slug="wiki").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("hub", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
