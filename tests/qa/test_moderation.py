"""Flags, the moderators' queue in the Wagtail admin, hiding and restoring, locking, serial rating."""

import datetime as dt

import pytest
from django.test import override_settings

from qa.models import Flag, Rating
from qa.search_adapters import AnswerAdapter, QuestionAdapter
from qa.services import moderation, posts, ratings
from qa.services.errors import NotAllowed, QaError
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question

pytestmark = pytest.mark.django_db


def test_member_flags_an_answer_once(client, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    client.force_login(asker)
    url = f"/questions/flag/answer/{answer.pk}/"
    first = client.post(url, {"reason": "spam"})
    second = client.post(url, {"reason": "offensive"})
    assert first.status_code == 302
    assert second.status_code == 200
    assert "You have already reported this" in second.content.decode()
    assert list(Flag.objects.values_list("reason", "status", "object_id")) == [("spam", "open", answer.pk)]


def test_flag_for_other_reason_needs_a_note(client, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    client.force_login(asker)
    response = client.post(f"/questions/flag/answer/{answer.pk}/", {"reason": "other", "note": ""})
    assert 'id="id_note_errors"' in response.content.decode()
    assert Flag.objects.count() == 0


def test_anonymous_visitor_cannot_flag(client, asker):
    question = make_question(asker)
    response = client.post(f"/questions/flag/question/{question.pk}/", {"reason": "spam"})
    assert response.status_code == 302
    assert Flag.objects.count() == 0


def test_hidden_question_disappears_from_lists_page_feed_api_and_search(client, asker, moderator):
    question = make_question(asker, "Spam about cheap sunglasses")
    moderation.hide(moderator, question, "Spam", now=NOW)
    question.refresh_from_db()
    assert (question.hidden_by, question.hidden_reason) == (moderator, "Spam")
    assert client.get("/questions/").context["questions"].__len__() == 0
    assert client.get(question.get_absolute_url()).status_code == 404
    assert b"sunglasses" not in client.get("/questions/rss/").content
    assert client.get("/api/v1/questions/").json()["count"] == 0
    assert list(QuestionAdapter().queryset()) == []


def test_moderator_still_sees_a_hidden_question_with_the_reason(client, asker, moderator):
    question = make_question(asker, "Spam about cheap sunglasses")
    moderation.hide(moderator, question, "Spam", now=NOW)
    client.force_login(moderator)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert "Hidden by moderator: Spam." in response.content.decode()


def test_hiding_an_answer_updates_the_answer_count_and_restoring_brings_it_back(asker, answerer, moderator):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    moderation.hide(moderator, answer, "Off-topic", now=NOW)
    question.refresh_from_db()
    assert question.answer_count == 0
    assert list(AnswerAdapter().queryset()) == []
    moderation.restore(moderator, answer, now=NOW)
    question.refresh_from_db()
    answer.refresh_from_db()
    assert (question.answer_count, answer.hidden_at, answer.hidden_reason) == (1, None, "")


def test_hiding_resolves_the_open_flags_on_it(asker, answerer, moderator):
    answer = make_answer(make_question(asker), answerer)
    moderation.flag(asker, answer, "spam", now=NOW)
    moderation.hide(moderator, answer, "Spam", now=NOW)
    assert list(Flag.objects.values_list("status", "resolved_by")) == [("actioned", moderator.pk)]


def test_only_moderators_hide(asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    with pytest.raises(NotAllowed):
        moderation.hide(asker, answer, "I do not like it", now=NOW)
    with pytest.raises(QaError, match="Give a reason"):
        moderation.hide(make_user("mod2", role="Moderator"), answer, " ", now=NOW)


def test_locked_question_takes_no_answers_or_comments(asker, answerer, moderator):
    question = make_question(asker)
    moderation.lock(moderator, question, now=NOW)
    with pytest.raises(NotAllowed, match="locked"):
        posts.answer(answerer, question, "An answer long enough to count.", now=NOW)
    with pytest.raises(NotAllowed, match="locked"):
        posts.comment(answerer, question, "A comment", now=NOW)


def test_moderation_queue_lists_open_flags_for_moderators_only(client, asker, answerer, moderator):
    answer = make_answer(make_question(asker), answerer, body="Buy cheap sunglasses from my shop today")
    moderation.flag(asker, answer, "spam", now=NOW)
    client.force_login(asker)
    assert client.get("/admin/moderation/").status_code in (302, 403)
    client.force_login(moderator)
    assert client.get("/admin/qa/moderation/").url == "/admin/moderation/"  # the forum's queue is a section
    response = client.get("/admin/moderation/")
    assert response.status_code == 200
    assert "Forum: open flags (1)" in response.content.decode()
    assert "Buy cheap sunglasses" in response.content.decode()


def test_moderator_hides_locks_and_dismisses_from_the_admin(client, asker, answerer, moderator):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    flag = moderation.flag(asker, question, "off_topic", now=NOW)
    client.force_login(moderator)
    assert client.post(f"/admin/qa/moderation/hide/answer/{answer.pk}/", {"reason": "Spam link"}).status_code == 302
    assert client.post(f"/admin/qa/moderation/lock/question/{question.pk}/").status_code == 302
    assert client.post(f"/admin/qa/moderation/dismiss/{flag.pk}/").status_code == 302
    answer.refresh_from_db()
    question.refresh_from_db()
    flag.refresh_from_db()
    assert answer.hidden_reason == "Spam link"
    assert question.is_locked is True
    assert (flag.status, flag.resolved_by) == ("dismissed", moderator)
    assert client.post(f"/admin/qa/moderation/restore/answer/{answer.pk}/").status_code == 302
    answer.refresh_from_db()
    assert answer.is_hidden is False


def test_members_cannot_use_the_admin_actions(client, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    client.force_login(asker)
    response = client.post(f"/admin/qa/moderation/hide/answer/{answer.pk}/", {"reason": "mine"})
    answer.refresh_from_db()
    assert response.status_code in (302, 403)
    assert answer.is_hidden is False


@override_settings(QA_SERIAL_RATING_LIMIT=3)
def test_ratings_spread_over_weeks_are_not_serial(asker, answerer, moderator):
    rater = make_user("serial", role="Organiser")
    answers = [make_answer(make_question(asker, title=f"Question {i} about organising"), answerer) for i in range(5)]
    for i, answer in enumerate(answers):
        ratings.rate(rater, answer, Rating.POSITIVE, now=NOW + dt.timedelta(weeks=i))
    # One rating a week never passes the daily limit, so none is held.
    assert Rating.objects.filter(held=True).count() == 0
    answerer.refresh_from_db()
    assert answerer.feedback_score == 5


@override_settings(QA_SERIAL_RATING_LIMIT=3)
def test_fourth_rating_of_one_members_posts_in_a_day_is_held_until_approved(asker, answerer, moderator):
    rater = make_user("serial", role="Organiser")
    posts_by_answerer = [
        make_answer(make_question(asker, title=f"Question {i} about organising"), answerer) for i in range(5)
    ]
    for i, answer in enumerate(posts_by_answerer):
        ratings.rate(rater, answer, Rating.POSITIVE if i < 3 else Rating.NEGATIVE, now=NOW + dt.timedelta(minutes=i))
    held = list(Rating.objects.filter(held=True).order_by("pk").values_list("answer_id", flat=True))
    assert held == [posts_by_answerer[3].pk, posts_by_answerer[4].pk]
    answerer.refresh_from_db()
    assert answerer.feedback_score == 1  # 3 positives in one week; the two held negatives do not count
    assert list(moderation.serial_raters()) == [
        {"rater__username": "serial", "recipient__username": "answerer", "held_count": 2}
    ]
    for rating in Rating.objects.filter(held=True):
        ratings.review_held(moderator, rating, approve=True, now=NOW)
    answerer.refresh_from_db()
    assert answerer.feedback_score == 1  # +3 - 2 = +1: still one positive rater-week
    assert Rating.objects.filter(held=True).count() == 0
