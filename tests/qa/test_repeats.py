"""A repeated submission (double click, resent form, retried API call) stores one row and shows the
member the stored one: questions, answers and comments, by page and by API."""

import pytest
from rest_framework.test import APIClient

from hub.models import SubmissionToken
from qa.models import Answer, Comment, Question
from qa.services import posts
from tests.factories import make_user
from tests.qa.conftest import NOW, make_question

pytestmark = pytest.mark.django_db
ASK = {"title": "Door knocking in the rain", "body": "What do you do when it rains all week?", "tags": "door knocking"}


@pytest.fixture
def api():
    return APIClient()


def test_a_double_clicked_question_is_stored_once_and_the_member_sees_it(client, tag):
    client.force_login(make_user("newcomer"))
    form = {**ASK, "submission_token": "form-1234567890"}
    first = client.post("/questions/ask/", form)
    second = client.post("/questions/ask/", form, follow=True)
    question = Question.objects.get()
    assert (first.status_code, first["Location"]) == (302, question.get_absolute_url())
    assert second.redirect_chain[-1][0] == question.get_absolute_url()
    assert "You had already posted this a moment ago" in second.content.decode()


def test_the_same_question_sent_again_without_a_token_within_minutes_is_a_repeat(client, tag):
    client.force_login(make_user("newcomer"))
    client.post("/questions/ask/", ASK)
    response = client.post("/questions/ask/", ASK)
    assert response.status_code == 302  # not the new-account limit's 429: nothing new was posted
    assert Question.objects.count() == 1


def test_a_different_question_is_not_a_repeat(asker, tag, settings):
    settings.QA_NEW_ACCOUNT_SCORE = 0
    posts.ask(asker, "Door knocking in the rain", "What do you do when it rains?", "door knocking", now=NOW)
    posts.ask(asker, "Door knocking in the snow", "What do you do when it snows?", "door knocking", now=NOW)
    assert Question.objects.count() == 2


def test_the_same_text_after_the_window_is_a_new_question(asker, tag, settings):
    import datetime as dt

    settings.QA_NEW_ACCOUNT_SCORE = 0
    posts.ask(asker, "Door knocking in the rain", "What do you do when it rains?", "door knocking", now=NOW)
    later = NOW + dt.timedelta(seconds=settings.HUB_REPEAT_WINDOW_SECONDS + 1)
    again = posts.ask(asker, "Door knocking in the rain", "What do you do when it rains?", "door knocking", now=later)
    assert Question.objects.count() == 2
    assert not getattr(again, "is_repeat", False)


def test_a_double_clicked_answer_shows_the_stored_answer_not_an_error(client, asker):
    question = make_question(asker)
    client.force_login(make_user("answerer"))
    form = {"body": "Start with the neighbours you already know.", "submission_token": "answer-123456789"}
    client.post(f"/questions/{question.pk}/answer/", form)
    response = client.post(f"/questions/{question.pk}/answer/", form, follow=True)
    answer = Answer.objects.get()
    # straight to the page showing it (docs/adr/0111), not through its permalink
    assert response.redirect_chain[-1][0] == f"{question.get_absolute_url()}#answer-{answer.pk}"
    assert "You had already posted this a moment ago" in response.content.decode()
    assert "already answered" not in response.content.decode()


def test_a_double_clicked_comment_is_stored_once(client, asker):
    question = make_question(asker)
    client.force_login(make_user("commenter"))
    form = {"body": "Which street was this?", "submission_token": "comment-12345678"}
    responses = [client.post(f"/questions/comment/question/{question.pk}/", form) for _ in range(3)]
    comment = Comment.objects.get()
    assert [r["Location"] for r in responses] == [comment.get_absolute_url()] * 3
    assert SubmissionToken.objects.get().object_id == str(comment.pk)


def test_the_same_words_on_another_post_are_a_new_comment(client, asker):
    first, second = make_question(asker), make_question(asker, "How do we plan a house meeting?")
    client.force_login(make_user("commenter"))
    for question in (first, second):
        client.post(f"/questions/comment/question/{question.pk}/", {"body": "Thanks, this helps."})
    assert Comment.objects.count() == 2


def test_an_api_question_retried_with_the_same_idempotency_key_returns_the_stored_one(api, tag):
    api.force_authenticate(make_user("newcomer"))
    data = {"title": ASK["title"], "body": ASK["body"], "tags": ["door knocking"]}
    first = api.post("/api/v1/questions/", data, format="json", HTTP_IDEMPOTENCY_KEY="retry-0123456789")
    second = api.post("/api/v1/questions/", data, format="json", HTTP_IDEMPOTENCY_KEY="retry-0123456789")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"] == Question.objects.get().pk


def test_an_api_answer_and_comment_sent_twice_are_stored_once(api, asker):
    question = make_question(asker)
    api.force_authenticate(make_user("answerer"))
    answer_data = {"body": "Start with the neighbours you already know."}
    answers = f"/api/v1/questions/{question.pk}/answers/"
    codes = [api.post(answers, answer_data, format="json").status_code for _ in "ab"]
    comment_data = {"body": "Which street was this?"}
    url = f"/api/v1/comments/?question={question.pk}"
    codes += [api.post(url, comment_data, format="json").status_code for _ in "ab"]
    assert codes == [201, 200, 201, 200]
    assert (Answer.objects.count(), Comment.objects.count()) == (1, 1)


def test_every_forum_form_carries_a_submission_token(client, asker):
    question = make_question(asker)
    client.force_login(make_user("reader"))
    page = client.get(question.get_absolute_url()).content.decode()
    assert page.count('name="submission_token"') == 2  # the answer form and the question's comment form
    assert 'name="submission_token"' in client.get("/questions/ask/").content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_copies_of_one_comment_store_one_row():
    import threading

    from django.db import connection

    assert connection.vendor == "postgresql"
    question = make_question(make_user("asker"))
    commenter = make_user("commenter")
    barrier, errors, results = threading.Barrier(10), [], []

    def send():
        try:
            barrier.wait(timeout=30)
            results.append(posts.comment(commenter, Question.objects.get(pk=question.pk), "Which street was this?"))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Comment.objects.count() == 1
    assert sorted(getattr(item, "is_repeat", False) for item in results) == [False] + [True] * 9
