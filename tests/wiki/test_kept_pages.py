"""A wiki page kept as shared fragments per viewer class (wiki/reading.py, docs/adr/0106): the
article's or debate's own part per audience, the sidebar per (audience, ownership, watch, address).
Nothing one member may see or do reaches another viewer, whichever viewer filled the cache first;
every change shows on the next request; forms post with the requester's own token; pages work with
the cache down; a preview of a draft is never kept."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, GroupPagePermission, PageViewRestriction

from hub import fragments, roles
from tests.factories import make_user
from tests.qa.conftest import make_question
from tests.viewing import page_as as _page
from tests.wiki.conftest import make_article, make_debate, publish
from wiki import services
from wiki.models import ArticleDocument, ArticleRelatedPage, PageWatch, WikiIndexPage

MAIN = "wiki/includes/article_main.html"
SIDEBAR = "wiki/includes/page_sidebar.html"
EDIT = "Edit this page</a>"


@pytest.fixture
def world(db, pages_on):
    organiser = make_user("keptorg", role=roles.ORGANISER)
    article = make_article(organiser, "Door knocking", "Knock, then [[Listening]] and [[Power maps]].")
    listening = make_article(organiser, "Listening", "Ask, then listen. See [[Door knocking]].")
    debate = make_debate(organiser, "Pay organisers", body="Read [[Door knocking]] first.")
    return {
        "organiser": organiser,
        "article": article,
        "listening": listening,
        "debate": debate,
        "member": make_user("keptmember"),
        "other": make_user("keptother"),
        "moderator": make_user("keptmod", role=roles.MODERATOR),
    }


def _url(world):
    return world["article"].url


# --- kept and shared ---------------------------------------------------------------------------------


def test_members_of_one_class_share_the_kept_article_and_sidebar(client, world):
    """Without this, every privacy test below could pass with nothing kept at all."""
    first, templates = _page(client, world["member"], _url(world))
    assert MAIN in templates and SIDEBAR in templates
    second, templates = _page(client, world["other"], _url(world))
    assert MAIN not in templates and SIDEBAR not in templates
    assert 'class="wiki-link" href="/wiki/listening/"' in second
    assert 'Power maps<span class="visually-hidden"> (no page yet)</span>' in second
    assert _main(first) == _main(second)


def _main(html: str) -> str:
    """The page's main part (the header names the member) without its forms' tokens."""
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", main)


def test_a_kept_article_costs_the_same_queries_however_much_it_shows(client, world):
    client.force_login(world["member"])
    client.get(_url(world))
    with CaptureQueriesContext(connection) as kept:
        client.get(_url(world))
    for n in range(12):
        make_article(world["organiser"], f"Source {n}", "See [[Door knocking]].")
        publish(world["article"], make_user(f"editor{n}", role=roles.ORGANISER), f"Edit {n}")
    client.get(_url(world))
    with CaptureQueriesContext(connection) as kept_later:
        html = client.get(_url(world)).content.decode()
    assert "Every page that links here" in html
    assert len(kept_later) == len(kept)
    assert not [query for query in kept_later.captured_queries if "wiki_wikilink" in query["sql"]]


def test_the_questions_about_a_page_are_kept_with_its_sidebar_and_a_new_one_shows_next(client, world):
    """The forum's box below the sidebar (home/related.py) is rendered into the kept sidebar: no
    query of the forum's while kept, and a new question about the page on the very next request."""
    client.force_login(world["member"])
    client.get(_url(world))
    with CaptureQueriesContext(connection) as kept:
        html = client.get(_url(world)).content.decode()
    assert "Nobody has asked about this yet." in html[html.index('id="related-questions"') :]
    assert not [query for query in kept.captured_queries if "qa_question" in query["sql"]]
    make_question(world["other"], "How long should a knock take?", "I read [[Door knocking]] first.")
    html = client.get(_url(world)).content.decode()
    assert "How long should a knock take?" in html[html.index('id="related-questions"') :]


# --- private state stays with its viewer ---------------------------------------------------------------


@pytest.mark.parametrize("watcher_first", [True, False])
def test_a_members_watch_never_shows_to_anyone_else(client, world, watcher_first):
    services.watch_page(world["member"], world["article"], "daily")
    viewers = [world["member"], world["other"], None]
    seen = {}
    for viewer in viewers if watcher_first else viewers[::-1]:
        seen[viewer], _ = _page(client, viewer, _url(world))
    assert "You watch this page (one email a day (daily digest))." in seen[world["member"]]
    assert "You watch this page" not in seen[world["other"]]
    assert "Watch this page</button>" in seen[world["other"]]
    assert "You watch this page" not in seen[None]
    assert "to watch this page" in seen[None]


@pytest.mark.parametrize("editor_first", [True, False])
def test_edit_links_show_only_to_those_who_may_edit(client, world, editor_first):
    viewers = [world["organiser"], world["member"], world["moderator"], None]
    seen = {}
    for viewer in viewers if editor_first else viewers[::-1]:
        seen[viewer], _ = _page(client, viewer, _url(world))
    assert EDIT in seen[world["organiser"]]
    for viewer in viewers[1:]:
        assert EDIT not in seen[viewer]
        assert f"/admin/pages/{world['article'].pk}/edit/" not in seen[viewer]


def _adders():
    """A group that may add wiki pages but change only those its members own (Wagtail's rule)."""
    group = Group.objects.create(name="Adders")
    add = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    GroupPagePermission.objects.create(group=group, page=WikiIndexPage.objects.get(), permission=add)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


@pytest.mark.parametrize("owner_first", [True, False])
def test_the_owners_edit_link_never_shows_to_another_member_of_their_groups(client, world, owner_first):
    group = _adders()
    owner, other = make_user("adderowner"), make_user("adderother")
    for user in (owner, other):
        user.groups.add(group)
    article = world["article"]
    type(article).objects.filter(pk=article.pk).update(owner=owner)
    seen = {}
    for viewer in (owner, other) if owner_first else (other, owner):
        seen[viewer], _ = _page(client, viewer, article.url)
    assert EDIT in seen[owner]
    assert EDIT not in seen[other]


def test_a_page_kept_to_organisers_never_reaches_members_whoever_came_first(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    secret = make_article(world["organiser"], "Zebrasecret", "Organisers only. See [[Door knocking]].")
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.ORGANISER))
    ArticleRelatedPage.objects.create(page=world["article"], target=secret)
    root = Collection.get_first_root_node()
    private = root.add_child(name="Members only")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model()(title="Okapidoc", collection=private)
    document.file.save("okapidoc.txt", ContentFile(b"notes\n"), save=True)
    ArticleDocument.objects.create(page=world["article"], document=document)
    for viewer in (world["organiser"], world["member"], None):
        html, _ = _page(client, viewer, _url(world))
        assert ("Zebrasecret" in html) is (viewer == world["organiser"])  # related pages and links here
        assert ("Okapidoc" in html) is (viewer is not None)
    for viewer in (None, world["member"], world["organiser"]):
        html, _ = _page(client, viewer, _url(world))
        assert ("Zebrasecret" in html) is (viewer == world["organiser"])


def test_only_those_who_may_start_a_page_are_offered_to(client, world):
    start = "/wiki/new/?title=Power+maps"
    for viewer, offered in ((world["member"], False), (world["organiser"], True), (None, False)):
        html, _ = _page(client, viewer, _url(world))
        assert (start in html) is offered
        assert "Power maps" in html


def test_the_watch_form_posts_with_the_requesters_own_token(world):
    filler = Client(enforce_csrf_checks=True)
    filler.force_login(world["other"])
    assert filler.get(_url(world)).status_code == 200
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["member"])
    response = client.get(_url(world))
    assert SIDEBAR not in [template.name for template in response.templates]
    html = response.content.decode()
    assert fragments.CSRF not in html
    action = f"/wiki/watch/page/{world['article'].pk}/"
    form = html[html.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', form).group(1)
    assert client.post(action, {"csrfmiddlewaretoken": token, "frequency": "daily"}).status_code == 302
    assert PageWatch.objects.filter(user=world["member"], page=world["article"], frequency="daily").exists()
    refused = Client(enforce_csrf_checks=True)
    refused.force_login(world["other"])
    assert refused.post(action, {"csrfmiddlewaretoken": token, "frequency": "daily"}).status_code == 403


# --- every change shows on the next request --------------------------------------------------------


def _publish_new_body(world):
    article = world["article"]
    article.body = "Knock twice, then wait."
    publish(article, world["organiser"], "Shorter")


def _write_missing_page(world):
    make_article(world["organiser"], "Power maps", "Who decides what.")


def _link_from_a_new_page(world):
    make_article(world["organiser"], "Quietstreet", "Start with [[Door knocking]].")


def _make_member_an_organiser(world):
    world["member"].groups.add(Group.objects.get(name=roles.ORGANISER))


# (name, change, text, viewers who see it after: "member" or "all")
CHANGES = [
    ("publish", _publish_new_body, "Knock twice, then wait.", "all"),
    ("new linked page", _write_missing_page, 'class="wiki-link" href="/wiki/power-maps/"', "all"),
    ("links here", _link_from_a_new_page, "Quietstreet", "all"),
    ("watch", lambda w: services.watch_page(w["member"], w["article"], "immediate"), "You watch this page", "member"),
    ("edit rights", _make_member_an_organiser, EDIT, "member"),
]


@pytest.mark.parametrize(("name", "change", "text", "who"), CHANGES, ids=[c[0] for c in CHANGES])
def test_every_change_shows_on_the_next_request(client, world, name, change, text, who):
    viewers = [world["member"], world["other"], None]
    for viewer in viewers:
        html, _ = _page(client, viewer, _url(world))
        assert text not in html
    change(world)
    for viewer in viewers:
        html, _ = _page(client, viewer, _url(world))
        assert (text in html) is (who == "all" or viewer == world["member"]), viewer


def test_a_stopped_watch_and_a_new_debate_comment_show_on_the_next_request(client, world):
    services.watch_page(world["member"], world["debate"], "immediate")
    html, _ = _page(client, world["member"], world["debate"].url)
    assert "You watch this page" in html
    services.unwatch_page(world["member"], world["debate"])
    XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(world["debate"]), object_pk=str(world["debate"].pk),
        site_id=1, user=world["other"], comment="Pay them what the job is worth.",
    )  # fmt: skip
    html, _ = _page(client, world["member"], world["debate"].url)
    assert "You watch this page" not in html
    assert "Pay them what the job is worth." in html


# --- the debate's texts, the cache down, previews ------------------------------------------------------


def test_a_debates_links_in_every_text_are_read_in_one_query(client, world, settings):
    settings.HUB_PAGE_CACHE = False  # a full render
    debate = world["debate"]
    client.force_login(world["member"])
    client.get(debate.url)
    with CaptureQueriesContext(connection) as one_text:
        client.get(debate.url)
    debate.standing = "Most agree: [[Listening]] matters."
    for n in range(3):
        debate.positions.create(stance="for", heading=f"Yes {n}", argument=f"See [[Door knocking]] and [[Gone {n}]].")
    publish(debate, world["organiser"], "Positions")
    client.get(debate.url)
    with CaptureQueriesContext(connection) as every_text:
        html = client.get(debate.url).content.decode()
    assert 'href="/wiki/listening/"' in html and "Gone 2" in html
    assert len(every_text) == len(one_text) + 1  # the positions themselves
    assert len([query for query in every_text.captured_queries if "LOWER(" in query["sql"].upper()]) == 1


def test_pages_work_and_show_changes_with_the_cache_down(client, world, pages_redis_down):
    for viewer in (world["member"], world["organiser"], None):
        html, _ = _page(client, viewer, _url(world))
        assert 'href="/wiki/listening/"' in html
        assert fragments.CSRF not in html
        assert (EDIT in html) is (viewer == world["organiser"])
        debate, _ = _page(client, viewer, world["debate"].url)
        assert "No comments yet" in debate
    services.watch_page(world["member"], world["article"], "daily")
    html, templates = _page(client, world["member"], _url(world))
    assert "You watch this page (one email a day (daily digest))." in html
    assert SIDEBAR in templates


def test_a_preview_of_a_draft_is_never_kept(client, world):
    _page(client, world["member"], _url(world))
    draft = type(world["article"]).objects.get(pk=world["article"].pk)
    draft.body = "Zanzibardraft words nobody published."
    preview = draft.make_preview_request()
    assert "Zanzibardraft" in preview.content.decode()
    for viewer in (world["member"], world["other"], None):
        html, _ = _page(client, viewer, _url(world))
        assert "Zanzibardraft" not in html
