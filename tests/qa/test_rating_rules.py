"""Who may rate what, replacement, acceptance, and the database's own guarantees."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from qa.models import Question, Rating
from qa.services import posts, ratings
from qa.services.errors import NotAllowed, QaError
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question, set_score

pytestmark = pytest.mark.django_db


def test_positive_rating_of_an_answer_gives_its_author_one_point(asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    ratings.rate(raters[0], answer, Rating.POSITIVE, "Clear and kind", now=NOW)
    answerer.refresh_from_db()
    answer.refresh_from_db()
    assert (answerer.feedback_score, answerer.feedback_positive_weeks, answerer.feedback_negative_weeks) == (1, 1, 0)
    assert answer.rating_score == 1
    assert Rating.objects.get().feedback == "Clear and kind"


def test_rating_own_answer_is_refused(asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    with pytest.raises(NotAllowed, match="your own post"):
        ratings.rate(answerer, answer, Rating.POSITIVE, now=NOW)
    assert Rating.objects.count() == 0


def test_database_refuses_a_self_rating_even_without_the_service(asker):
    question = make_question(asker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(rater=asker, recipient=asker, question=question, value=1, created_at=NOW, updated_at=NOW)


def test_database_refuses_a_second_rating_row_for_the_same_post(asker, answerer):
    question = make_question(asker)
    Rating.objects.create(rater=answerer, recipient=asker, question=question, value=1, created_at=NOW, updated_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(
            rater=answerer, recipient=asker, question=question, value=0, created_at=NOW, updated_at=NOW
        )


def test_rating_again_replaces_the_earlier_rating(asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    ratings.rate(raters[0], answer, Rating.POSITIVE, now=NOW)
    ratings.rate(raters[0], answer, Rating.NEGATIVE, "Out of date", now=NOW + dt.timedelta(hours=1))
    answer.refresh_from_db()
    answerer.refresh_from_db()
    assert Rating.objects.count() == 1
    assert answer.rating_score == -1
    assert (answerer.feedback_score, answerer.feedback_positive_weeks, answerer.feedback_negative_weeks) == (-1, 0, 1)


def test_replaced_rating_moves_to_the_week_it_was_changed(asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    rating = ratings.rate(raters[0], answer, Rating.POSITIVE, now=NOW - dt.timedelta(days=30))
    ratings.rate(raters[0], answer, Rating.NEUTRAL, now=NOW)
    rating.refresh_from_db()
    answerer.refresh_from_db()
    assert rating.updated_at == NOW
    assert rating.created_at == NOW - dt.timedelta(days=30)
    assert answerer.feedback_score == 0


def test_neutral_rating_scores_nothing(asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    ratings.rate(raters[0], answer, Rating.NEUTRAL, now=NOW)
    answerer.refresh_from_db()
    assert (answerer.feedback_score, answerer.feedback_positive_weeks, answerer.feedback_negative_weeks) == (0, 0, 0)


def test_feedback_line_over_80_characters_is_refused(asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    with pytest.raises(QaError, match="80 characters"):
        ratings.rate(raters[0], answer, Rating.POSITIVE, "x" * 81, now=NOW)
    ratings.rate(raters[0], answer, Rating.POSITIVE, "x" * 80, now=NOW)
    assert Rating.objects.get().feedback == "x" * 80


def test_member_without_confirmed_email_cannot_rate(asker):
    unconfirmed = make_user("unconfirmed", verified=False)
    question = make_question(asker)
    with pytest.raises(NotAllowed, match="Confirm your email"):
        ratings.rate(unconfirmed, question, Rating.POSITIVE, now=NOW)


def test_negative_rating_needs_a_score_of_five(asker, answerer):
    question = make_question(asker)
    set_score(answerer, 4)
    with pytest.raises(NotAllowed, match="feedback score of 5"):
        ratings.rate(answerer, question, Rating.NEGATIVE, now=NOW)
    set_score(answerer, 5)
    ratings.rate(answerer, question, Rating.NEGATIVE, now=NOW)
    assert Rating.objects.get().value == -1


def test_organiser_may_rate_negatively_with_no_score(asker, privileged):
    ratings.rate(privileged, make_question(asker), Rating.NEGATIVE, now=NOW)
    assert Rating.objects.get().value == -1


def test_accepting_an_answer_counts_as_the_askers_positive_rating(asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    posts.accept(asker, answer, now=NOW)
    rating = Rating.objects.get()
    answerer.refresh_from_db()
    answer.refresh_from_db()
    assert (rating.rater, rating.answer, rating.value, rating.from_acceptance) == (asker, answer, 1, True)
    assert answerer.feedback_score == 1
    assert answer.rating_score == 1
    assert Question.objects.get().accepted_answer == answer


def test_changing_the_accepted_answer_moves_the_positive_rating(asker, answerer, raters):
    question = make_question(asker)
    first = make_answer(question, answerer)
    second = make_answer(question, raters[0])
    posts.accept(asker, first, now=NOW)
    posts.accept(asker, second, now=NOW + dt.timedelta(minutes=5))
    answerer.refresh_from_db()
    raters[0].refresh_from_db()
    assert list(Rating.objects.values_list("answer_id", "value")) == [(second.pk, 1)]
    assert (answerer.feedback_score, raters[0].feedback_score) == (0, 1)
    assert Question.objects.get().accepted_answer == second


def test_only_the_asker_can_accept(asker, answerer, raters):
    answer = make_answer(make_question(asker), answerer)
    with pytest.raises(NotAllowed, match="Only the person who asked"):
        posts.accept(raters[0], answer, now=NOW)
    assert Question.objects.get().accepted_answer is None


def test_accepting_own_answer_gives_no_rating(asker):
    answer = make_answer(make_question(asker), asker)
    posts.accept(asker, answer, now=NOW)
    assert Rating.objects.count() == 0
    assert Question.objects.get().accepted_answer == answer


def test_explicit_rating_after_acceptance_replaces_the_acceptance_rating(asker, answerer):
    answer = make_answer(make_question(asker), answerer)
    posts.accept(asker, answer, now=NOW)
    ratings.rate(asker, answer, 0, "Works, but long", now=NOW + dt.timedelta(days=1))
    rating = Rating.objects.get()
    assert (rating.value, rating.from_acceptance, rating.feedback) == (0, False, "Works, but long")
