"""Who may edit the wiki, and watch emails with working unsubscribe links."""

import re

from django.core import mail

from tests.factories import make_user
from tests.wiki.conftest import make_article, publish
from wiki.models import PageWatch, TagWatch, WikiIndexPage


def test_organiser_can_add_edit_and_publish_in_the_wiki(organiser, wiki_index):
    page = make_article(organiser, "Power mapping")
    perms = page.permissions_for_user(organiser)
    assert (perms.can_edit(), perms.can_publish(), perms.can_lock()) == (True, True, False)
    assert wiki_index.permissions_for_user(organiser).can_add_subpage() is True


def test_member_cannot_edit_and_anonymous_reads(client, organiser, member):
    page = make_article(organiser, "Power mapping")
    perms = page.permissions_for_user(member)
    assert (perms.can_edit(), perms.can_publish()) == (False, False)
    client.force_login(member)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302  # no admin access at all
    client.logout()
    assert client.get(page.url).status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302


def test_organiser_opens_the_admin_editor_and_member_does_not(client, organiser, member):
    page = make_article(organiser, "Power mapping")
    client.force_login(organiser)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    client.force_login(member)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_moderator_may_lock_but_not_edit(organiser, moderator):
    page = make_article(organiser, "Power mapping")
    perms = page.permissions_for_user(moderator)
    assert (perms.can_lock(), perms.can_unlock(), perms.can_publish()) == (True, True, False)


def test_titles_are_unique_across_the_wiki(client, organiser, wiki_index):
    make_article(organiser, "Power mapping")
    client.force_login(organiser)
    response = client.post(
        f"/admin/pages/add/wiki/articlepage/{wiki_index.pk}/",
        {
            "title": "POWER MAPPING",
            "slug": "power-mapping-2",
            "summary": "Again.",
            "body": "x",
            "tags": "",
            "edit_summary": "",
            "related_documents-TOTAL_FORMS": "0",
            "related_documents-INITIAL_FORMS": "0",
            "related_documents-MIN_NUM_FORMS": "0",
            "related_documents-MAX_NUM_FORMS": "1000",
            "related_pages-TOTAL_FORMS": "0",
            "related_pages-INITIAL_FORMS": "0",
            "related_pages-MIN_NUM_FORMS": "0",
            "related_pages-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Another wiki page already has this title" in response.content.decode()
    assert WikiIndexPage.objects.get().get_children().count() == 1


def test_watch_email_is_sent_after_commit_and_unsubscribe_works(
    client, organiser, member, django_capture_on_commit_callbacks
):
    page = make_article(organiser, "Power mapping")
    client.force_login(member)
    client.post(f"/wiki/watch/page/{page.pk}/", {"frequency": "immediate"})
    mail.outbox.clear()
    page.body = "new"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page, organiser, "Added a worked example")
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    body = mail.outbox[0].body
    assert "Power mapping" in mail.outbox[0].subject
    assert "Added a worked example" in body
    link = re.search(r"http://\S+/wiki/unsubscribe/\S+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    assert client.get(f"/{path}").status_code == 200
    assert PageWatch.objects.count() == 1
    assert client.post(f"/{path}").status_code == 200
    assert PageWatch.objects.count() == 0
    assert client.post(f"/{path}").status_code == 400


def test_editor_is_not_emailed_about_their_own_change(organiser, django_capture_on_commit_callbacks):
    page = make_article(organiser, "Power mapping")
    PageWatch.objects.create(user=organiser, page=page)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(page, organiser, "Mine")
    assert mail.outbox == []


def test_tag_watchers_get_one_email_or_a_digest(client, organiser, member, django_capture_on_commit_callbacks):
    from hub.models import PendingNotification

    daily = make_user("daily")
    page = make_article(organiser, "Power mapping", tags=["power"])
    client.force_login(member)
    assert client.post("/wiki/watch/tag/power/", {"frequency": "immediate"}).status_code == 302
    client.post(f"/wiki/watch/page/{page.pk}/", {"frequency": "immediate"})
    client.force_login(daily)
    client.post("/wiki/watch/tag/power/", {"frequency": "daily"})
    assert TagWatch.objects.count() == 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(page, organiser, "Change")
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert list(PendingNotification.objects.values_list("user__username", "subject")) == [
        ("daily", "Wiki: “Power mapping” was updated")
    ]


def test_forged_unsubscribe_token_changes_nothing(client, organiser, member):
    page = make_article(organiser, "Power mapping")
    PageWatch.objects.create(user=member, page=page)
    assert client.post("/wiki/unsubscribe/wiki.pagewatch/forged-token/").status_code == 400
    assert client.get("/wiki/unsubscribe/other.kind/x/").status_code == 404
    assert PageWatch.objects.count() == 1


def test_watching_needs_sign_in_and_post(client, organiser):
    page = make_article(organiser, "Power mapping")
    response = client.post(f"/wiki/watch/page/{page.pk}/", {"frequency": "immediate"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(organiser)
    assert client.get(f"/wiki/watch/page/{page.pk}/").status_code == 405
    assert client.post(f"/wiki/watch/page/{page.pk}/", {"frequency": "hourly"}).status_code == 400
    assert PageWatch.objects.count() == 0


def test_organiser_can_upload_documents_and_member_cannot(client, organiser, member):
    client.force_login(organiser)
    assert client.get("/admin/documents/multiple/add/").status_code == 200
    client.force_login(member)
    assert client.get("/admin/documents/multiple/add/").status_code == 302


def test_the_sidebar_shows_each_member_their_own_watch_read_with_the_page(client, organiser, member):
    """The watch is read with the page when it is served (WikiPage.served_annotations, hub/routing.py):
    no query of its own, and one member's watch is never shown to another."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = make_article(organiser, "Power mapping")
    client.force_login(member)
    assert client.post(f"/wiki/watch/page/{page.pk}/", {"frequency": "daily"}).status_code == 302
    client.get(page.url)  # the first visit teaches the router the page's model
    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()
    assert "You watch this page (one email a day (daily digest))." in html
    assert [query["sql"] for query in queries if query["sql"].startswith('SELECT "wiki_pagewatch"')] == []
    client.force_login(organiser)
    client.get(page.url)
    html = client.get(page.url).content.decode()
    assert "You watch this page" not in html and "Watch this page</button>" in html
