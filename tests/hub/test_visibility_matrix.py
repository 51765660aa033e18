"""The visibility matrix (docs/adr/0080): each kind of private thing against every place that lists
content. In every case the thing is missing for a visitor who may not see it, and something is shown
that proves the place does list that kind of thing: the private thing itself for a viewer who may see
it (a signed-in member, for a page or document kept to members), or else its public twin.

The content is built once for the class, inside a transaction rolled back at the end.
"""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from hub import roles, visibility
from profiles.models import OrganiserProfilePage, ProfileIndexPage
from qa.models import Question
from qa.services import moderation
from search import indexing
from search.models import IndexEntry
from tests.factories import make_user
from tests.wiki.conftest import make_article, publish
from wiki.models import WikiPage

TAG = "matrixtag"


def _question(author, title: str, body: str = "A question body long enough to count.") -> Question:
    now = timezone.now()
    question = Question.objects.create(
        author=author, title=title, body=body, created_at=now, updated_at=now, last_activity_at=now
    )
    question.tags.add(TAG)
    return question


def _document(title: str, collection: Collection):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(f"{title.lower()}.txt", ContentFile(b"notes\n"), save=True)
    document.tags.add(TAG)
    return document


def _profile(account, title: str, **fields) -> OrganiserProfilePage:
    index = ProfileIndexPage.objects.get(slug="profiles")
    page = OrganiserProfilePage(title=title, account=account, bio=f"{title} organises.", **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_world(media_root):
    editor = make_user("matrixeditor", role=roles.ORGANISER)
    _profile(editor, "Editorprofile")  # its "Activity in the hub" lists the wiki pages the editor revised
    moderator = make_user("matrixmod", role=roles.MODERATOR)
    asker = make_user("matrixasker")
    suspended = make_user("matrixsuspended")
    # A live page whose newer draft nobody outside the admin may read.
    drafted = make_article(editor, "Lanternfish", "Live words. [[Quokkarest]]", tags=[TAG])
    drafted.title, drafted.body = "Xylodraft", "Xylodraft words nobody published."
    drafted.save_revision(user=editor)
    restricted = make_article(editor, "Quokkarest", "Kept to members.", tags=[TAG])
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    publish(restricted, editor, "Second version")  # a change listed in recent changes, after the restriction
    root = Collection.get_first_root_node()
    private = root.add_child(name="Members only")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    _document("Pelicandoc", root)
    _document("Narwhaldoc", private)
    _question(asker, "Heronvisible question", "Linking [[Lanternfish]] and [[Quokkarest]].")
    hidden = _question(asker, "Walrushidden question")
    moderation.hide(moderator, hidden, "Off-topic")
    _question(suspended, "Yaksuspended question")
    type(suspended).objects.filter(pk=suspended.pk).update(suspended_at=timezone.now() - dt.timedelta(minutes=1))
    _profile(make_user("matrixibis", role=roles.ORGANISER), "Ibispublic")
    _profile(make_user("matrixokapi", role=roles.ORGANISER), "Okapiprivate", hidden_from_anonymous=True)
    indexing.reindex()
    return {"member": make_user("matrixmember"), "moderator": moderator}


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), transaction.atomic():
        old_media, settings.MEDIA_ROOT = settings.MEDIA_ROOT, str(tmp_path_factory.mktemp("media"))
        try:
            yield build_world(settings.MEDIA_ROOT)
        finally:
            settings.MEDIA_ROOT = old_media
            transaction.set_rollback(True)


# Each private thing: (the word that must not leak, who may see it in member-aware lists or None).
DRAFT = ("Xylodraft", None)
RESTRICTED_PAGE = ("Quokkarest", "member")
PRIVATE_DOCUMENT = ("Narwhaldoc", "member")
HIDDEN_POST = ("Walrushidden", None)
PRIVATE_PROFILE = ("Okapiprivate", "member")
SUSPENDED_POSTS = ("Yaksuspended", None)

# (place, address, private thing, its public twin shown when nobody else may see it there)
CASES = [
    ("home", "/", DRAFT, "Lanternfish"),
    ("home", "/", RESTRICTED_PAGE, "Lanternfish"),
    ("home", "/", HIDDEN_POST, "Heronvisible"),
    ("home", "/", SUSPENDED_POSTS, "Heronvisible"),
    ("home", "/", PRIVATE_PROFILE, "Ibispublic"),
    ("wiki index", "/wiki/", DRAFT, "Lanternfish"),
    ("wiki index", "/wiki/", RESTRICTED_PAGE, "Lanternfish"),
    ("a to z", "/wiki/a-z/", RESTRICTED_PAGE, "Lanternfish"),
    ("category", "/wiki/category/practice-guides/", RESTRICTED_PAGE, "Lanternfish"),
    ("wiki tag", f"/wiki/tag/{TAG}/", RESTRICTED_PAGE, "Lanternfish"),
    ("recent changes", "/wiki/recent-changes/", DRAFT, "Lanternfish"),
    ("recent changes", "/wiki/recent-changes/", RESTRICTED_PAGE, "Lanternfish"),
    ("rss", "/wiki/recent-changes/rss/", DRAFT, "Lanternfish"),
    ("rss", "/wiki/recent-changes/rss/", (RESTRICTED_PAGE[0], None), "Lanternfish"),
    ("atom", "/wiki/recent-changes/atom/", (RESTRICTED_PAGE[0], None), "Lanternfish"),
    ("documents", "/wiki/documents/", PRIVATE_DOCUMENT, "Pelicandoc"),
    ("search", "/search/?q=Lanternfish", DRAFT, "Lanternfish"),
    ("search", "/search/?q=Xylodraft", DRAFT, None),
    ("search", "/search/?q=Quokkarest", (RESTRICTED_PAGE[0], None), None),
    ("search", "/search/?q=Narwhaldoc", (PRIVATE_DOCUMENT[0], None), None),
    ("search", "/search/?q=Walrushidden", HIDDEN_POST, None),
    ("search", "/search/?q=Yaksuspended", SUSPENDED_POSTS, None),
    ("search", "/search/?q=Okapiprivate", (PRIVATE_PROFILE[0], None), None),
    ("search", "/search/?q=organises", (PRIVATE_PROFILE[0], None), "Ibispublic"),
    ("suggestions", "/search/suggest/?q=Quok", (RESTRICTED_PAGE[0], None), None),
    ("suggestions", "/search/suggest/?q=Narwh", (PRIVATE_DOCUMENT[0], None), None),
    ("suggestions", "/search/suggest/?q=Walrus", HIDDEN_POST, None),
    ("suggestions", "/search/suggest/?q=Yaks", SUSPENDED_POSTS, None),
    ("suggestions", "/search/suggest/?q=Okapi", (PRIVATE_PROFILE[0], None), None),
    ("sitemap", "/sitemap.xml", (RESTRICTED_PAGE[0].lower(), None), "lanternfish"),
    ("sitemap", "/sitemap.xml", (PRIVATE_PROFILE[0].lower(), None), "ibispublic"),
    ("sitemap", "/sitemap.xml", (DRAFT[0].lower(), None), "lanternfish"),
    ("tag page", f"/tags/{TAG}/", RESTRICTED_PAGE, "Lanternfish"),
    ("tag page", f"/tags/{TAG}/", PRIVATE_DOCUMENT, "Pelicandoc"),
    ("tag page", f"/tags/{TAG}/", HIDDEN_POST, "Heronvisible"),
    ("tag page", f"/tags/{TAG}/", SUSPENDED_POSTS, "Heronvisible"),
    ("related on a wiki page", "/wiki/lanternfish/", HIDDEN_POST, "Heronvisible"),
    ("related on a wiki page", "/wiki/lanternfish/", SUSPENDED_POSTS, "Heronvisible"),
    ("related on a question", "question:Heronvisible", RESTRICTED_PAGE, "Lanternfish"),
    ("api", "/api/v1/questions/", HIDDEN_POST, "Heronvisible"),
    ("api", "/api/v1/questions/", SUSPENDED_POSTS, "Heronvisible"),
    ("api", f"/api/v1/questions/?tag={TAG}", SUSPENDED_POSTS, "Heronvisible"),
    ("member page", "/members/matrixasker/", HIDDEN_POST, "Heronvisible"),
    ("member page", "/members/matrixokapi/", ("/profiles/okapiprivate/", "member"), None),
    ("questions page", "/questions/", HIDDEN_POST, "Heronvisible"),
    ("questions page", "/questions/", SUSPENDED_POSTS, "Heronvisible"),
    ("questions rss", "/questions/rss/", HIDDEN_POST, "Heronvisible"),
    ("questions rss", "/questions/rss/", SUSPENDED_POSTS, "Heronvisible"),
    ("tagged questions rss", f"/questions/tagged/{TAG}/rss/", SUSPENDED_POSTS, "Heronvisible"),
    ("profile activity", "/profiles/editorprofile/", RESTRICTED_PAGE, "Lanternfish"),
    ("profile activity", "/profiles/editorprofile/", DRAFT, "Lanternfish"),
    ("directory", "/profiles/", PRIVATE_PROFILE, "Ibispublic"),
    ("directory search", "/profiles/?q=Okapi", PRIVATE_PROFILE, None),
]


def _address(address: str) -> str:
    if address.startswith("question:"):
        return Question.objects.get(title__startswith=address.split(":", 1)[1]).get_absolute_url()
    return address


def _text(client: Client, address: str) -> str:
    """What the place shows. The search page repeats the query, and a question shows its own
    `[[links]]`: there only the results, or the related links, are what the place lists."""
    response = client.get(_address(address))
    assert response.status_code == 200, (address, response.status_code)
    if address.startswith("/search/?"):
        return " ".join(f"{hit.title} {hit.url}" for hit in response.context["results"].hits)
    if address.startswith("question:"):
        panels = response.context["related_panels"]
        return " ".join(f"{link.title} {link.url}" for panel in panels for link in panel.links)
    return response.content.decode()


@pytest.mark.django_db
class TestVisibilityMatrix:
    @pytest.mark.parametrize(
        ("place", "address", "thing", "twin"), CASES, ids=[f"{c[0]}-{c[2][0]}-{i}" for i, c in enumerate(CASES)]
    )
    def test_private_things_do_not_leak(self, world, place, address, thing, twin):
        secret, may_see = thing
        assert secret not in _text(Client(), address), f"{secret} leaked on {place} to an anonymous visitor"
        if may_see:
            member = Client()
            member.force_login(world[may_see])
            assert secret in _text(member, address), f"{place} should show {secret} to a signed-in member"
        if twin:
            assert twin in _text(Client(), address), f"{place} should list {twin}: the case proves nothing"

    def test_the_private_things_themselves_are_refused_to_those_who_may_not_see_them(self, world):
        restricted = WikiPage.objects.get(title="Quokkarest")
        live = WikiPage.objects.get(slug="lanternfish")
        document = get_document_model().objects.get(title="Narwhaldoc")
        addresses = [restricted.url, f"{restricted.url}history/", document.url]
        member = Client()
        member.force_login(world["member"])
        for address in addresses:
            assert Client().get(address).status_code == 302, address  # to the log-in page
            assert member.get(address).status_code == 200, address
        draft = live.get_latest_revision()
        assert Client().get(f"{live.url}history/{draft.pk}/").status_code == 404
        assert member.get(f"{live.url}history/{live.live_revision_id}/").status_code == 200

    def test_a_suspended_members_posts_leave_member_aware_lists_too(self, world):
        member = Client()
        member.force_login(world["member"])
        assert "Yaksuspended" not in _text(member, "/")
        assert "Yaksuspended" not in _text(member, "/members/matrixsuspended/")

    def test_moderators_still_open_a_hidden_question(self, world):
        moderator = Client()
        moderator.force_login(world["moderator"])
        hidden = Question.objects.get(title__startswith="Walrushidden")
        assert moderator.get(hidden.get_absolute_url()).status_code == 200
        assert Client().get(hidden.get_absolute_url()).status_code == 404

    def test_the_rule_itself_for_groups_and_passwords(self, world):
        restricted = WikiPage.objects.get(title="Quokkarest")
        restriction = PageViewRestriction.objects.get(page=restricted)
        assert not visibility.can_see_page(restricted, AnonymousUser())
        assert visibility.can_see_page(restricted, world["member"])
        restriction.restriction_type = PageViewRestriction.GROUPS
        restriction.save()
        restriction.groups.set([Group.objects.get(name=roles.MODERATOR)])
        assert not visibility.can_see_page(restricted, world["member"])
        assert visibility.can_see_page(restricted, world["moderator"])
        restriction.restriction_type = PageViewRestriction.PASSWORD
        restriction.save()
        assert not visibility.can_see_page(restricted, world["moderator"])
        restriction.restriction_type = PageViewRestriction.LOGIN
        restriction.save()


def _indexed_titles() -> set[str]:
    return set(IndexEntry.objects.values_list("title", flat=True))


@pytest.mark.django_db
def test_a_restriction_added_or_removed_later_moves_content_out_of_and_back_into_the_index(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    editor = make_user("editor", role=roles.ORGANISER)
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article(editor, "Capybaraopen", "Open words.")
        document = _document("Tapirdoc", Collection.get_first_root_node())
    assert {"Capybaraopen", "Tapirdoc"} <= _indexed_titles()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        closed = CollectionViewRestriction.objects.create(
            collection=document.collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert not {"Capybaraopen", "Tapirdoc"} & _indexed_titles()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
        closed.delete()
    assert {"Capybaraopen", "Tapirdoc"} <= _indexed_titles()
