"""Stored scores always equal their recomputation (docs/adr/0082): after a rater's account is deleted,
a post hidden, a serial rating reviewed; held ratings count nowhere until approved; locked and closed
questions take no ratings. The last test checks the invariant over random sequences (hypothesis)."""

import contextlib
import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from hub import roles
from hub.models import ModerationEntry
from qa import reputation
from qa.models import Answer, Question, Rating
from qa.services import moderation, posts, ratings
from qa.services.errors import NotAllowed, QaError
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question


def counted(post) -> int:
    field = "question" if isinstance(post, Question) else "answer"
    return Rating.objects.filter(held=False, **{field: post}).aggregate(total=Sum("value"))["total"] or 0


def assert_stored_equals_recomputed(now: dt.datetime | None = None) -> None:
    """Every post's score is the sum of its counted ratings; every member's figures are their
    recomputation for the window they were stored for (`feedback_window_start`, set by every rating),
    or for `now` when none is stored."""
    now = now or timezone.now()
    for model in (Question, Answer):
        for post in model.objects.all():
            assert post.rating_score == counted(post), f"{model.__name__} {post.pk}"
    for user in get_user_model().objects.all():
        assert reputation.stored(user) == reputation.compute(user.pk, _moment_of(user, now)), user.username


def _moment_of(user, now: dt.datetime) -> dt.datetime:
    """A moment whose 12-month window starts with the member's stored window start."""
    start = user.feedback_window_start
    if start is None:
        return now
    return dt.datetime.combine(start, dt.time(12), tzinfo=dt.UTC) + dt.timedelta(days=365)


@pytest.mark.django_db
def test_deleting_a_rater_takes_their_ratings_out_of_scores(asker, answerer, raters):
    question = make_question(asker)
    answer = make_answer(question, answerer)
    for rater in raters[:3]:
        ratings.rate(rater, answer, Rating.POSITIVE)
    ratings.rate(raters[0], question, Rating.POSITIVE)
    raters[0].delete()
    raters[1].delete()
    answer.refresh_from_db()
    answerer.refresh_from_db()
    asker.refresh_from_db()
    assert (answer.rating_score, answerer.feedback_score, asker.feedback_score) == (1, 1, 0)
    assert_stored_equals_recomputed()


@pytest.mark.django_db
@override_settings(QA_SERIAL_RATING_LIMIT=1)
def test_held_ratings_count_nowhere_until_approved(client, asker, raters, moderator):
    first, second = make_question(asker, "First question about meetings"), make_question(asker, "Second question")
    ratings.rate(raters[0], first, Rating.POSITIVE, "Useful")
    held = ratings.rate(raters[0], second, Rating.POSITIVE, "Held feedback line")
    assert held.held is True
    second.refresh_from_db()
    asker.refresh_from_db()
    assert (second.rating_score, asker.feedback_score) == (0, 1)
    page = client.get(f"/members/{asker.username}/").content.decode()
    api = client.get(f"/api/v1/ratings/?member={asker.username}").json()
    assert "Useful" in page and "Held feedback line" not in page
    assert [row["feedback"] for row in api["results"]] == ["Useful"]
    ratings.review_held(moderator, held, approve=True)
    second.refresh_from_db()
    assert second.rating_score == 1
    assert "Held feedback line" in client.get(f"/members/{asker.username}/").content.decode()
    assert ModerationEntry.objects.get().action == ModerationEntry.APPROVE_RATING
    assert_stored_equals_recomputed()


@pytest.mark.django_db
@override_settings(QA_SERIAL_RATING_LIMIT=1)
def test_a_rejected_held_rating_never_counts(asker, raters, moderator):
    ratings.rate(raters[0], make_question(asker, "First question about meetings"), Rating.POSITIVE)
    held = ratings.rate(raters[0], make_question(asker, "Second question"), Rating.NEGATIVE)
    ratings.review_held(moderator, held, approve=False)
    held.refresh_from_db()
    assert (held.held, held.reviewed_by) == (True, moderator)
    assert counted(held.question) == 0
    assert_stored_equals_recomputed()


@pytest.mark.django_db
def test_locked_and_closed_questions_take_no_ratings(client, asker, answerer, raters, moderator, privileged):
    locked = make_question(asker, "A locked question about rotas")
    answer = make_answer(locked, answerer)
    moderation.lock(moderator, locked)
    for post in (locked, answer):
        with pytest.raises(NotAllowed, match="locked"):
            ratings.rate(raters[0], post, Rating.POSITIVE)
    original = make_question(answerer, "The original question about rotas")
    closed = make_question(asker, "A duplicate question about rotas")
    posts.close_as_duplicate(privileged, closed, original)
    with pytest.raises(NotAllowed, match="closed as a duplicate"):
        ratings.rate(raters[0], closed, Rating.POSITIVE)
    client.force_login(raters[1])
    response = client.post(f"/questions/rate/question/{locked.pk}/", {"value": "1"})
    assert response.status_code == 403
    api = client.post("/api/v1/ratings/", {"post_type": "question", "post_id": closed.pk, "value": 1})
    assert api.status_code == 403 and "closed" in api.json()["detail"]
    assert Rating.objects.count() == 0


@pytest.mark.django_db
def test_hiding_a_post_keeps_stored_scores_equal_to_the_recomputation(asker, answerer, raters, moderator):
    answer = make_answer(make_question(asker), answerer)
    ratings.rate(raters[0], answer, Rating.NEGATIVE)
    moderation.hide(moderator, answer, "Spam")
    answerer.refresh_from_db()
    assert answerer.feedback_score == -1  # hiding is not a way out of negative feedback (ADR 0082)
    assert_stored_equals_recomputed()


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["rate", "rate", "rate", "unrate", "delete", "hide", "review"]),
        st.integers(0, 3),  # which rater
        st.integers(0, 3),  # which post
        st.sampled_from([Rating.POSITIVE, Rating.NEUTRAL, Rating.NEGATIVE]),
        # Days the clock moves before the step: the same week, the next, or far enough that the
        # 12-month window turns past earlier ratings.
        st.sampled_from([0, 0, 0, 1, 6, 30, 200]),
    ),
    max_size=14,
)


@override_settings(QA_SERIAL_RATING_LIMIT=2)
class StoredScoresProperty(HypothesisTestCase):
    """Random sequences of rate, unrate (withdraw), delete a rater, hide a post and review a held rating,
    while the clock moves on by days, weeks or months (so the 12-month window turns past ratings)."""

    @classmethod
    def setUpTestData(cls):
        cls.moderator = make_user("prop-moderator", role=roles.MODERATOR)
        authors = [make_user("prop-author-a"), make_user("prop-author-b")]
        question_a = make_question(authors[0], "Question from the first author")
        question_b = make_question(authors[1], "Question from the second author")
        cls.post_keys = [
            ("question", question_a.pk),
            ("question", question_b.pk),
            ("answer", make_answer(question_a, authors[1]).pk),
            ("answer", make_answer(question_b, authors[0]).pk),
        ]
        cls.rater_ids = [make_user(f"prop-rater-{i}", role=roles.ORGANISER).pk for i in range(4)]

    def _post(self, index: int):
        kind, pk = self.post_keys[index]
        return (Question if kind == "question" else Answer).objects.filter(pk=pk).first()

    def _apply(self, operation, rater_index, post_index, value, now) -> None:
        rater = get_user_model().objects.filter(pk=self.rater_ids[rater_index]).first()
        post = self._post(post_index)
        if rater is None or post is None:
            return
        field = "question" if isinstance(post, Question) else "answer"
        if operation == "rate":
            ratings.rate(rater, post, value, now=now)
        elif operation == "unrate":
            existing = Rating.objects.filter(rater=rater, **{field: post}).first()
            if existing:
                ratings.withdraw(existing, now=now)
        elif operation == "delete":
            rater.delete()
        elif operation == "hide" and not post.is_hidden:
            moderation.hide(self.moderator, post, "Checked by the property test")
        elif operation == "review":
            waiting = Rating.objects.filter(held=True, reviewed_at__isnull=True).order_by("pk").first()
            if waiting:
                ratings.review_held(self.moderator, waiting, approve=value >= 0, now=now)

    @hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OPERATIONS)
    def test_stored_scores_always_equal_the_recomputation(self, operations):
        now = timezone.now()
        for *operation, days in operations:
            now += dt.timedelta(days=days, hours=days and 5)
            # A refused action (a hidden post, say) changes nothing, which the check below proves.
            with contextlib.suppress(QaError):
                self._apply(*operation, now)
            assert_stored_equals_recomputed(now)
