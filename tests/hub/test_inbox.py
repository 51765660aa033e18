"""The in-site inbox: fed by notify(), a bell with a count, read and unread, and the Following page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from hub import inbox, notifications
from hub.models import Notification
from qa.models import Follow
from qa.services import moderation, posts, ratings
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_article
from wiki.models import PageWatch

pytestmark = pytest.mark.django_db


def _message(subject="Something happened", kind="answer"):
    return notifications.Message(subject=subject, text="Details.", url="http://127.0.0.1:8000/questions/", kind=kind)


def test_every_notification_lands_in_the_inbox_whatever_the_email_choice(member, mailoutbox):
    notifications.notify(member, _message("One"), notifications.IMMEDIATE)
    notifications.notify(member, _message("Two"), notifications.DAILY)
    notifications.notify(member, _message("Three"), notifications.NO_EMAIL)
    assert list(Notification.objects.filter(user=member).values_list("subject", flat=True)) == ["Three", "Two", "One"]
    member.refresh_from_db()
    assert member.unread_notifications == 3


def test_no_email_subscriptions_send_no_email(member, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(member, _message("Quiet"), notifications.NO_EMAIL)
    assert mailoutbox == []


def test_reading_marks_read_and_the_count_follows(client, member):
    notifications.notify(member, _message("First"), notifications.NO_EMAIL)
    notifications.notify(member, _message("Second"), notifications.NO_EMAIL)
    client.force_login(member)
    html = client.get("/").content.decode()
    assert 'class="inbox-count">2<span class="visually-hidden"> new</span>' in html
    first = Notification.objects.get(subject="First")
    response = client.get(f"/inbox/{first.pk}/")
    assert response.status_code == 302 and response["Location"] == "/questions/"  # on the host in use
    member.refresh_from_db()
    assert member.unread_notifications == 1
    client.post(f"/inbox/{first.pk}/mark/", {"action": "unread"})
    member.refresh_from_db()
    assert member.unread_notifications == 2
    client.post("/inbox/read-all/")
    member.refresh_from_db()
    assert member.unread_notifications == 0
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    assert "inbox-count" not in client.get("/").content.decode()


def test_nobody_opens_anothers_messages(client, member):
    notifications.notify(member, _message(), notifications.NO_EMAIL)
    client.force_login(make_user("nosy"))
    assert client.get(f"/inbox/{Notification.objects.get().pk}/").status_code == 404
    assert Notification.objects.get().read_at is None


def test_the_bell_costs_no_query(client, member):
    client.force_login(member)
    client.get("/about/")
    with CaptureQueriesContext(connection) as before:
        client.get("/about/")
    for n in range(3):
        notifications.notify(member, _message(f"News {n}"), notifications.NO_EMAIL)
    with CaptureQueriesContext(connection) as after:
        html = client.get("/about/").content.decode()
    assert 'class="inbox-count">3' in html
    assert len(after) == len(before)


def test_inbox_page_lists_messages_with_a_fixed_number_of_queries(client, member):
    client.force_login(member)
    notifications.notify(member, _message("Only one"), notifications.NO_EMAIL)
    client.get("/inbox/")
    with CaptureQueriesContext(connection) as few:
        client.get("/inbox/")
    for n in range(10):
        notifications.notify(member, _message(f"More {n}", kind="rating"), notifications.NO_EMAIL)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/inbox/").content.decode()
    assert html.count('class="inbox-item inbox-item--unread"') == 11
    assert len(many) == len(few)


def test_answers_comments_ratings_and_moderation_reach_the_authors_inbox(moderator):
    asker, answerer = make_user("asker"), make_user("answerer")
    Tag.objects.create(name="listening")
    question = posts.ask(
        asker, "How do we start listening on an estate?", "A body long enough to count.", ["listening"]
    )
    answer = posts.answer(answerer, question, "Go in pairs and start with people you know.")
    posts.comment(answerer, question, "Which estate is it?")
    ratings.rate(asker, answer, 1, "Helpful, thank you")
    moderation.hide(moderator, answer, "Shares a phone number")
    kinds = lambda user: list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))  # noqa: E731
    assert kinds(asker) == ["answer", "comment"]
    assert kinds(answerer) == ["rating", "moderation"]
    rating_note = Notification.objects.get(user=answerer, kind="rating")
    assert "Helpful, thank you" in rating_note.text
    assert "Shares a phone number" in Notification.objects.get(user=answerer, kind="moderation").text


def test_debate_replies_reach_the_parent_comments_author(organiser, member):
    from django_comments_xtd.models import XtdComment

    from tests.wiki.conftest import make_debate
    from wiki import services

    debate = make_debate(organiser, "Power before policy")
    top = XtdComment.objects.create(content_object=debate, site_id=1, user=organiser, comment="Top", is_public=True)
    reply = XtdComment.objects.create(
        content_object=debate, site_id=1, user=member, comment="I disagree", parent_id=top.pk, is_public=True
    )
    note = Notification.objects.get(user=organiser)  # told once, when the reply was saved
    assert note.kind == "reply" and note.url.endswith(f"#c{reply.pk}")
    assert services.after_comment(top) is False


def test_following_page_lists_watches_and_follows_and_unwatches(client, organiser, member):
    page = make_article(organiser, "Listening one to one", "Body.")
    tag = Tag.objects.create(name="door knocking")
    question = make_question(organiser, "How long is a one to one?")
    PageWatch.objects.create(user=member, page=page, frequency=notifications.DAILY)
    Follow.objects.create(user=member, question=question)
    Follow.objects.create(user=member, tag=tag, frequency=notifications.NO_EMAIL)
    client.force_login(member)
    html = client.get("/following/").content.decode()
    for title in ("Listening one to one", "How long is a one to one?", "door knocking"):
        assert title in html
    response = client.post(f"/wiki/watch/page/{page.pk}/", {"action": "stop", "next": "/following/"})
    assert response["Location"] == "/following/"
    assert not PageWatch.objects.filter(user=member).exists()
    response = client.post(f"/questions/{question.pk}/follow/", {"frequency": "none", "next": "/following/"})
    assert response["Location"] == "/following/"
    assert Follow.objects.get(user=member, question=question).frequency == notifications.NO_EMAIL
    client.post(f"/questions/{question.pk}/follow/", {"action": "unfollow", "next": "https://evil.example/"})
    assert not Follow.objects.filter(user=member, question=question).exists()


def test_following_page_query_count_does_not_grow(client, organiser, member):
    client.force_login(member)
    for n in range(2):
        Follow.objects.create(user=member, question=make_question(organiser, f"Question number {n} here?"))
    client.get("/following/")
    with CaptureQueriesContext(connection) as few:
        client.get("/following/")
    for n in range(2, 8):
        Follow.objects.create(user=member, question=make_question(organiser, f"Question number {n} here?"))
        PageWatch.objects.create(user=member, page=make_article(organiser, f"Guide {n}", "Body."))
    with CaptureQueriesContext(connection) as many:
        client.get("/following/")
    assert len(many) == len(few)


def test_inbox_add_counts_and_mark_all(member):
    inbox.add(member, "A", "", "/x/")
    inbox.add(member, "B", "", "/y/")
    assert inbox.mark_all_read(member) == 2
    assert member.unread_notifications == 0


def test_make_answer_helper_still_counts():
    asker, answerer = make_user("asker"), make_user("answerer")
    question = make_question(asker)
    make_answer(question, answerer)
    question.refresh_from_db()
    assert question.answer_count == 1
