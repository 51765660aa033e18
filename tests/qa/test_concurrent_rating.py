"""Fifty members rate the same answer at the same moment: every rating and point is counted once."""

import threading

import pytest
from django.db import connection

from hub import roles
from qa.models import Answer, Rating
from qa.services import ratings
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question

RATERS = 50


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """Transactional tests flush the groups the roles migration made: make them again."""
    from django.contrib.auth.models import Group

    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_ratings_of_one_answer_are_all_counted():
    assert connection.vendor == "postgresql"
    asker, answerer = make_user("asker"), make_user("answerer")
    answer = make_answer(make_question(asker), answerer)
    raters = [make_user(f"concurrent{i}", role=roles.ORGANISER) for i in range(RATERS)]
    barrier = threading.Barrier(RATERS)
    errors: list[BaseException] = []

    def rate(rater):
        try:
            barrier.wait(timeout=30)
            ratings.rate(rater, Answer.objects.get(pk=answer.pk), Rating.POSITIVE, now=NOW)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(rater,)) for rater in raters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    answer.refresh_from_db()
    answerer.refresh_from_db()
    assert errors == []
    assert Rating.objects.filter(answer=answer).count() == 50
    assert answer.rating_score == 50
    assert (answerer.feedback_score, answerer.feedback_positive_weeks, answerer.feedback_negative_weeks) == (50, 50, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_member_rating_the_same_answer_from_many_threads_keeps_one_row():
    asker, answerer = make_user("asker"), make_user("answerer")
    answer = make_answer(make_question(asker), answerer)
    rater = make_user("eager", role=roles.ORGANISER)
    barrier = threading.Barrier(10)
    errors: list[BaseException] = []

    def rate(value):
        try:
            barrier.wait(timeout=30)
            ratings.rate(rater, Answer.objects.get(pk=answer.pk), value, now=NOW)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=rate, args=(1 if i % 2 else -1,)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    answer.refresh_from_db()
    rating = Rating.objects.get(answer=answer)
    assert errors == []
    assert answer.rating_score == rating.value
