"""The forum's kinds of post, in one registry: addresses, the API and the admin name them the same way."""

import pytest

from qa import kinds
from qa.models import Answer, Comment, Question
from tests.qa.conftest import NOW, make_answer, make_question

pytestmark = pytest.mark.django_db


def test_keys_name_models_and_only_questions_and_answers_are_rated_posts():
    assert kinds.model_for("question") is Question
    assert kinds.model_for("comment") is Comment
    assert kinds.model_for("comment", rated_posts_only=True) is None
    assert kinds.model_for("rating") is None
    assert kinds.RATED_POST_KEYS == ("question", "answer")


def test_pointer_and_question_of_for_every_kind(asker, answerer):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    comment = Comment.objects.create(author=asker, answer=answer, body="Which estate?", created_at=NOW)
    assert kinds.pointer(question) == {"question": question}
    assert kinds.pointer(answer) == {"answer": answer}
    assert [kinds.question_of(item) for item in (question, answer, comment)] == [question, question, question]
    assert kinds.key_of(Answer.objects.get(pk=answer.pk)) == "answer"


def test_an_unknown_kind_in_an_address_is_404_for_pages_and_the_api(client, asker):
    question = make_question(asker)
    client.force_login(asker)
    assert client.get(f"/questions/rating/{question.pk}/history/").status_code == 404
    assert client.post(f"/questions/flag/rating/{question.pk}/").status_code == 404
    assert client.post(f"/api/v1/flags/rating/{question.pk}/", {"reason": "spam"}).status_code == 404
