"""Asking, answering, commenting, editing with revisions, accepting and closing duplicates."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from hub import newcomers, submissions
from hub.markdown import normalise_newlines
from qa import kinds, reputation
from qa.models import Answer, Comment, Question, Rating, Revision
from qa.services import follows, limits, ratings, tags
from qa.services.errors import NotAllowed, QaError
from search import indexing

ACCEPTANCE_FEEDBACK = "Accepted as the answer"


def _require_member(user) -> None:
    if not user.is_authenticated:
        raise NotAllowed("Sign in to take part.")
    limits.check_not_suspended(user)


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not 10 <= len(title) <= 150:
        raise QaError("Write a title of 10 to 150 characters that says what you want to know.", "title")
    return title


def _clean_body(body: str, minimum: int = 20) -> str:
    body = normalise_newlines(body).strip()
    if len(body) < minimum:
        raise QaError(f"Write at least {minimum} characters.", "body")
    if len(body) > 30_000:
        raise QaError("Keep it under 30,000 characters.", "body")
    return body


def _record_revision(post, editor, now: dt.datetime, summary: str) -> Revision:
    target = kinds.pointer(post)
    number = Revision.objects.filter(**target).count() + 1
    tag_text = ", ".join(sorted(tag.name for tag in post.tags.all())) if isinstance(post, Question) else ""
    return Revision.objects.create(
        **target,
        number=number,
        editor=editor,
        title=getattr(post, "title", "") if isinstance(post, Question) else "",
        body=post.body,
        tags=tag_text,
        summary=summary,
        created_at=now,
    )


def _after_commit_index(*objects) -> None:
    indexing.update_many(objects)  # written by a task once this transaction commits


@transaction.atomic
def ask(author, title: str, body: str, tag_names, *, now: dt.datetime | None = None, token: str = "") -> Question:
    """Ask a question. The same question again (same form, or same title and text within minutes)
    returns the stored one, marked as a repeat (hub/submissions.py)."""
    now = now or timezone.now()
    _require_member(author)
    title, body = _clean_title(title), _clean_body(body)
    submissions.hold(author)
    same = Question.objects.filter(author=author, title=title, body=body)
    if earlier := submissions.earlier(author, token, Question, same, now=now):
        return submissions.as_repeat(earlier)
    tag_rows = tags.resolve(author, tag_names)
    limits.check("question", author)
    limits.check_links(author, title, body)
    question = Question.objects.create(
        author=author, title=title, body=body, created_at=now, updated_at=now, last_activity_at=now
    )
    submissions.remember(author, token, question)
    question.tags.set(tag_rows)
    _record_revision(question, author, now, "Asked")
    follows.follow(author, question=question)
    follows.tell_followers(
        question,
        f"New question: {title}",
        f"{author.public_name} asked “{title}”.",
        question.get_absolute_url(),
        author,
        kind="question",
    )
    _after_commit_index(question)
    return question


def check_can_answer(user, question: Question) -> None:
    _require_member(user)
    if question.is_hidden:
        raise NotAllowed("This question has been hidden by a moderator.")
    if question.is_closed:
        raise NotAllowed("This question is closed as a duplicate: answer the original question instead.")
    if question.is_locked:
        raise NotAllowed("This question is locked by a moderator.")


@transaction.atomic
def answer(author, question: Question, body: str, *, now: dt.datetime | None = None, token: str = "") -> Answer:
    """Answer once per question; the same answer again returns the stored one, marked as a repeat."""
    now = now or timezone.now()
    check_can_answer(author, question)
    body = _clean_body(body)
    submissions.hold(author)
    same = Answer.objects.filter(question=question, author=author, body=body)
    if earlier := submissions.earlier(author, token, Answer, same, now=now):
        return submissions.as_repeat(earlier)
    if Answer.objects.filter(question=question, author=author).exists():
        raise QaError("You have already answered this question: edit your answer instead.")
    limits.check("answer", author)
    limits.check_links(author, body)
    try:
        with transaction.atomic():
            post = Answer.objects.create(question=question, author=author, body=body, created_at=now, updated_at=now)
    except IntegrityError:
        raise QaError("You have already answered this question: edit your answer instead.") from None
    submissions.remember(author, token, post)
    _record_revision(post, author, now, "Answered")
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1, last_activity_at=now)
    follows.follow(author, question=question)
    follows.tell_followers(
        question,
        f"New answer: {question.title}",
        f"{author.public_name} answered “{question.title}”.",
        post.get_absolute_url(),
        author,
        kind="answer",
    )
    _after_commit_index(post, question)
    return post


def can_edit(user, post) -> bool:
    if not user.is_authenticated or user.suspended_at is not None:
        return False
    question = kinds.question_of(post)
    if post.is_hidden or question.is_locked:
        return reputation.is_moderator(user)
    return post.author_id == user.pk or reputation.has_privilege(user, reputation.EDIT_OTHERS)


@transaction.atomic
def edit_question(
    editor, question: Question, title: str, body: str, tag_names, summary: str = "", *, now=None
) -> Question:
    now = now or timezone.now()
    if not can_edit(editor, question):
        raise NotAllowed("You cannot edit this question.")
    title, body = _clean_title(title), _clean_body(body)
    if newcomers.count_links(body) > newcomers.count_links(question.body):  # a link added by an edit counts too
        limits.check_links(editor, body)
    tag_rows = tags.resolve(editor, tag_names)
    question.title, question.body, question.updated_at, question.last_activity_at = title, body, now, now
    question.save(update_fields=["title", "slug", "body", "updated_at", "last_activity_at"])
    question.tags.set(tag_rows)
    _record_revision(question, editor, now, summary.strip()[:200] or "Edited")
    _after_commit_index(question)
    return question


@transaction.atomic
def edit_answer(editor, post: Answer, body: str, summary: str = "", *, now=None) -> Answer:
    now = now or timezone.now()
    if not can_edit(editor, post):
        raise NotAllowed("You cannot edit this answer.")
    body = _clean_body(body)
    if newcomers.count_links(body) > newcomers.count_links(post.body):  # a link added by an edit counts too
        limits.check_links(editor, body)
    post.body, post.updated_at = body, now
    post.save(update_fields=["body", "updated_at"])
    Question.objects.filter(pk=post.question_id).update(last_activity_at=now)
    _record_revision(post, editor, now, summary.strip()[:200] or "Edited")
    _after_commit_index(post)
    return post


def rollback(editor, revision: Revision, *, now=None):
    """Make an earlier revision current again, as a new revision (history is never rewritten)."""
    summary = f"Rolled back to revision {revision.number}"
    if revision.question_id:
        return edit_question(
            editor, revision.question, revision.title, revision.body, tags.parse(revision.tags), summary, now=now
        )
    return edit_answer(editor, revision.answer, revision.body, summary, now=now)


@transaction.atomic
def comment(author, post, body: str, *, now: dt.datetime | None = None, token: str = "") -> Comment:
    """Comment on a question or an answer; the same comment again returns the stored one (a repeat)."""
    now = now or timezone.now()
    _require_member(author)
    question = kinds.question_of(post)
    if post.is_hidden or question.is_hidden:
        raise NotAllowed("This post has been hidden by a moderator.")
    if question.is_locked:
        raise NotAllowed("This question is locked by a moderator.")
    body = " ".join((body or "").split())
    if not 2 <= len(body) <= 600:
        raise QaError("Write a comment of 2 to 600 characters.")
    submissions.hold(author)
    same = Comment.objects.filter(author=author, body=body, **kinds.pointer(post))
    if earlier := submissions.earlier(author, token, Comment, same, now=now):
        return submissions.as_repeat(earlier)
    limits.check("comment", author)
    limits.check_links(author, body)
    item = Comment.objects.create(author=author, body=body, created_at=now, **kinds.pointer(post))
    submissions.remember(author, token, item)
    Question.objects.filter(pk=question.pk).update(last_activity_at=now)
    follows.tell_followers(
        question,
        f"New comment: {question.title}",
        f"{author.public_name} commented: {body[:200]}",
        item.get_absolute_url(),
        author,
        kind="comment",
    )
    return item


@transaction.atomic
def accept(user, post: Answer, *, now: dt.datetime | None = None) -> Question:
    """The asker accepts `post`; it counts as their positive rating. Choosing again moves it."""
    now = now or timezone.now()
    limits.check_not_suspended(user)
    question = Question.objects.select_for_update().get(pk=post.question_id)
    if question.author_id != user.pk:
        raise NotAllowed("Only the person who asked can accept an answer.")
    if post.is_hidden:
        raise NotAllowed("This answer has been hidden by a moderator.")
    previous_id = question.accepted_answer_id
    if previous_id == post.pk:
        return question
    if previous_id:
        _withdraw_acceptance(user, previous_id, now)
    question.accepted_answer, question.last_activity_at = post, now
    question.save(update_fields=["accepted_answer", "last_activity_at"])
    if post.author_id != user.pk:
        ratings.rate(user, post, Rating.POSITIVE, ACCEPTANCE_FEEDBACK, now=now, from_acceptance=True)
    follows.tell_followers(
        question,
        f"Answer accepted: {question.title}",
        f"{user.public_name} accepted {post.author.public_name}'s answer.",
        post.get_absolute_url(),
        user,
        kind="accepted",
    )
    _after_commit_index(question, post)
    return question


def _withdraw_acceptance(user, answer_id: int, now) -> None:
    rating = Rating.objects.filter(rater=user, answer_id=answer_id, from_acceptance=True).first()
    if rating is not None:
        ratings.withdraw(rating, now=now)
    _after_commit_index(Answer.objects.get(pk=answer_id))


@transaction.atomic
def unaccept(user, question: Question, *, now=None) -> Question:
    now = now or timezone.now()
    limits.check_not_suspended(user)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.author_id != user.pk:
        raise NotAllowed("Only the person who asked can change the accepted answer.")
    if question.accepted_answer_id:
        _withdraw_acceptance(user, question.accepted_answer_id, now)
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer"])
        _after_commit_index(question)
    return question


@transaction.atomic
def close_as_duplicate(user, question: Question, original: Question, *, now=None) -> Question:
    now = now or timezone.now()
    limits.check_not_suspended(user)
    if not reputation.has_privilege(user, reputation.CLOSE_DUPLICATES):
        threshold = reputation.privilege_threshold(reputation.CLOSE_DUPLICATES)
        raise NotAllowed(f"Closing duplicates needs a feedback score of {threshold}.")
    if original.pk == question.pk:
        raise QaError("A question cannot be a duplicate of itself.")
    if original.is_hidden or original.is_closed:
        raise QaError("Choose an open, visible question as the original.")
    question.duplicate_of, question.closed_at, question.closed_by = original, now, user
    question.save(update_fields=["duplicate_of", "closed_at", "closed_by"])
    _after_commit_index(question)
    return question


@transaction.atomic
def reopen(user, question: Question, *, now=None) -> Question:
    limits.check_not_suspended(user)
    if not reputation.has_privilege(user, reputation.CLOSE_DUPLICATES):
        threshold = reputation.privilege_threshold(reputation.CLOSE_DUPLICATES)
        raise NotAllowed(f"Reopening questions needs a feedback score of {threshold}.")
    question.duplicate_of, question.closed_at, question.closed_by = None, None, None
    question.save(update_fields=["duplicate_of", "closed_at", "closed_by"])
    _after_commit_index(question)
    return question
