"""Ratings at the same moment on PostgreSQL, in real threads: fifty members rating one answer, one
member rating one answer from many threads, one rater rating many answers of one member, and many
raters re-rating answers of two members. Every rating and point is counted once, and the stored
scores equal their recomputation (docs/adr/0031, 0082, 0083)."""

import random

import pytest
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from hub import roles
from qa import reputation
from qa.models import Answer, Rating
from qa.services import ratings
from tests.factories import make_user
from tests.qa.conftest import NOW, make_answer, make_question
from tests.threads import all_at_once

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
    errors = all_at_once(
        lambda rater: ratings.rate(rater, Answer.objects.get(pk=answer.pk), Rating.POSITIVE, now=NOW), raters
    )

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
    values = [1 if i % 2 else -1 for i in range(10)]
    errors = all_at_once(lambda value: ratings.rate(rater, Answer.objects.get(pk=answer.pk), value, now=NOW), values)

    answer.refresh_from_db()
    rating = Rating.objects.get(answer=answer)
    assert errors == []
    assert answer.rating_score == rating.value


def _assert_exact(posts, members) -> None:
    """Each post's score is the sum of its counted ratings; each member's figures their recomputation."""
    for post in posts:
        post.refresh_from_db()
        counted = Rating.objects.filter(answer=post, held=False).aggregate(total=Sum("value"))["total"] or 0
        assert post.rating_score == counted, post.pk
    for member in members:
        member.refresh_from_db()
        assert reputation.stored(member) == reputation.compute(member.pk, timezone.now()), member.username


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_rater_rating_many_answers_of_one_member_at_once_leaves_exact_figures():
    """The rater-week of one rater and one member is where deltas could collide: twelve ratings of
    twelve answers at once (two of them beyond the serial limit, held), then all replaced at once."""
    answerer, asker = make_user("answerer"), make_user("asker")
    answers = [make_answer(make_question(asker, f"Question {n}?"), answerer) for n in range(12)]
    rater = make_user("busy", role=roles.ORGANISER)
    ratings.recompute_all()  # figures stored for this window: every rating below moves them by deltas

    def rate(pair):
        answer, value = pair
        ratings.rate(rater, Answer.objects.get(pk=answer.pk), value)

    first = all_at_once(rate, [(answer, (1, 1, -1)[n % 3]) for n, answer in enumerate(answers)])
    assert first == []
    assert Rating.objects.filter(rater=rater, held=True).count() == 2
    _assert_exact(answers, [answerer])
    second = all_at_once(rate, [(answer, (-1, -1, 0)[n % 3]) for n, answer in enumerate(answers)])
    assert second == []
    _assert_exact(answers, [answerer])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_raters_rating_and_re_rating_answers_of_two_members_at_once_leave_exact_figures():
    """Twenty raters each rate four answers of two members in a random order, twice over with other
    values, all at once: every score and both members' figures equal their recomputation."""
    members = [make_user("first-author"), make_user("second-author")]
    asker = make_user("asker")
    answers = [make_answer(make_question(asker, f"Question {n}?"), members[n % 2]) for n in range(4)]
    raters = [make_user(f"rater{i}", role=roles.ORGANISER) for i in range(20)]
    ratings.recompute_all()
    rng = random.Random(31)
    plans = {
        rater: [(answer, rng.choice([1, 1, 0, -1])) for answer in rng.sample(answers, 4) for _ in range(2)]
        for rater in raters
    }

    def rate_all(rater):
        for answer, value in plans[rater]:
            ratings.rate(rater, Answer.objects.get(pk=answer.pk), value)

    errors = all_at_once(rate_all, raters)

    assert errors == []
    assert Rating.objects.count() == 80
    _assert_exact(answers, members)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rating_in_its_own_transaction_commits_without_waiting_for_the_disk_and_a_nested_one_does_not(monkeypatch):
    """docs/adr/0109: the rating's own transaction sets synchronous_commit off for itself only, in
    the statement that locks the recipient (no statement of its own); inside another write's
    transaction (an acceptance) the rating leaves that transaction's commit durable."""
    asker, answerer = make_user("asker"), make_user("answerer")
    first, second = (make_answer(make_question(asker, f"Question {n}?"), answerer) for n in range(2))
    rater = make_user("rater", role=roles.ORGANISER)
    sent, during = [], []
    read_before = ratings._read_before

    def record(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    def read_before_noting_the_setting(*args):
        during.append(_synchronous_commit())  # right after the recipient's lock
        return read_before(*args)

    monkeypatch.setattr(ratings, "_read_before", read_before_noting_the_setting)
    with connection.execute_wrapper(record):
        ratings.rate(rater, first, Rating.POSITIVE)
    assert during == ["off"]
    (lock,) = [sql for sql in sent if "account_emailaddress" in sql]  # the lock reads the rater's email too
    assert "set_config('synchronous_commit', 'off', true)" in lock
    assert lock.rstrip().endswith("FOR UPDATE")
    assert not [sql for sql in sent if sql.startswith("SET")]  # no statement of its own
    assert _synchronous_commit() == "on"  # it ended with the rating's transaction

    sent.clear()
    with connection.execute_wrapper(record), transaction.atomic():
        ratings.rate(rater, second, Rating.POSITIVE)
        assert _synchronous_commit() == "on"
    assert during == ["off", "on"]
    assert not [sql for sql in sent if "set_config" in sql or sql.startswith("SET")]
    assert Rating.objects.filter(rater=rater).count() == 2


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rating_holds_the_recipients_row_lock_from_its_first_statement_to_its_commit(monkeypatch):
    """docs/adr/0031: the statement that locks the recipient (which also reads the rater's email and
    sets the commit's mode) takes the row lock: another transaction cannot lock the row meanwhile."""
    asker, answerer = make_user("asker"), make_user("answerer")
    answer = make_answer(make_question(asker), answerer)
    rater = make_user("rater", role=roles.ORGANISER)
    seen = []
    read_before = ratings._read_before

    def read_before_trying_the_lock(*args):
        seen.extend(all_at_once(_lock_without_waiting, [answerer.pk]))  # another connection, meanwhile
        return read_before(*args)

    monkeypatch.setattr(ratings, "_read_before", read_before_trying_the_lock)
    ratings.rate(rater, answer, Rating.POSITIVE)

    assert [type(error).__name__ for error in seen] == ["OperationalError"]
    assert "could not obtain lock" in str(seen[0])
    assert all_at_once(_lock_without_waiting, [answerer.pk]) == []  # free again after the commit


def _lock_without_waiting(user_id: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute('SELECT 1 FROM "hub_user" WHERE "id" = %s FOR UPDATE NOWAIT', [user_id])
