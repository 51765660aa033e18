"""A rating costs the same SQL statements whatever the recipient's history (docs/adr/0083): the
post's score and the member's figures move by deltas, read from the rater's few ratings of this
week and of the replaced rating's week, never from everything the member received."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub import roles
from qa import reputation
from qa.models import Rating
from qa.services import ratings
from tests.factories import make_user
from tests.qa.conftest import make_answer, make_question, set_score

pytestmark = pytest.mark.django_db

# What one rating through the API costs, counted with what runs on commit: the member and their
# roles, the post with its question, the recipient's lock (which also reads whether the rater's
# email is confirmed), the rater's earlier ratings of the recipient, the insert, the post's score,
# the inbox message, the recipient's figures with their unread count in the same update (ADR 0109),
# and the transaction's own statements (here a savepoint and its release; a rating in its own
# transaction sends neither, and on PostgreSQL sets synchronous_commit in its lock, ADR 0109).
NEW_RATING = 10
# Replacing a rating given in an earlier week reads that week's ratings too.
REPLACED_FROM_AN_EARLIER_WEEK = NEW_RATING + 1


def _member_with_history(name: str, weeks: int, now: dt.datetime):
    """A member whose answers were rated by 8 raters in each of `weeks` weeks, figures stored."""
    member = make_user(name)
    raters = [make_user(f"{name}-fan{i}") for i in range(8)]
    answers = [make_answer(make_question(raters[0], f"{name} question {n}?"), member) for n in range(weeks)]
    rows = [
        Rating(
            rater=rater,
            recipient=member,
            answer=answer,
            value=(1, 1, -1)[(week + i) % 3],
            created_at=now - dt.timedelta(weeks=week + 1),
            updated_at=now - dt.timedelta(weeks=week + 1),
        )
        for week, answer in enumerate(answers)
        for i, rater in enumerate(raters)
    ]
    Rating.objects.bulk_create(rows)
    ratings.refresh_reputation(member.pk, now)
    return member, answers


def _rate(client, django_capture_on_commit_callbacks, answer, value: int) -> int:
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/ratings/",
            {"post_type": "answer", "post_id": answer.pk, "value": value},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    return len(queries)


@pytest.fixture
def rater(client):
    member = set_score(make_user("steady-rater"), 50)  # past the newcomers' limits
    client.force_login(member)
    return member


def test_a_rating_costs_the_same_queries_for_a_member_with_no_history_as_for_one_with_240_ratings(
    client, rater, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # kept, not run
    now = timezone.now()
    newcomer, (first,) = _member_with_history("newcomer", 1, now)
    veteran, answers = _member_with_history("veteran", 30, now)
    assert Rating.objects.filter(recipient=veteran).count() == 240

    costs = [_rate(client, django_capture_on_commit_callbacks, answer, 1) for answer in (first, answers[0])]

    assert costs == [NEW_RATING, NEW_RATING]
    for member in (newcomer, veteran):
        member.refresh_from_db()
        assert reputation.stored(member) == reputation.compute(member.pk, timezone.now())


def test_replacing_a_rating_from_an_earlier_week_costs_one_read_more_whatever_the_history(
    client, rater, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    now = timezone.now()
    member, answers = _member_with_history("veteran", 30, now)
    earlier = now - dt.timedelta(weeks=3)
    for answer in answers[:2]:
        ratings.rate(rater, answer, Rating.POSITIVE, now=earlier)
    ratings.refresh_reputation(member.pk, now)  # stored for today's window, as the nightly rebuild leaves it

    costs = [_rate(client, django_capture_on_commit_callbacks, answer, -1) for answer in answers[:2]]

    assert costs == [REPLACED_FROM_AN_EARLIER_WEEK, REPLACED_FROM_AN_EARLIER_WEEK]
    member.refresh_from_db()
    assert reputation.stored(member) == reputation.compute(member.pk, timezone.now())
    assert reputation.stored(member).score == reputation.compute(member.pk, now).score


def test_a_rating_after_the_window_moved_recounts_the_member_and_stores_the_new_window(rater):
    """Figures stored for last year's window are not moved by deltas: the oldest week must leave them."""
    member = make_user("returning")
    old, recent = (make_answer(make_question(rater, f"Question {n}?"), member) for n in range(2))
    then = timezone.now() - dt.timedelta(days=380)
    ratings.rate(rater, old, Rating.POSITIVE, now=then)
    member.refresh_from_db()
    assert (reputation.stored(member), member.feedback_window_start) == (
        reputation.Figures(1, 1, 0),
        reputation.window_start(then),
    )

    now = timezone.now()
    ratings.rate(make_user("another", role=roles.ORGANISER), recent, Rating.POSITIVE, now=now)

    member.refresh_from_db()
    assert reputation.stored(member) == reputation.Figures(2, 1, 0)  # last year's week left the count
    assert member.feedback_window_start == reputation.window_start(now)
