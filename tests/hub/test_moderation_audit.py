"""Moderation across the hub: every action leaves an audit entry that restoring never erases, reports
on discussion comments reach the queue, suspension stops every write and hides a member's posts, and
new members' discussion comments and links are limited (docs/adr/0081)."""

import pytest
from django.test import Client
from django.utils import timezone
from django_comments import get_form
from django_comments_xtd.models import XtdComment

from hub import moderation, roles
from hub.models import ModerationEntry, Notification, Report
from profiles.models import OrganiserProfilePage, ProfileIndexPage
from qa.models import Answer, Comment, Flag, Question, Rating
from qa.services import moderation as qa_moderation
from qa.services import posts, ratings
from qa.services.errors import NotAllowed
from search import indexing
from search.models import IndexEntry
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_debate

pytestmark = pytest.mark.django_db


@pytest.fixture
def asker(db):
    return make_user("asker")


@pytest.fixture
def answerer(db):
    return make_user("answerer")


def _trail(target=None):
    entries = moderation.entries_for(target) if target is not None else ModerationEntry.objects.all()
    return [(e.action, e.moderator_name, e.member.username if e.member else None, e.reason) for e in entries]


def _post_comment(client, page, text):
    data = get_form()(page).generate_security_data()
    data.update({"comment": text, "reply_to": 0, "honeypot": "", "next": page.url, "followup": ""})
    return client.post("/comments/post/", data)


def test_hide_then_restore_keeps_who_hid_it_and_why(asker, answerer, moderator):
    answer = make_answer(make_question(asker), answerer)
    qa_moderation.hide(moderator, answer, "Shares a phone number")
    qa_moderation.restore(moderator, answer, "Number removed by the author")
    answer.refresh_from_db()
    assert answer.hidden_at is None
    assert _trail(answer) == [
        ("restore", "moderator", "answerer", "Number removed by the author"),
        ("hide", "moderator", "answerer", "Shares a phone number"),
    ]
    subjects = list(Notification.objects.filter(user=answerer).values_list("subject", flat=True))
    assert len(subjects) == 2 and all("moderator" in subject for subject in subjects)


def test_lock_dismiss_and_held_rating_reviews_are_recorded(asker, answerer, moderator):
    question = make_question(asker)
    flag = qa_moderation.flag(answerer, question, "off_topic")
    qa_moderation.lock(moderator, question, True, "Heated")
    qa_moderation.lock(moderator, question, False)
    qa_moderation.dismiss(moderator, flag)
    assert [entry[0] for entry in _trail(question)] == ["dismiss", "unlock", "lock"]
    assert _trail(question)[2][3] == "Heated"


def test_refused_moderation_changes_nothing_and_records_nothing(asker, answerer, member):
    answer = make_answer(make_question(asker), answerer)
    with pytest.raises(NotAllowed):
        qa_moderation.hide(member, answer, "I do not like it")
    with pytest.raises(moderation.ModerationError):
        moderation.suspend(member, answerer, "I do not like them")
    answer.refresh_from_db()
    answerer.refresh_from_db()
    assert (answer.hidden_at, answerer.suspended_at) == (None, None)
    assert ModerationEntry.objects.count() == 0


def test_moderators_see_the_audit_trail_and_members_do_not(client, asker, answerer, moderator):
    answer = make_answer(make_question(asker), answerer)
    qa_moderation.hide(moderator, answer, "Advertising a shop")
    client.force_login(asker)
    assert client.get("/admin/moderation/").status_code in (302, 403)
    client.force_login(moderator)
    page = client.get("/admin/moderation/").content.decode()
    assert "Advertising a shop" in page and "Audit trail" in page


def test_a_report_on_a_debate_comment_reaches_the_queue_and_removal_is_audited(client, organiser, member, moderator):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    _post_comment(client, debate, "You are all fools")
    comment = XtdComment.objects.get()
    client.force_login(organiser)
    client.post(f"/comments/flag/{comment.pk}/")
    client.force_login(moderator)
    queue = client.get("/admin/moderation/").content.decode()
    assert "Reported discussion comments (1)" in queue and "You are all fools" in queue
    client.post(f"/comments/moderate/{comment.pk}/hide/", {"reason": "Name-calling"})
    client.post(f"/comments/moderate/{comment.pk}/restore/", {"reason": "Apology posted"})
    comment.refresh_from_db()
    assert comment.is_removed is False
    assert _trail(comment) == [
        ("restore", "moderator", "member", "Apology posted"),
        ("hide", "moderator", "member", "Name-calling"),
    ]
    assert "Reported discussion comments (0)" in client.get("/admin/moderation/").content.decode()
    assert Notification.objects.filter(user=member, kind="moderation").count() == 2


def test_dismissing_reports_on_a_debate_comment_empties_the_queue(client, organiser, member, moderator):
    debate = make_debate(organiser, "Power before policy")
    client.force_login(member)
    _post_comment(client, debate, "A sharp but fair point")
    comment = XtdComment.objects.get()
    client.force_login(organiser)
    client.post(f"/comments/flag/{comment.pk}/")
    client.force_login(moderator)
    assert client.post(f"/comments/moderate/{comment.pk}/dismiss/").status_code == 302
    assert "Reported discussion comments (0)" in client.get("/admin/moderation/").content.decode()
    assert _trail(comment) == [("dismiss", "moderator", "member", "")]
    client.force_login(member)
    assert client.post(f"/comments/moderate/{comment.pk}/hide/", {"reason": "x"}).status_code == 403


def test_a_suspended_member_reads_but_cannot_write_and_their_posts_leave_lists(
    client, asker, answerer, moderator, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question(answerer, "Where do I find a venue for a meeting?")
        indexing.update(question)
    other = make_question(asker)
    assert IndexEntry.objects.filter(kind="question", object_id=question.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.suspend(moderator, answerer, "Repeated spam")
    answerer.refresh_from_db()
    assert not IndexEntry.objects.filter(kind="question", object_id=question.pk).exists()
    assert "Where do I find a venue" not in client.get("/questions/").content.decode()
    for write in (
        lambda: posts.ask(answerer, "A brand new question here", "With a body long enough to count.", []),
        lambda: posts.answer(answerer, other, "An answer long enough to count."),
        lambda: posts.comment(answerer, other, "A comment"),
        lambda: ratings.rate(answerer, other, Rating.POSITIVE),
        lambda: qa_moderation.flag(answerer, other, "spam"),
    ):
        with pytest.raises(NotAllowed, match="suspended"):
            write()
    client.force_login(answerer)
    assert client.get("/questions/").status_code == 200  # reading still works
    response = client.post(f"/questions/{other.pk}/answer/", {"body": "An answer long enough to count."})
    assert response.status_code == 403
    debate = make_debate(organiser, "Power before policy")
    refused = _post_comment(client, debate, "Let me in")
    assert refused.status_code == 403 and XtdComment.objects.count() == 0
    counts = (Question.objects.count(), Comment.objects.count(), Rating.objects.count(), Flag.objects.count())
    assert counts == (2, 0, 0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.unsuspend(moderator, answerer, "Appeal accepted")
    assert IndexEntry.objects.filter(kind="question", object_id=question.pk).exists()
    assert [entry[0] for entry in _trail(answerer)] == ["unsuspend", "suspend"]
    assert Notification.objects.filter(user=answerer, kind="moderation").count() == 2


def test_suspension_through_the_admin_page_for_moderators_only(client, member, moderator):
    target = make_user("spammer")
    client.force_login(member)
    assert client.post("/admin/moderation/suspend/", {"username": "spammer", "reason": "Spam"}).status_code in (
        302,
        403,
    )
    target.refresh_from_db()
    assert target.suspended_at is None
    client.force_login(moderator)
    client.post("/admin/moderation/suspend/", {"username": "spammer", "reason": ""})
    target.refresh_from_db()
    assert target.suspended_at is None  # a reason is required
    client.post("/admin/moderation/suspend/", {"username": "spammer", "reason": "Spam links"})
    target.refresh_from_db()
    assert target.suspended_at is not None
    assert "spammer" in client.get("/admin/moderation/").content.decode()


def test_a_minutes_old_account_cannot_post_a_run_of_debate_comments_with_links(client, organiser, settings):
    debate = make_debate(organiser, "Power before policy")
    newcomer = make_user("newcomer")
    client.force_login(newcomer)
    statuses = [_post_comment(client, debate, f"Visit https://spam.example/{n}").status_code for n in range(6)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429, 429]
    assert XtdComment.objects.count() == 3
    # Without links, the discussion limit (10 an hour) is what stops a run of comments.
    plain = [_post_comment(client, debate, f"Plain words {n}").status_code for n in range(10)]
    assert plain.count(302) == 7 and plain[-1] == 429
    # Organisers are not new members.
    client.force_login(organiser)
    assert _post_comment(client, debate, "See https://example.org/guide").status_code == 302


def test_new_members_links_are_limited_across_every_kind_of_post(asker, answerer):
    question = make_question(asker)
    posts.comment(answerer, question, "See https://example.org/a")
    posts.comment(answerer, question, "See www.example.org/b for more")
    posts.answer(answerer, question, "An answer with [a link](https://example.org/c) in it.")
    with pytest.raises(Exception, match="posts with links"):
        posts.comment(answerer, question, "And https://example.org/d")
    posts.comment(answerer, question, "No link this time")
    assert Comment.objects.count() == 3
    answer = Answer.objects.get()
    with pytest.raises(Exception, match="posts with links"):  # adding a link by editing counts too
        posts.edit_answer(answerer, answer, answer.body + " More at https://example.org/e")
    answer.refresh_from_db()
    assert "example.org/e" not in answer.body


def _organiser_profile(account, title="Okapi Organiser"):
    index = ProfileIndexPage.objects.get(slug="profiles")
    page = OrganiserProfilePage(title=title, account=account)
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_reported_profile_reaches_the_queue_and_can_go_offline_and_back(client, member, moderator):
    owner = make_user("profileowner", role=roles.ORGANISER)
    profile = _organiser_profile(owner)
    client.force_login(member)
    assert "Report this profile" in client.get(profile.url).content.decode()
    refused = client.post(f"/report/profile/{profile.pk}/", {"reason": "other", "note": ""})
    assert refused.status_code == 400 and Report.objects.count() == 0
    assert client.post(f"/report/profile/{profile.pk}/", {"reason": "impersonation"}).status_code == 302
    again = client.post(f"/report/profile/{profile.pk}/", {"reason": "spam"})
    assert again.status_code == 400 and Report.objects.count() == 1
    client.force_login(moderator)
    queue = client.get("/admin/moderation/").content.decode()
    assert "Reported profiles (1)" in queue and "Okapi Organiser" in queue
    client.post(f"/admin/moderation/offline/profile/{profile.pk}/", {"reason": "Not who they say"})
    profile.refresh_from_db()
    assert profile.live is False
    assert Client().get(f"/members/{owner.username}/").status_code == 200
    assert "Taken offline by a moderator" in client.get("/admin/moderation/").content.decode()
    client.post(f"/admin/moderation/online/profile/{profile.pk}/", {"reason": "Identity checked"})
    profile.refresh_from_db()
    assert profile.live is True
    assert _trail(OrganiserProfilePage.objects.get(pk=profile.pk)) == [
        ("restore", "moderator", "profileowner", "Identity checked"),
        ("hide", "moderator", "profileowner", "Not who they say"),
    ]
    assert list(Report.objects.values_list("status", flat=True)) == [Report.ACTIONED]
    assert Notification.objects.filter(user=owner, kind="moderation").count() == 2


def test_reports_are_refused_to_visitors_suspended_members_and_non_moderators_act_on_nothing(client, member):
    profile = _organiser_profile(make_user("owner2", role=roles.ORGANISER))
    assert Client().post(f"/report/profile/{profile.pk}/", {"reason": "spam"}).status_code == 302  # to log in
    reporter = make_user("reporter")
    client.force_login(reporter)
    client.post(f"/report/profile/{profile.pk}/", {"reason": "spam"})
    client.force_login(member)
    assert client.post(f"/admin/moderation/offline/profile/{profile.pk}/", {"reason": "x"}).status_code in (302, 403)
    assert client.post(f"/admin/moderation/reports/{Report.objects.get().pk}/dismiss/").status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.live is True and Report.objects.get().status == Report.OPEN
    type(member).objects.filter(pk=member.pk).update(suspended_at=timezone.now())
    client.force_login(type(member).objects.get(pk=member.pk))
    assert client.post(f"/report/profile/{profile.pk}/", {"reason": "spam"}).status_code == 403
    assert Report.objects.count() == 1
    assert ModerationEntry.objects.count() == 0
