"""Corpus forum: questions with 0 to 100 answers (most have a few, some very many, the first
twenty exactly 100), comments, ratings with acceptance, first revisions, tags, and the stored
counters and reputation rebuilt from those rows, written in bulk a thousand questions at a time.

Ratings stop before the current ISO week, as in the demo, so a rating given during a benchmark
always moves its recipient's figures by the rater-week rule.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from hub.corpus_support import CorpusContext, chunks, next_id, reset_sequences
from qa import reputation
from qa.models import Answer, Comment, Question, Rating, Revision, TaggedQuestion

FULL_QUESTIONS = 20  # at most this many questions get exactly MAX_ANSWERS answers: the busiest page
MAX_ANSWERS = 100
CHUNK = 1000


class _Rows:
    """Rows of one chunk of questions, inserted together."""

    def __init__(self):
        self.questions: list[Question] = []
        self.answers: list[Answer] = []
        self.ratings: list[Rating] = []
        self.comments: list[Comment] = []
        self.revisions: list[Revision] = []
        self.tags: list[TaggedQuestion] = []

    def insert(self) -> None:
        Question.objects.bulk_create(self.questions)
        for model, rows in (
            (Answer, self.answers),
            (Rating, self.ratings),
            (Comment, self.comments),
            (Revision, self.revisions),
            (TaggedQuestion, self.tags),
        ):
            model.objects.bulk_create(rows, batch_size=2000)


def generate(corpus: CorpusContext) -> None:
    people = corpus.member_ids + corpus.organiser_ids
    if len(people) < MAX_ANSWERS + 10:
        corpus.step(f"The forum corpus needs at least {MAX_ANSWERS + 10} accounts: skipped.")
        return
    ids = {"question": next_id(Question), "answer": next_id(Answer)}
    latest = _start_of_week(corpus.now) - dt.timedelta(minutes=1)
    totals = dict.fromkeys(("questions", "answers", "ratings", "comments"), 0)
    for start in range(0, corpus.questions, CHUNK):
        rows = _Rows()
        for number in range(start, min(start + CHUNK, corpus.questions)):
            _question(corpus, rows, ids, people, number, latest)
        rows.insert()
        for key in totals:
            totals[key] += len(getattr(rows, key))
        corpus.progress("Questions with their answers", min(start + CHUNK, corpus.questions), corpus.questions)
    reset_sequences([Question, Answer, Rating, Comment, Revision, TaggedQuestion])
    corpus.step(", ".join(f"{count:,} {key}" for key, count in totals.items()))
    _reputation(corpus)


def _question(corpus: CorpusContext, rows: _Rows, ids: dict, people: list[int], number: int, latest) -> None:
    asker = corpus.rng.choice(people)
    asked = corpus.moment()
    title = f"{corpus.title(3, 8)} {number}?"
    question = Question(
        id=_take(ids, "question"),
        author_id=asker,
        title=title,
        slug=slugify(title)[:140],
        body="\n\n".join(corpus.paragraph(corpus.rng.randint(2, 5)) for _ in range(corpus.rng.randint(1, 3))),
        created_at=asked,
        updated_at=asked,
        last_activity_at=asked,
    )
    rows.questions.append(question)
    rows.revisions.append(_revision(question, "question", asker, asked, title))
    rows.tags += [
        TaggedQuestion(content_object_id=question.id, tag_id=tag)
        for tag in corpus.rng.sample(corpus.tag_ids, corpus.rng.randint(1, 5))
    ]
    full = min(FULL_QUESTIONS, max(1, corpus.questions // 100))
    count = MAX_ANSWERS if number < full else corpus.skewed(MAX_ANSWERS)
    answers = [_answer(corpus, rows, ids, question, author, latest) for author in corpus.rng.sample(people, count)]
    question.rating_score = _rate(corpus, rows, question, "question", people, latest)
    question.answer_count = len(answers)
    if answers:
        question.last_activity_at = max(answer.created_at for answer in answers)
        _maybe_accept(corpus, rows, question, answers, latest)
    _comments(corpus, rows, question, answers, people)


def _take(ids: dict, name: str) -> int:
    ids[name] += 1
    return ids[name] - 1


def _answer(corpus: CorpusContext, rows: _Rows, ids: dict, question: Question, author: int, latest) -> Answer:
    at = min(corpus.now, question.created_at + dt.timedelta(hours=corpus.rng.randint(1, 2000)))
    answer = Answer(
        id=_take(ids, "answer"),
        question_id=question.id,
        author_id=author,
        body="\n\n".join(corpus.paragraph(corpus.rng.randint(1, 4)) for _ in range(corpus.rng.randint(1, 3))),
        created_at=at,
        updated_at=at,
    )
    rows.answers.append(answer)
    rows.revisions.append(_revision(answer, "answer", author, at))
    answer.rating_score = _rate(corpus, rows, answer, "answer", [], latest)
    return answer


def _revision(post, kind: str, editor: int, at, title: str = "") -> Revision:
    return Revision(
        **{f"{kind}_id": post.id},
        number=1,
        editor_id=editor,
        title=title,
        body=post.body,
        summary="Asked" if kind == "question" else "Answered",
        created_at=at,
    )


def _rate(corpus: CorpusContext, rows: _Rows, post, kind: str, people: list[int], latest) -> int:
    """0 to 4 ratings from distinct members other than the author, mostly positive; returns their sum."""
    pool = people or corpus.member_ids
    raters = {corpus.rng.choice(pool) for _ in range(corpus.rng.randint(0, 4))} - {post.author_id}
    total = 0
    for rater in raters:
        at = _between(corpus, post.created_at, latest)
        if at is None:
            continue
        value = corpus.rng.choices([1, 0, -1], weights=[78, 14, 8])[0]
        rows.ratings.append(
            Rating(
                rater_id=rater,
                recipient_id=post.author_id,
                value=value,
                created_at=at,
                updated_at=at,
                **{f"{kind}_id": post.id},
            )
        )
        total += value
    return total


def _maybe_accept(corpus: CorpusContext, rows: _Rows, question: Question, answers: list[Answer], latest) -> None:
    """Four in ten askers accept the best-rated answer of someone else, which rates it positively."""
    candidates = [a for a in answers if a.author_id != question.author_id]
    if not candidates or corpus.rng.random() > 0.4:
        return
    chosen = max(candidates, key=lambda a: (a.rating_score, -a.id))
    at = _between(corpus, chosen.created_at, latest)
    already = any(r.rater_id == question.author_id and r.answer_id == chosen.id for r in rows.ratings)
    if at is None or already:
        return
    question.accepted_answer_id = chosen.id
    rows.ratings.append(
        Rating(
            rater_id=question.author_id,
            recipient_id=chosen.author_id,
            answer_id=chosen.id,
            value=1,
            feedback="Accepted as the answer",
            from_acceptance=True,
            created_at=at,
            updated_at=at,
        )
    )
    chosen.rating_score += 1


def _comments(corpus: CorpusContext, rows: _Rows, question: Question, answers: list[Answer], people) -> None:
    targets = [("question", question)] * corpus.rng.randint(0, 3)
    targets += [("answer", a) for a in answers if corpus.rng.random() < 0.1]
    for kind, post in targets:
        rows.comments.append(
            Comment(
                author_id=corpus.rng.choice(people),
                body=corpus.sentence(8, 30)[:600],
                created_at=min(corpus.now, post.created_at + dt.timedelta(hours=corpus.rng.randint(1, 72))),
                **{f"{kind}_id": post.id},
            )
        )


def _between(corpus: CorpusContext, start: dt.datetime, latest: dt.datetime) -> dt.datetime | None:
    if start >= latest:
        return None
    return start + (min(latest, start + dt.timedelta(days=120)) - start) * corpus.rng.random()


def _start_of_week(now: dt.datetime) -> dt.datetime:
    monday = reputation.week_start(now)
    return dt.datetime(monday.year, monday.month, monday.day, tzinfo=dt.UTC)


def _reputation(corpus: CorpusContext) -> None:
    """Store every rated member's figures, computed from the rows as the rating service does."""
    recipients = sorted(set(Rating.objects.values_list("recipient_id", flat=True)))
    for done, batch in enumerate(chunks(recipients, 500), start=1):
        for user_id in batch:
            reputation.store(user_id, reputation.compute(user_id, corpus.now))
        corpus.progress("Reputation", min(done * 500, len(recipients)), len(recipients))
    corpus.step(f"Reputation stored for {len(recipients):,} of {get_user_model().objects.count():,} members")
