"""Feedback score by rater-week, percentage positive over 12 months, stars, privileges, recompute."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from hub import feedback, roles
from qa import reputation
from qa.models import Rating
from qa.services import ratings
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question, set_score

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 6, 8, 0, 0, tzinfo=dt.UTC)  # start of ISO week 2026-W24
SUNDAY_LATE = dt.datetime(2026, 6, 7, 23, 59, tzinfo=dt.UTC)  # end of 2026-W23


def _answers(question_author, answerer, count):
    return [
        make_answer(make_question(question_author, title=f"Question number {i} about power maps"), answerer)
        for i in range(count)
    ]


def _figures(user):
    user.refresh_from_db()
    return (user.feedback_score, user.feedback_positive_weeks, user.feedback_negative_weeks)


def test_one_rater_counts_at_most_one_point_per_week(asker, answerer, raters):
    posts = _answers(asker, answerer, 3)
    for post in posts:
        ratings.rate(raters[0], post, Rating.POSITIVE, now=NOW)
    assert _figures(answerer) == (1, 1, 0)
    assert [p.rating_score for p in type(posts[0]).objects.order_by("pk")] == [1, 1, 1]


def test_same_rater_in_two_weeks_counts_twice(asker, answerer, raters):
    first, second = _answers(asker, answerer, 2)
    ratings.rate(raters[0], first, Rating.POSITIVE, now=SUNDAY_LATE)
    ratings.rate(raters[0], second, Rating.POSITIVE, now=MONDAY)
    assert _figures(answerer) == (2, 2, 0)


def test_week_boundary_is_monday_midnight_utc(asker, answerer, raters):
    first, second = _answers(asker, answerer, 2)
    ratings.rate(raters[0], first, Rating.POSITIVE, now=MONDAY)
    ratings.rate(raters[0], second, Rating.POSITIVE, now=MONDAY + dt.timedelta(days=6, hours=23, minutes=59))
    assert _figures(answerer) == (1, 1, 0)


def test_a_raters_week_counts_by_the_sign_of_its_sum(asker, answerer, raters):
    posts = _answers(asker, answerer, 3)
    ratings.rate(raters[0], posts[0], Rating.POSITIVE, now=NOW)
    ratings.rate(raters[0], posts[1], Rating.NEGATIVE, now=NOW)
    assert _figures(answerer) == (0, 0, 0)  # +1 - 1 = 0: the week scores nothing
    ratings.rate(raters[0], posts[2], Rating.NEGATIVE, now=NOW)
    assert _figures(answerer) == (-1, 0, 1)  # +1 - 1 - 1 < 0


def test_different_raters_in_one_week_each_count(asker, answerer, raters):
    post = _answers(asker, answerer, 1)[0]
    for rater in raters[:4]:
        ratings.rate(rater, post, Rating.POSITIVE, now=NOW)
    ratings.rate(raters[4], post, Rating.NEGATIVE, now=NOW)
    assert _figures(answerer) == (3, 4, 1)


def test_percentage_positive_uses_only_the_last_twelve_months(asker, answerer, raters):
    old, recent_a, recent_b = _answers(asker, answerer, 3)
    ratings.rate(raters[0], old, Rating.NEGATIVE, now=NOW - dt.timedelta(days=400))
    ratings.rate(raters[1], recent_a, Rating.POSITIVE, now=NOW - dt.timedelta(days=100))
    ratings.rate(raters[2], recent_b, Rating.POSITIVE, now=NOW - dt.timedelta(days=3))
    ratings.rate(raters[3], recent_b, Rating.NEGATIVE, now=NOW)
    # Score: -1 (old) +1 +1 -1 = 0; the old negative week is outside the 12 months: 2 positive, 1 negative.
    assert _figures(answerer) == (0, 2, 1)
    assert reputation.stored(answerer).percentage_positive == 66.7


def test_percentage_positive_is_none_without_rated_weeks():
    assert reputation.percentage_positive(0, 0) is None
    assert reputation.percentage_positive(3, 1) == 75.0
    assert reputation.percentage_positive(1, 0) == 100.0


def test_window_starts_with_the_week_a_year_ago():
    assert reputation.window_start(NOW) == dt.date(2025, 6, 9)  # 10 June 2025 is in the week of Monday 9 June


def test_recompute_ages_weeks_out_of_the_window_and_reports_the_change(asker, answerer, raters):
    post = _answers(asker, answerer, 1)[0]
    ratings.rate(raters[0], post, Rating.POSITIVE, now=NOW)
    assert _figures(answerer) == (1, 1, 0)
    out = StringIO()
    call_command("qa_recompute_reputation", now=(NOW + dt.timedelta(days=380)).isoformat(), stdout=out)
    assert _figures(answerer) == (1, 0, 0)
    assert "answerer: score 1 -> 1, positive weeks 1 -> 0, negative weeks 0 -> 0" in out.getvalue()
    assert "1 member(s) differed" in out.getvalue()


def test_recompute_repairs_a_tampered_stored_score(asker, answerer, raters):
    post = _answers(asker, answerer, 1)[0]
    ratings.rate(raters[0], post, Rating.POSITIVE, now=NOW)
    set_score(answerer, 999)
    out = StringIO()
    call_command("qa_recompute_reputation", now=NOW.isoformat(), stdout=out)
    assert _figures(answerer) == (1, 1, 0)
    assert "answerer: score 999 -> 1" in out.getvalue()


def test_recompute_with_nothing_changed_says_so(asker, answerer, raters):
    ratings.rate(raters[0], _answers(asker, answerer, 1)[0], Rating.POSITIVE, now=NOW)
    out = StringIO()
    call_command("qa_recompute_reputation", now=NOW.isoformat(), stdout=out)
    assert "Every stored figure matched the ratings." in out.getvalue()


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (9, None),
        (10, "yellow star"),
        (49, "yellow star"),
        (50, "blue star"),
        (100, "turquoise star"),
        (500, "purple star"),
        (1_000, "red star"),
        (4_999, "red star"),
        (5_000, "green star"),
        (10_000, "yellow shooting star"),
        (25_000, "turquoise shooting star"),
        (50_000, "purple shooting star"),
        (100_000, "red shooting star"),
        (500_000, "green shooting star"),
        (999_999, "green shooting star"),
        (1_000_000, "silver shooting star"),
        (-5, None),
    ],
)
def test_star_tiers_start_at_their_thresholds(score, expected):
    star = feedback.star_for(score)
    assert (star.name if star else None) == expected


@pytest.mark.parametrize(
    ("privilege", "threshold"),
    [
        (reputation.RATE_NEGATIVE, 5),
        (reputation.CREATE_TAGS, 25),
        (reputation.EDIT_OTHERS, 100),
        (reputation.CLOSE_DUPLICATES, 250),
    ],
)
def test_privileges_open_at_their_default_scores(privilege, threshold):
    user = make_user("climber")
    set_score(user, threshold - 1)
    assert reputation.has_privilege(user, privilege) is False
    set_score(user, threshold)
    assert reputation.has_privilege(user, privilege) is True


@pytest.mark.parametrize("role", [roles.ORGANISER, roles.MODERATOR])
def test_organisers_and_moderators_hold_every_privilege(role):
    user = make_user("staffer", role=role)
    assert [reputation.has_privilege(user, p) for p in reputation.PRIVILEGE_LABELS] == [True, True, True, True]


@override_settings(QA_PRIVILEGES={"rate_negative": 1, "create_tags": 2, "edit_others": 3, "close_duplicates": 4})
def test_privilege_thresholds_come_from_settings():
    user = set_score(make_user("configured"), 3)
    assert reputation.has_privilege(user, reputation.EDIT_OTHERS) is True
    assert reputation.has_privilege(user, reputation.CLOSE_DUPLICATES) is False
