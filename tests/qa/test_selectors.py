"""The forum's selectors used by other parts of the hub: visible content, fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import roles
from qa import reputation, selectors
from qa.models import Follow, Question, Rating
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question

pytestmark = pytest.mark.django_db


def _queries(func, *args):
    """Queries of the home page's lists: titles, answer counts and authors (the home page shows no tags)."""
    with CaptureQueriesContext(connection) as context:
        result = func(*args)
        for item in result:
            item.author.public_name  # noqa: B018 - touching the author must cost no query
    return len(context.captured_queries), result


def test_home_selectors_return_visible_questions_with_a_fixed_query_count(asker, answerer):
    answered = make_question(asker, "An answered question about hosts")
    make_answer(answered, answerer)
    unanswered = make_question(asker, "An unanswered question about rotas")
    hidden = make_question(asker, "A hidden question about spam")
    Question.objects.filter(pk=hidden.pk).update(hidden_at=NOW)
    few, result = _queries(selectors.home_unanswered_questions, 5)
    assert [q.pk for q in result] == [unanswered.pk]
    for i in range(8):
        make_question(asker, f"Another unanswered question {i}")
    many, result = _queries(selectors.home_recent_questions, 20)
    assert len(result) == 10
    assert few == many == 1
    assert hidden.pk not in [q.pk for q in result]


def test_activity_for_user_lists_their_visible_posts_and_reputation(asker, answerer):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    activity = selectors.activity_for_user(answerer, limit=5)
    assert activity["questions"] == []
    assert [a.pk for a in activity["answers"]] == [answer.pk]
    assert (activity["reputation"].score, activity["reputation"].percentage_positive) == (0, None)
    assert [q.pk for q in selectors.activity_for_user(asker)["questions"]] == [question.pk]


def test_flag_listing_in_the_wagtail_admin_for_moderators(client, moderator, asker):
    from qa.services import moderation

    moderation.flag(asker, make_question(asker), "spam", now=NOW)
    client.force_login(moderator)
    response = client.get("/admin/qa_flags/")
    assert response.status_code == 200
    assert "Spam flag on question" in response.content.decode()


def test_the_question_pages_statement_kept_per_connection_reads_each_viewers_own_marks(asker, answerer):
    """question_for_page compiles its statement once per connection and shape, with placeholder ids:
    each viewer in turn gets their own follow, answer and rating marks, and the author without a query."""
    reader = make_user("reader")
    question = make_question(asker, "A question read by three members in turn")
    answer = make_answer(question, answerer)
    Follow.objects.create(user=reader, question=question)
    Rating.objects.create(rater=reader, recipient=answerer, answer=answer, value=1, created_at=NOW, updated_at=NOW)
    expected = {asker: (False, None, False), answerer: (False, answer.pk, False), reader: (True, None, True)}
    for viewer in expected:
        reputation.is_moderator(viewer)  # roles are read once per member object, before the page's query
    for _ in range(2):
        for viewer, marks in expected.items():
            with CaptureQueriesContext(connection) as context:
                found = selectors.question_for_page(question.pk, viewer)
                assert found.author.username == "asker"
            assert len(context.captured_queries) == 1
            assert (found.viewer_follows, found.viewer_answer_id, found.viewer_rated) == marks
    Question.objects.filter(pk=question.pk).update(hidden_at=NOW)
    with pytest.raises(Question.DoesNotExist):
        selectors.question_for_page(question.pk, reader)
    assert selectors.question_for_page(question.pk, make_user("mod", role=roles.MODERATOR)).pk == question.pk
