"""The forum's demo loader: enough varied content, consistent stored figures, and idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model

from hub import demo as hub_demo
from hub import feedback
from hub.demo_support import DemoContext
from qa import demo as qa_demo
from qa.models import Answer, Comment, Question, Rating
from qa.services import ratings

pytestmark = pytest.mark.django_db


def test_demo_builds_a_varied_forum_and_can_run_twice():
    context = DemoContext(out=StringIO())
    hub_demo.load(context)
    qa_demo.load(context)
    qa_demo.load(context)
    questions = Question.objects.all()
    assert questions.count() == 43
    assert Answer.objects.count() >= 60
    assert Comment.objects.count() >= 20
    assert Rating.objects.count() >= 500
    assert questions.filter(accepted_answer__isnull=False).count() >= 15
    assert questions.filter(duplicate_of__isnull=False).count() == 1
    assert questions.filter(answer_count=0).count() >= 3
    dates = Rating.objects.order_by("updated_at").values_list("updated_at", flat=True)
    assert (dates.last() - dates.first()).days >= 480
    stars = {feedback.star_for(score) for score in get_user_model().objects.values_list("feedback_score", flat=True)}
    assert len(stars) >= 3  # at least no star, yellow and blue
    assert ratings.recompute_all() == []  # stored figures match the ratings
    assert "already there" in context.out.getvalue()


def test_demo_leaves_the_current_week_free_so_a_new_rating_moves_a_score():
    from django.utils import timezone

    from qa.models import Answer

    context = DemoContext(out=StringIO())
    hub_demo.load(context)
    qa_demo.load(context)
    now = timezone.now()
    assert Rating.objects.filter(updated_at__gte=qa_demo._start_of_week(now)).count() == 0
    answer = Answer.objects.select_related("author").exclude(author__username="member-harry").first()
    before = answer.author.feedback_score
    ratings.rate(get_user_model().objects.get(username="member-harry"), answer, Rating.POSITIVE, now=now)
    answer.author.refresh_from_db()
    assert answer.author.feedback_score == before + 1


def test_every_demo_answer_was_written_for_its_own_question():
    from qa.demo_answers import ANSWERS_BY_QUESTION

    context = DemoContext(out=StringIO())
    hub_demo.load(context)
    qa_demo.load(context)
    answers = list(Answer.objects.select_related("question"))
    assert answers
    strays = [(a.question.title, a.body[:40]) for a in answers if a.body not in ANSWERS_BY_QUESTION[a.question.title]]
    assert not strays
    bodies = [a.body for a in answers]
    assert len(bodies) == len(set(bodies)), "no answer is copied onto another question"
