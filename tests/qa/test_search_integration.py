"""The forum keeps the hub's search index in step: new posts, ratings, acceptance and hiding."""

import datetime as dt

import pytest
from wagtail.search import index

from qa.models import Question, Rating
from qa.services import moderation, posts, ratings
from search import services
from search.backends.base import Filters
from search.models import IndexEntry
from tests.qa.conftest import NOW
from tests.queue import rows as queue_rows
from tests.queue import run_queue

pytestmark = pytest.mark.django_db


def _entry(kind, pk):
    return IndexEntry.objects.filter(kind=kind, object_id=pk).first()


def test_asked_question_and_answer_are_indexed_with_their_facts(
    asker, answerer, raters, tag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = posts.ask(
            asker, "How do I start door knocking?", "Where do I begin on my street?", "door knocking", now=NOW
        )
        answer = posts.answer(answerer, question, "Knock in pairs and keep a simple sheet of notes.", now=NOW)
        ratings.rate(raters[0], answer, Rating.POSITIVE, now=NOW)
        posts.accept(asker, answer, now=NOW)
    question_entry, answer_entry = _entry("question", question.pk), _entry("answer", answer.pk)
    assert (question_entry.title, question_entry.answered, question_entry.accepted) == (question.title, True, True)
    assert question_entry.rating_score == 2  # the question's 0 plus its answer's 2
    assert question_entry.tags.splitlines() == ["door knocking"]
    assert (answer_entry.parent_title, answer_entry.parent_url) == (question.title, question.get_absolute_url())
    # Two raters in one week: rater0 and the asker (by accepting).
    assert (answer_entry.accepted, answer_entry.rating_score, answer_entry.author_score) == (True, 2, 2)


def test_hidden_answer_leaves_the_index_and_returns_when_restored(
    asker, answerer, moderator, tag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = posts.ask(
            asker, "How do I start door knocking?", "Where do I begin on my street?", "door knocking", now=NOW
        )
        answer = posts.answer(answerer, question, "Buy cheap sunglasses from my shop today.", now=NOW)
    assert _entry("answer", answer.pk) is not None
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(moderator, answer, "Spam", now=NOW)
    assert _entry("answer", answer.pk) is None
    assert _entry("question", question.pk).answered is False
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore(moderator, answer, now=NOW)
    assert _entry("answer", answer.pk) is not None


def test_questions_are_found_through_the_hubs_search_and_not_wagtails(
    asker, tag, settings, django_capture_on_commit_callbacks
):
    settings.QA_NEW_ACCOUNT_SCORE = 0  # not a test of the new-account limits: the asker asks twice
    with django_capture_on_commit_callbacks(execute=True):
        question = posts.ask(
            asker, "How do I start door knocking?", "Where do I begin on my street?", "door knocking", now=NOW
        )
        posts.ask(
            asker,
            "Who should go to Action Camp?",
            "We have two places to fill this spring.",
            "door knocking",
            now=NOW + dt.timedelta(hours=1),
        )

    hits = services.search("begin street", Filters(kinds=("question",))).hits

    assert [hit.object_id for hit in hits] == [question.pk]
    assert not issubclass(Question, index.Indexed)  # nothing reads Wagtail's index of questions


def test_a_rating_that_moves_the_authors_score_refreshes_all_their_posts_in_the_index(
    asker, answerer, raters, tag, django_capture_on_commit_callbacks, settings
):
    settings.QA_NEW_ACCOUNT_SCORE = 0  # not a test of the new-account limits: the asker asks twice
    with django_capture_on_commit_callbacks(execute=True):
        first = posts.ask(
            asker, "How do I start door knocking?", "Where do I begin on my street?", "door knocking", now=NOW
        )
        second = posts.ask(
            asker,
            "How do we run a house meeting?",
            "Who should host it and where?",
            "door knocking",
            now=NOW + dt.timedelta(minutes=11),
        )
    assert _entry("question", second.pk).author_score == 0
    with django_capture_on_commit_callbacks(execute=True):
        ratings.rate(raters[0], first, Rating.POSITIVE, now=NOW)
    asker.refresh_from_db()
    assert asker.feedback_score == 1
    assert (_entry("question", first.pk).author_score, _entry("question", second.pk).author_score) == (1, 1)


def _waiting_author_refreshes() -> list:
    return [row.args_kwargs["args"] for row in queue_rows("refresh_author_content") if row.status == "READY"]


def _indexed_question(asker, capture_on_commit):
    """A question asked and its index entry written by the queue's tasks."""
    with capture_on_commit(execute=True):
        question = posts.ask(
            asker, "How do I start door knocking?", "Where do I begin on my street?", "door knocking", now=NOW
        )
    run_queue()
    return question


def test_a_burst_of_ratings_of_one_author_leaves_one_waiting_refresh_which_writes_the_final_score(
    asker, raters, tag, database_queue, django_capture_on_commit_callbacks
):
    question = _indexed_question(asker, django_capture_on_commit_callbacks)
    assert _entry("question", question.pk).author_score == 0

    for rater in raters:
        ratings.rate(rater, question, Rating.POSITIVE, now=NOW)

    assert _waiting_author_refreshes() == [[asker.pk]]  # one task for five ratings, not five
    run_queue()
    asker.refresh_from_db()
    assert asker.feedback_score == 5
    assert _entry("question", question.pk).author_score == 5
    assert _waiting_author_refreshes() == []


def test_a_refresh_already_running_does_not_stand_for_a_later_rating(
    asker, raters, tag, database_queue, django_capture_on_commit_callbacks
):
    """A running refresh may have read the score before this rating: the rating enqueues another."""
    question = _indexed_question(asker, django_capture_on_commit_callbacks)
    ratings.rate(raters[0], question, Rating.POSITIVE, now=NOW)
    [claimed] = queue_rows("refresh_author_content")
    claimed.claim("a-worker")  # what a worker does before it runs the task

    ratings.rate(raters[1], question, Rating.POSITIVE, now=NOW)

    assert _waiting_author_refreshes() == [[asker.pk]]
    assert len(queue_rows("refresh_author_content")) == 2
