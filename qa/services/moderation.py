"""Flags from members and the moderators' answers to them: hide, restore, lock, dismiss."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from hub import moderation as audit
from hub.models import ModerationEntry
from qa import reputation
from qa.models import Answer, Comment, Flag, Question, Rating
from qa.services import limits, news
from qa.services.errors import NotAllowed, QaError
from search import indexing


def _require_moderator(user) -> None:
    if not reputation.is_moderator(user):
        raise NotAllowed("Only moderators can do this.")


def _label(target) -> str:
    if isinstance(target, Question):
        return f"Question “{target.title}”"
    if isinstance(target, Answer):
        return f"Answer to “{target.question.title}”"
    if isinstance(target, Comment):
        return f"Comment “{target.body[:80]}”"
    return str(target)


def _record(moderator, action: str, target, reason: str, now) -> None:
    """Every action of a moderator is in the audit trail (hub/moderation.py), in the same transaction."""
    audit.record(moderator, action, target, reason=reason, member=target.author, label=_label(target), now=now)


@transaction.atomic
def flag(reporter, target, reason: str, note: str = "", *, now: dt.datetime | None = None) -> Flag:
    now = now or timezone.now()
    if not reporter.is_authenticated:
        raise NotAllowed("Sign in to report a post.")
    limits.check_not_suspended(reporter)
    if reason not in dict(Flag.REASON_CHOICES):
        raise QaError("Choose why you are reporting this.")
    if reason == Flag.OTHER and not note.strip():
        raise QaError("Say briefly what is wrong.")
    limits.check("flag", reporter)
    try:
        with transaction.atomic():
            return Flag.objects.create(
                reporter=reporter, target=target, reason=reason, note=note.strip()[:300], created_at=now
            )
    except IntegrityError:
        raise QaError("You have already reported this; a moderator will look at it.") from None


def _resolve_flags(target, moderator, status: str, now) -> int:
    content_type = ContentType.objects.get_for_model(target)
    return Flag.objects.filter(content_type=content_type, object_id=target.pk, status=Flag.OPEN).update(
        status=status, resolved_by=moderator, resolved_at=now
    )


def _refresh_answer_count(question_id: int) -> None:
    count = Answer.objects.visible().filter(question_id=question_id).count()
    Question.objects.filter(pk=question_id).update(answer_count=count)


def _reindex(target) -> None:
    items = [target]
    if isinstance(target, Question):
        items += list(target.answers.all())
    elif isinstance(target, Answer):
        items.append(target.question)
    indexing.update_many(items)  # written by a task once this transaction commits


@transaction.atomic
def hide(moderator, target, reason: str, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    _require_moderator(moderator)
    if not reason.strip():
        raise QaError("Give a reason for hiding it (members and moderators will see it).")
    if target.hidden_at is not None:
        raise QaError("This is already hidden.")
    target.hidden_at, target.hidden_by, target.hidden_reason = now, moderator, reason.strip()[:200]
    target.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _record(moderator, ModerationEntry.HIDE, target, target.hidden_reason, now)
    _resolve_flags(target, moderator, Flag.ACTIONED, now)
    if isinstance(target, Answer):
        _refresh_answer_count(target.question_id)
    _reindex(target)
    news.hidden(target, target.hidden_reason)


@transaction.atomic
def restore(moderator, target, reason: str = "", *, now: dt.datetime | None = None) -> None:
    """Show a hidden post again. Who hid it and why stays in the audit trail (hub/moderation.py):
    the row only says whether it is hidden now."""
    now = now or timezone.now()
    _require_moderator(moderator)
    was_hidden = target.hidden_at is not None
    if not was_hidden:
        raise QaError("This is not hidden.")
    target.hidden_at, target.hidden_by, target.hidden_reason = None, None, ""
    target.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _record(moderator, ModerationEntry.RESTORE, target, reason, now)
    if isinstance(target, Answer):
        _refresh_answer_count(target.question_id)
    _reindex(target)
    if was_hidden:
        news.restored(target)


@transaction.atomic
def lock(
    moderator, question: Question, locked: bool = True, reason: str = "", *, now: dt.datetime | None = None
) -> None:
    now = now or timezone.now()
    _require_moderator(moderator)
    if question.is_locked == locked:
        raise QaError("This question is already locked." if locked else "This question is not locked.")
    question.locked_at = now if locked else None
    question.save(update_fields=["locked_at"])
    _record(moderator, ModerationEntry.LOCK if locked else ModerationEntry.UNLOCK, question, reason, now)


@transaction.atomic
def dismiss(moderator, item: Flag, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    _require_moderator(moderator)
    item.status, item.resolved_by, item.resolved_at = Flag.DISMISSED, moderator, now
    item.save(update_fields=["status", "resolved_by", "resolved_at"])
    target = item.target
    if target is not None:
        _record(
            moderator, ModerationEntry.DISMISS, target, f"{item.get_reason_display()}: {item.note}".strip(": "), now
        )


def serial_raters(now: dt.datetime | None = None):
    """Members with held ratings awaiting review, with how many, for the moderators' list."""
    return (
        Rating.objects.filter(held=True, reviewed_at__isnull=True)
        .values("rater__username", "recipient__username")
        .annotate(held_count=Count("pk", filter=Q(held=True)))
        .order_by("-held_count")
    )
