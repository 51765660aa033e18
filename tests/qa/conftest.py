"""Shared helpers for the Q&A forum's tests: a fixed clock and plain builders of posts."""

import datetime as dt

import pytest
from taggit.models import Tag

from hub import roles
from qa.models import Answer, Question
from tests.factories import make_user

# A Wednesday: ISO week 2026-W24 runs from Monday 8 June to Sunday 14 June 2026.
NOW = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.UTC)


def make_question(author, title="How do I start door knocking?", body="A body long enough to count.", *, at=NOW):
    question = Question.objects.create(
        author=author, title=title, body=body, created_at=at, updated_at=at, last_activity_at=at
    )
    return question


def make_answer(question, author, body="An answer long enough to count.", *, at=NOW):
    answer = Answer.objects.create(question=question, author=author, body=body, created_at=at, updated_at=at)
    Question.objects.filter(pk=question.pk).update(answer_count=question.answers.count())
    return answer


def set_score(user, score: int):
    """Give a member a stored feedback score (privileges and limits read it)."""
    type(user).objects.filter(pk=user.pk).update(feedback_score=score)
    user.refresh_from_db()
    return user


@pytest.fixture
def asker(db):
    return make_user("asker")


@pytest.fixture
def answerer(db):
    return make_user("answerer")


@pytest.fixture
def raters(db):
    """Five organisers: they may give negative ratings and are not rate-limited, with honest scores of 0."""
    return [make_user(f"rater{i}", role=roles.ORGANISER) for i in range(5)]


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="door knocking")


@pytest.fixture
def privileged(db):
    return make_user("privileged", role=roles.ORGANISER)
