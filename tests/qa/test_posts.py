"""Answering once, duplicates, revisions with diffs and rollback, following, limits, member pages."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import override_settings
from taggit.models import Tag

from hub.models import PendingNotification
from qa.models import Answer, Comment, Follow, Question, Rating, Revision
from qa.services import follows, posts, ratings
from qa.services.errors import NotAllowed, QaError
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question, set_score

pytestmark = pytest.mark.django_db

BODY = "Knock in pairs, keep a simple sheet, and follow up within a week."


def test_one_answer_per_member_per_question(client, asker, answerer):
    question = make_question(asker)
    client.force_login(answerer)
    first = client.post(f"/questions/{question.pk}/answer/", {"body": BODY})
    second = client.post(f"/questions/{question.pk}/answer/", {"body": BODY + " Again."}, follow=True)
    assert first.status_code == 302
    assert "You have already answered this question: edit your answer instead." in second.content.decode()
    assert Answer.objects.count() == 1
    question.refresh_from_db()
    assert question.answer_count == 1


def test_question_page_offers_to_edit_instead_of_a_second_answer(client, asker, answerer):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    client.force_login(answerer)
    html = client.get(question.get_absolute_url()).content.decode()
    assert f'href="/questions/answers/{answer.pk}/edit/">Edit your answer</a>' in html
    assert f'action="/questions/{question.pk}/answer/"' not in html


def test_closing_as_duplicate_needs_250_and_shows_a_banner(client, asker, answerer):
    original = make_question(asker, "How do I start door knocking?")
    copy = make_question(answerer, "Starting out with door knocking?")
    set_score(answerer, 249)
    with pytest.raises(NotAllowed, match="250"):
        posts.close_as_duplicate(answerer, copy, original, now=NOW)
    set_score(answerer, 250)
    posts.close_as_duplicate(answerer, copy, original, now=NOW)
    html = client.get(copy.get_absolute_url()).content.decode()
    assert "Closed as a duplicate." in html
    assert f'<a href="{original.get_absolute_url()}">How do I start door knocking?</a>' in html
    with pytest.raises(NotAllowed, match="duplicate"):
        posts.answer(make_user("late"), copy, BODY, now=NOW)


def test_reopening_a_duplicate_takes_answers_again(asker, answerer, privileged):
    original, copy = make_question(asker), make_question(answerer, "Starting out with door knocking?")
    posts.close_as_duplicate(privileged, copy, original, now=NOW)
    posts.reopen(privileged, copy, now=NOW)
    answer = posts.answer(make_user("late"), copy, BODY, now=NOW)
    assert (Question.objects.get(pk=copy.pk).duplicate_of, answer.question_id) == (None, copy.pk)


def test_a_question_cannot_duplicate_itself_or_a_closed_one(asker, privileged):
    first, second, third = (make_question(asker, f"Question {n} about hosts") for n in range(3))
    with pytest.raises(QaError, match="itself"):
        posts.close_as_duplicate(privileged, first, first, now=NOW)
    posts.close_as_duplicate(privileged, second, first, now=NOW)
    with pytest.raises(QaError, match="open, visible"):
        posts.close_as_duplicate(privileged, third, second, now=NOW)


def test_close_page_closes_with_the_originals_number(client, asker, privileged):
    original, copy = make_question(asker), make_question(asker, "Starting out with door knocking?")
    client.force_login(privileged)
    response = client.post(f"/questions/{copy.pk}/close/", {"original": original.pk})
    assert response.status_code == 302
    assert Question.objects.get(pk=copy.pk).duplicate_of_id == original.pk


def test_editing_keeps_revisions_with_a_diff_and_rollback(client, asker, tag):
    question = posts.ask(
        asker, "How do I start door knocking?", "First version of the body text.", "door knocking", now=NOW
    )
    posts.edit_question(
        asker,
        question,
        "How do I start door knocking?",
        "Second version of the body text.",
        "door knocking",
        "Clearer",
        now=NOW + dt.timedelta(hours=1),
    )
    second = Revision.objects.get(question=question, number=2)
    client.force_login(asker)
    html = client.get(f"/questions/revisions/{second.pk}/").content.decode()
    assert "-First version of the body text." in html
    assert "+Second version of the body text." in html
    first = Revision.objects.get(question=question, number=1)
    response = client.post(f"/questions/revisions/{first.pk}/rollback/")
    question.refresh_from_db()
    assert response.status_code == 302
    assert question.body == "First version of the body text."
    assert list(Revision.objects.filter(question=question).order_by("number").values_list("number", "summary")) == [
        (1, "Asked"),
        (2, "Clearer"),
        (3, "Rolled back to revision 1"),
    ]


def test_editing_someone_elses_answer_needs_100(asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    editor = set_score(make_user("editor"), 99)
    with pytest.raises(NotAllowed):
        posts.edit_answer(editor, answer, BODY, now=NOW)
    set_score(editor, 100)
    posts.edit_answer(editor, answer, BODY, now=NOW)
    assert list(Revision.objects.filter(answer=answer).values_list("editor__username", "number")) == [("editor", 1)]


def test_history_page_lists_revisions_newest_first(client, asker, tag):
    question = posts.ask(
        asker, "How do I start door knocking?", "First version of the body text.", "door knocking", now=NOW
    )
    posts.edit_question(asker, question, question.title, "Second version of the body.", "door knocking", now=NOW)
    html = client.get(f"/questions/question/{question.pk}/history/").content.decode()
    assert re.findall(r">Revision (\d+)</a>", html) == ["2", "1"]


def test_followers_get_an_email_on_a_new_answer_with_an_unsubscribe_link(
    asker, answerer, tag, django_capture_on_commit_callbacks
):
    question = posts.ask(
        asker, "How do I start door knocking?", "A body long enough to count.", "door knocking", now=NOW
    )
    tag_follower = make_user("tagfan")
    follows.follow(tag_follower, tag=tag, frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        posts.answer(answerer, question, BODY, now=NOW)
    assert [m.to for m in mail.outbox] == [["asker@example.org"]]
    assert "answerer answered" in mail.outbox[0].body
    assert "/questions/unsubscribe/" in mail.outbox[0].body
    assert list(PendingNotification.objects.values_list("user__username", "subject")) == [
        ("tagfan", "New answer: How do I start door knocking?")
    ]


def test_unsubscribe_link_stops_the_follow_without_signing_in(client, asker):
    question = make_question(asker)
    item = follows.follow(asker, question=question)
    url = follows.unsubscribe_url(item).replace("http://127.0.0.1:8000", "")
    assert client.get(url).status_code == 200
    assert Follow.objects.count() == 1
    client.post(url)
    assert Follow.objects.count() == 0
    assert client.get("/questions/unsubscribe/forged-token/").status_code == 404


def test_follow_button_follows_and_unfollows(client, asker, answerer):
    question = make_question(asker)
    client.force_login(answerer)
    client.post(f"/questions/{question.pk}/follow/", {"frequency": "daily"})
    assert list(Follow.objects.values_list("user__username", "frequency")) == [("answerer", "daily")]
    client.post(f"/questions/{question.pk}/follow/", {"action": "unfollow"})
    assert Follow.objects.count() == 0


def test_second_question_in_ten_minutes_answers_429_with_a_message(client, tag):
    client.force_login(make_user("newcomer"))
    data = {"body": "What do you do when it rains all week?", "tags": "door knocking"}
    client.post("/questions/ask/", {**data, "title": "Door knocking in the rain"})
    response = client.post("/questions/ask/", {**data, "title": "Door knocking in the snow"})
    assert response.status_code == 429
    assert "New members can ask 1 question every 10 minutes." in response.content.decode()
    assert Question.objects.count() == 1


def test_established_member_is_not_limited(tag):
    veteran = set_score(make_user("veteran"), 10)
    for n in range(3):
        posts.ask(veteran, f"Door knocking question {n}", "What do you do when it rains?", "door knocking", now=NOW)
    assert Question.objects.count() == 3


@override_settings(
    QA_RATE_LIMITS={
        "rating": (20, 86400),
        "question": (1, 600),
        "answer": (10, 3600),
        "comment": (30, 3600),
        "flag": (20, 86400),
    },
    QA_SERIAL_RATING_LIMIT=100,
)
def test_twenty_first_rating_in_a_day_is_refused_for_new_members(client, asker):
    newcomer = make_user("newcomer")
    questions = [make_question(asker, title=f"Question {n} about one-to-ones") for n in range(21)]
    for question in questions[:20]:
        ratings.rate(newcomer, question, Rating.POSITIVE)  # the page below uses the real clock too
    client.force_login(newcomer)
    response = client.post(f"/questions/rate/question/{questions[20].pk}/", {"value": "1"})
    assert response.status_code == 429
    assert "New members can give 20 ratings every day." in response.content.decode()
    assert Rating.objects.count() == 20


def test_rating_form_on_the_page_saves_and_self_rating_is_403(client, asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    client.force_login(asker)
    response = client.post(f"/questions/rate/answer/{answer.pk}/", {"value": "1", "feedback": "Useful"})
    assert response.status_code == 302
    client.force_login(answerer)
    assert client.post(f"/questions/rate/answer/{answer.pk}/", {"value": "1"}).status_code == 403
    assert list(Rating.objects.values_list("rater__username", "feedback")) == [("asker", "Useful")]


def test_comment_on_an_answer_shows_on_the_page(client, asker, answerer):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    client.force_login(asker)
    client.post(f"/questions/comment/answer/{answer.pk}/", {"body": "Which estate was this?"})
    assert list(Comment.objects.values_list("answer_id", "body")) == [(answer.pk, "Which estate was this?")]
    assert "Which estate was this?" in client.get(question.get_absolute_url()).content.decode()


def test_member_page_shows_figures_feedback_and_posts(client, asker, answerer, raters):
    question = make_question(asker, "How do I run a listening campaign?")
    answer = make_answer(question, answerer)
    for rater in raters[:3]:
        ratings.rate(rater, answer, Rating.POSITIVE, "Helpful", now=NOW)
    ratings.rate(raters[3], answer, Rating.NEGATIVE, "Too vague", now=NOW)
    response = client.get("/members/answerer/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>answerer</h1>" in html
    assert "<dt>Feedback score</dt><dd>2</dd>" in html
    assert "75% (3 good weeks and 1 bad week of ratings from other members)" in html
    assert html.count("Helpful") == 3
    assert "Too vague" in html
    assert "Answer to: How do I run a listening campaign?" in html
    assert client.get("/members/nobody-here/").status_code == 404


def test_author_badge_shows_score_star_and_percentage(client, asker):
    type(asker).objects.filter(pk=asker.pk).update(
        feedback_score=50, feedback_positive_weeks=39, feedback_negative_weeks=1
    )
    question = make_question(asker)
    html = client.get(question.get_absolute_url()).content.decode()
    assert 'aria-label="blue star"' in html
    assert "97.5%" in html
    assert '<span class="visually-hidden">feedback score</span> 50' in html


def test_author_badge_shows_a_dash_without_rated_weeks(client, asker):
    html = client.get(make_question(asker).get_absolute_url()).content.decode()
    assert '<span class="reputation__positive">–' in html
    assert "star--" not in html


def test_edit_pages_open_for_the_author_and_refuse_other_members(client, asker, answerer):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    client.force_login(asker)
    assert "<h1>Edit question</h1>" in client.get(f"/questions/{question.pk}/edit/").content.decode()
    assert client.get(f"/questions/answers/{answer.pk}/edit/").status_code == 403
    client.force_login(answerer)
    assert "<h1>Edit answer</h1>" in client.get(f"/questions/answers/{answer.pk}/edit/").content.decode()
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 403


def test_history_of_an_unknown_kind_is_not_found(client, asker):
    question = make_question(asker)
    assert client.get(f"/questions/banana/{question.pk}/history/").status_code == 404


def test_the_question_page_shows_whether_the_signed_in_member_follows_it(client, asker, answerer):
    question = make_question(asker)
    follows.follow(answerer, question=question)
    client.force_login(answerer)
    assert "You follow this question." in client.get(question.get_absolute_url()).content.decode()
    follows.follow(asker, tag=Tag.objects.create(name="pairs"))  # a tag followed is not the question followed
    client.force_login(asker)
    html = client.get(question.get_absolute_url()).content.decode()
    assert "You follow this question." not in html and "Follow: news comes to your inbox" in html
