"""Demo content for the forum: questions, answers, comments and ratings spread over 18 months.

Rows are written directly with explicit timestamps (the services stamp "now"), then the stored
counters and every member's reputation are rebuilt from them, as `qa_recompute_reputation` does.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from taggit.models import Tag

from hub.demo_support import DemoContext
from qa import reputation
from qa.demo_answers import ANSWERS_BY_QUESTION
from qa.demo_content import COMMENTS, FEEDBACK, QUESTIONS
from qa.models import Answer, Comment, Question, Rating, Revision
from qa.services import ratings, tags

MONTHS = 18
VETERANS = ["amara", "kofi", "priya", "mod-yasmin"]


def load(demo: DemoContext) -> None:
    if Question.objects.filter(title=QUESTIONS[0][1]).exists():
        demo.step("Q&A demo content is already there")
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    missing = [q[0] for q in QUESTIONS if q[0] not in users]
    if missing:
        demo.step(f"Skipping the Q&A demo: run the hub demo first (missing {', '.join(sorted(set(missing)))})")
        return
    now = timezone.now()
    with transaction.atomic():
        questions = _questions(demo, users, now)
        answers = _answers(demo, users, questions, now)
        _comments(demo, users, questions, answers, now)
        _ratings(demo, users, questions, answers, now)
        _accept_and_close(demo, questions, answers, now)
        _counters(questions)
    demo.step("Recomputing reputation from the ratings")
    ratings.recompute_all(now=now)


def _questions(demo: DemoContext, users: dict, now) -> list[Question]:
    questions = []
    total = len(QUESTIONS)
    span = MONTHS * 30
    for index, (username, title, body, tag_names) in enumerate(QUESTIONS):
        asked = now - dt.timedelta(days=span * (total - index) / total, hours=demo.rng.randint(0, 12))
        question = Question.objects.create(
            author=users[username], title=title, body=body, created_at=asked, updated_at=asked, last_activity_at=asked
        )
        question.tags.set([tags.find(name) or Tag.objects.create(name=name) for name in tag_names])
        Revision.objects.create(
            question=question,
            number=1,
            editor=question.author,
            title=title,
            body=body,
            tags=", ".join(sorted(tag_names)),
            summary="Asked",
            created_at=asked,
        )
        questions.append(question)
        demo.progress("questions", index + 1, total)
    return questions


def _answer_texts(title: str) -> list[str]:
    """The answers written for this question (qa/demo_answers.py), so every answer answers it."""
    return ANSWERS_BY_QUESTION[title]


def _answers(demo: DemoContext, users: dict, questions: list[Question], now) -> list[Answer]:
    people = sorted(users)
    answers = []
    for index, question in enumerate(questions):
        if index % 9 == 4:
            continue  # a few stay unanswered
        texts = _answer_texts(question.title)
        # A few seasoned organisers answer often, so reputations and stars spread out.
        regulars = [VETERANS[index % len(VETERANS)], VETERANS[(index + 1) % len(VETERANS)]][: 1 + index % 2]
        authors = [name for name in [*regulars, *demo.rng.sample(people, 4)] if name != question.author.username]
        authors = [name for name in dict.fromkeys(authors) if name != "admin"]
        for text, username in zip(texts[: demo.rng.randint(1, len(texts))], authors, strict=False):
            at = min(now, question.created_at + dt.timedelta(hours=demo.rng.randint(2, 240)))
            answer = Answer.objects.create(
                question=question, author=users[username], body=text, created_at=at, updated_at=at
            )
            Revision.objects.create(
                answer=answer, number=1, editor=answer.author, body=text, summary="Answered", created_at=at
            )
            answers.append(answer)
        demo.progress("questions answered", index + 1, len(questions))
    return answers


def _comments(demo: DemoContext, users: dict, questions, answers, now) -> None:
    people = [name for name in sorted(users) if name != "admin"]
    for index, post in enumerate([*questions[::3], *answers[::4]]):
        at = min(now, post.created_at + dt.timedelta(hours=demo.rng.randint(1, 72)))
        target = {"question": post} if isinstance(post, Question) else {"answer": post}
        Comment.objects.create(
            author=users[demo.rng.choice(people)], body=COMMENTS[index % len(COMMENTS)], created_at=at, **target
        )
    demo.step("Comments added")


def _ratings(demo: DemoContext, users: dict, questions, answers, now) -> None:
    """Many raters, mostly positive, at moments spread after each post and before this week.

    Keeping the current ISO week free of demo ratings means a visitor's first rating of a demo
    post always moves its author's score by one, as the rater-week rule promises.
    """
    people = [name for name in sorted(users) if name != "admin"]
    latest = _start_of_week(now) - dt.timedelta(minutes=1)
    rows = []
    posts = [*questions, *answers]
    for post in posts:
        busy = isinstance(post, Answer) and post.author.username in VETERANS
        raters = demo.rng.sample(people, demo.rng.randint(8, 24) if busy else demo.rng.randint(2, 12))
        for username in raters:
            if users[username].pk == post.author_id:
                continue
            value = demo.rng.choices([1, 0, -1], weights=[78, 14, 8])[0]
            at = _moment_between(demo, post.created_at, latest)
            if at is None:
                continue
            target = {"question": post} if isinstance(post, Question) else {"answer": post}
            rows.append(
                Rating(
                    rater=users[username],
                    recipient_id=post.author_id,
                    value=value,
                    feedback=demo.rng.choice(FEEDBACK[value]),
                    created_at=at,
                    updated_at=at,
                    **target,
                )
            )
    Rating.objects.bulk_create(rows, batch_size=500)
    demo.step(f"Ratings: {len(rows)}")


def _start_of_week(now: dt.datetime) -> dt.datetime:
    monday = reputation.week_start(now)
    return dt.datetime(monday.year, monday.month, monday.day, tzinfo=dt.UTC)


def _moment_between(demo: DemoContext, start: dt.datetime, latest: dt.datetime) -> dt.datetime | None:
    """A moment up to 120 days after `start` and not after `latest`, or None if there is none."""
    if start >= latest:
        return None
    return start + (min(latest, start + dt.timedelta(days=120)) - start) * demo.rng.random()


def _accept_and_close(demo: DemoContext, questions, answers, now) -> None:
    by_question: dict = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    accepted = 0
    for question in questions[::2]:
        candidates = [a for a in by_question.get(question.pk, []) if a.author_id != question.author_id]
        if not candidates:
            continue
        chosen = candidates[0]
        at = _moment_between(demo, chosen.created_at, _start_of_week(now) - dt.timedelta(minutes=1))
        if at is None:
            continue
        Question.objects.filter(pk=question.pk).update(accepted_answer=chosen)
        Rating.objects.update_or_create(
            rater_id=question.author_id,
            answer=chosen,
            defaults={
                "recipient_id": chosen.author_id,
                "value": 1,
                "feedback": "Accepted as the answer",
                "from_acceptance": True,
                "created_at": at,
                "updated_at": at,
            },
        )
        accepted += 1
    original, duplicate = questions[0], questions[-1]
    closer = get_user_model().objects.get(username="mod-yasmin")
    Question.objects.filter(pk=duplicate.pk).update(
        duplicate_of=original, closed_at=duplicate.created_at + dt.timedelta(days=1), closed_by=closer
    )
    demo.step(f"Accepted answers: {accepted}; closed “{duplicate.title}” as a duplicate")


def _counters(questions) -> None:
    for question in Question.objects.filter(pk__in=[q.pk for q in questions]):
        question.rating_score = question.ratings.aggregate(total=Sum("value"))["total"] or 0
        question.answer_count = question.answers.count()
        latest = question.answers.order_by("-created_at").values_list("created_at", flat=True).first()
        question.last_activity_at = max(filter(None, [question.created_at, latest]))
        question.save(update_fields=["rating_score", "answer_count", "last_activity_at", "slug"])
    for answer in Answer.objects.filter(question__in=questions).annotate(total=Sum("ratings__value")):
        Answer.objects.filter(pk=answer.pk).update(rating_score=answer.total or 0)
