"""Rating a post and keeping the author's reputation in step, safely under concurrency.

Every rating write locks the recipient's user row first (select_for_update), so ratings of one
member's posts are applied one after another (docs/adr/0031-race-safe-ratings.md). A rating moves the
post's score and the recipient's figures by F() deltas of what it changed (docs/adr/0083); ratings
leaving the database, and reviews of held ones, recompute both from the rows (docs/adr/0082).
"""

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from hub import inbox
from hub import moderation as audit
from hub.compiled import columns, insert, model_instances, prepared_cursor
from hub.models import ModerationEntry
from qa import kinds, reputation
from qa.models import Answer, Question, Rating
from qa.services import limits, news
from qa.services.errors import NotAllowed, QaError
from search import indexing

Post = Question | Answer


def check_can_rate(rater, post: Post, value: int) -> None:
    _check_rules(rater, post, value)
    _check_standing(rater, value, EmailAddress.objects.filter(user=rater, verified=True).exists())


def _check_rules(rater, post: Post, value: int) -> None:
    """The refusals that read nothing but the rater and the post at hand."""
    if not rater.is_authenticated:
        raise NotAllowed("Sign in to rate posts.")
    limits.check_not_suspended(rater)
    if value not in (Rating.POSITIVE, Rating.NEUTRAL, Rating.NEGATIVE):
        raise QaError("Choose positive, neutral or negative.")
    if post.author_id == rater.pk:
        raise NotAllowed("You cannot rate your own post.")
    if post.is_hidden:
        raise NotAllowed("This post has been hidden by a moderator.")
    question = kinds.question_of(post)
    if question.is_locked:
        raise NotAllowed("This question is locked by a moderator: it takes no new ratings.")
    if question.is_closed:
        raise NotAllowed("This question is closed as a duplicate: it takes no new ratings. Rate the original instead.")


def _check_standing(rater, value: int, email_confirmed: bool) -> None:
    """The refusals about the rater's account: a confirmed email, and the score negative ratings need."""
    if not email_confirmed:
        raise NotAllowed("Confirm your email address before rating posts.")
    if value == Rating.NEGATIVE and not reputation.has_privilege(rater, reputation.RATE_NEGATIVE):
        threshold = reputation.privilege_threshold(reputation.RATE_NEGATIVE)
        raise NotAllowed(f"Negative ratings need a feedback score of {threshold}.")


@dataclass(frozen=True)
class _Before:
    """What this write can change, read under the recipient's lock before it is made."""

    existing: Rating | None  # the rater's earlier rating of the post (None for a first rating)
    counted: int  # what the earlier rating added to the post's score (a held one adds nothing)
    counted_week: dt.date | None  # the week it counted in (None when it did not count)
    totals: dict[dt.date, int]  # this week's and that week's totals of the rater's counted ratings
    given_lately: int  # the rater's other ratings of the recipient's posts in the last day


def _read_before(rater, post: Post, recipient_id: int, now: dt.datetime) -> _Before:
    existing, rows = _rows_before(rater, post, recipient_id, now)
    counts = existing is not None and not existing.held
    counted_week = reputation.week_start(existing.updated_at) if counts else None
    totals = dict.fromkeys({reputation.week_start(now), counted_week} - {None}, 0)
    for row in rows:
        week = reputation.week_start(row.updated_at)
        if week in totals and not row.held:
            totals[week] += row.value
    day_ago = now - dt.timedelta(days=1)
    lately = sum(1 for row in rows if row.updated_at >= day_ago and row is not existing)
    return _Before(existing, existing.value if counts else 0, counted_week, totals, lately)


def _rows_before(rater, post: Post, recipient_id: int, now: dt.datetime) -> tuple[Rating | None, list[Rating]]:
    """One locked read of the earlier rating and the rater's ratings of the recipient since the start
    of yesterday or of this week; a second only when the earlier rating counts in an older week. A
    handful of rows whatever the recipient's history (index qa_rating_recipient_week)."""
    since = min(now - dt.timedelta(days=1), _week_start_moment(now))
    (key,) = kinds.pointer(post)
    rows = {row.pk: row for row in _recent_or_this(rater.pk, recipient_id, key, post.pk, since)}
    existing = next((row for row in rows.values() if getattr(row, f"{key}_id") == post.pk), None)
    if existing is not None and existing.updated_at < since:
        old_week = _week_start_moment(existing.updated_at)
        mine = Rating.objects.select_for_update().filter(rater=rater, recipient_id=recipient_id)
        same_week = mine.filter(updated_at__gte=old_week, updated_at__lt=old_week + dt.timedelta(days=7))
        rows.update((row.pk, row) for row in same_week if row.pk not in rows)
    return existing, list(rows.values())


def _recent_or_this(rater_id: int, recipient_id: int, key: str, post_id: int, since: dt.datetime) -> list[Rating]:
    """The rater's ratings of the recipient since `since`, and their rating of this post, locked: in
    SQL written here, as are the rating's other hot statements (docs/adr/0109), since building
    the ORM's query cost more CPU than running it; run prepared, its rows made instances as `raw`
    would (hub.compiled.model_instances)."""
    connection = transaction.get_connection()
    q = connection.ops.quote_name
    post_column = q(Rating._meta.get_field(key).column)  # "question_id" or "answer_id"
    sql = (
        f"SELECT {columns(connection, Rating)} FROM {q(Rating._meta.db_table)}"  # noqa: S608 - names from the model, values as parameters
        f" WHERE {q('rater_id')} = %s AND {q('recipient_id')} = %s"
        f" AND ({q('updated_at')} >= %s OR {post_column} = %s)" + _for_update(connection)
    )
    since_value = connection.ops.adapt_datetimefield_value(since)
    return model_instances(connection, Rating, sql, [rater_id, recipient_id, since_value, post_id])


def _add_to(model, pk: int, amounts: dict[str, int]) -> None:
    """Add `amounts` to fields of one row in one UPDATE (nothing when empty), in SQL written here
    (ADR 0109). The caller holds the recipient's lock, so no other rating moves them meanwhile."""
    if not amounts:
        return
    connection = transaction.get_connection()
    q = connection.ops.quote_name
    columns = [q(model._meta.get_field(name).column) for name in amounts]
    sets = ", ".join(f"{column} = {column} + %s" for column in columns)
    sql = f"UPDATE {q(model._meta.db_table)} SET {sets} WHERE {q(model._meta.pk.column)} = %s"  # noqa: S608 - names from the model, values as parameters
    with prepared_cursor(connection) as cursor:  # prepared on PostgreSQL (docs/adr/0110)
        cursor.execute(sql, [*amounts.values(), pk])


def _for_update(connection) -> str:
    return " FOR UPDATE" if connection.features.has_select_for_update else ""


def _is_serial(before: _Before) -> bool:
    """True when this rating is beyond the daily number one member may give another's posts."""
    existing = before.existing
    if existing is not None and existing.held and existing.reviewed_at is None:
        return True
    return before.given_lately >= settings.QA_SERIAL_RATING_LIMIT


def _week_start_moment(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(reputation.week_start(moment), dt.time(), tzinfo=dt.UTC)


def _lock_recipient(user_id: int, *, email_of: int | None = None):
    """Lock the member's row until the transaction ends and return it (ADR 0031). With `email_of`,
    the same statement says whether that member (the rater) has a confirmed email address
    (`rater_email_confirmed`) and, for a rating in a transaction of its own on PostgreSQL, lets its
    commit return without waiting for the disk (`_commit_without_waiting_for_the_disk`): a round
    trip fewer for each, in SQL written here (ADR 0109), run prepared, its row made an instance as
    `raw` would (hub.compiled.model_instances)."""
    users = get_user_model()
    if email_of is None:
        return users.objects.select_for_update().get(pk=user_id)
    connection = transaction.get_connection()
    q = connection.ops.quote_name
    emails = EmailAddress._meta
    confirmed = (
        f"EXISTS (SELECT 1 FROM {q(emails.db_table)} WHERE {q(emails.get_field('user').column)} = %s"  # noqa: S608 - names from the models, values as parameters
        f" AND {q(emails.get_field('verified').column)} = %s)"
    )
    unflushed = _commit_without_waiting_for_the_disk(connection)
    sql = (
        f"SELECT {columns(connection, users)}, {confirmed}{unflushed}"  # noqa: S608 - names from the models
        f" FROM {q(users._meta.db_table)} WHERE {q(users._meta.pk.column)} = %s" + _for_update(connection)
    )
    extras = ("rater_email_confirmed", "commit_without_waiting") if unflushed else ("rater_email_confirmed",)
    (recipient,) = model_instances(connection, users, sql, [email_of, True, user_id], extras)
    return recipient


def _score_update(model, field: str, post_ids) -> None:
    counted = (
        Rating.objects.filter(held=False, **{field: OuterRef("pk")})
        .values(field)
        .annotate(total=Sum("value"))
        .values("total")
    )
    model.objects.filter(pk__in=post_ids).update(rating_score=Coalesce(Subquery(counted), 0))


def refresh_post_score(post: Post) -> None:
    """Store the post's score as the sum of its ratings that count (held ones do not), in one
    statement. Callers hold the recipient's lock, so no other rating of this post is written meanwhile."""
    (field,) = kinds.pointer(post)
    _score_update(type(post), field, [post.pk])


def _documents_of(post: Post) -> list:
    """The search documents that show a post's score: its own, and for an answer its question's."""
    return [post, post.question] if isinstance(post, Answer) else [post]


def _reindex(post: Post) -> None:
    """The post's score changed: its documents follow after the commit."""
    indexing.update_many(_documents_of(post))


def refresh_reputation(user_id: int, now: dt.datetime) -> reputation.Figures:
    """Recompute and store the member's figures; when the score moves, their search entries follow."""
    before = get_user_model().objects.filter(pk=user_id).values_list("feedback_score", flat=True).first()
    figures = reputation.compute(user_id, now)
    reputation.store(user_id, figures, now)
    if figures.score != before:
        # Every post of theirs ranks with the new score: one task refreshes them after the request.
        indexing.update_author(user_id)
    return figures


@transaction.atomic
def rate(
    rater,
    post: Post,
    value: int,
    feedback: str = "",
    *,
    now: dt.datetime | None = None,
    from_acceptance: bool = False,
) -> Rating:
    """Give or replace `rater`'s rating of `post`. A replaced rating moves to this week.

    The post's score and the recipient's figures move by what this write changed (docs/adr/0083):
    the post by the difference of the two ratings' counted values, the recipient by the change of
    the points of the one or two rater-weeks the write touched. The recipient's row lock serialises
    every write that could change them, so the deltas are exact. When the recipient's stored week
    counts were made for an earlier 12-month window, their figures are recounted in full instead."""
    now = now or timezone.now()
    feedback = (feedback or "").strip()
    if len(feedback) > 80:
        raise QaError("Keep the feedback line to 80 characters or fewer.")
    _check_rules(rater, post, value)
    recipient = _lock_recipient(post.author_id, email_of=rater.pk)
    _check_standing(rater, value, recipient.rater_email_confirmed)  # check_can_rate's refusals, in order
    if not from_acceptance:
        limits.check("rating", rater)
    post.author = recipient  # the row just read: the inbox and the response need nothing older
    before = _read_before(rater, post, recipient.pk, now)
    held = False if from_acceptance else _is_serial(before)
    rating = _write(rater, recipient, post, before.existing, value, feedback, now, held, from_acceptance)
    score_delta = (0 if held else value) - before.counted
    if score_delta:
        _add_to(type(post), post.pk, {"rating_score": score_delta})
        # Its document carries the score (a question's sums its answers'): one task row, committed
        # with the rating, instead of a flush after the commit (one disk flush fewer).
        indexing.update_in_transaction(_documents_of(post))
    new_messages = 0 if from_acceptance else news.rating_received(rating, post)
    _update_recipient(recipient, before, rating, now, new_messages)
    return rating


def _commit_without_waiting_for_the_disk(connection) -> str:
    """A rating in a transaction of its own commits without waiting for PostgreSQL to flush its log
    to disk (docs/adr/0109): the flush cost about 4 ms of a worker's time per rating here, longer
    than the rest of the write's SQL. A crash of the database server may lose the last fraction of a
    second of such commits, each whole (a rating with its score, figures and inbox message, or none
    of them); it never leaves them inconsistent. Nested in another write's transaction (an
    acceptance), that transaction keeps its durable commit.

    The column that does it, for the select list of the recipient's lock (`_lock_recipient`), the
    rating's first statement: `set_config(..., true)` is `SET LOCAL` as a function, so it costs no
    round trip of its own. Empty where it does not apply (SQLite, a nested rating)."""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        return ", set_config('synchronous_commit', 'off', true)"
    return ""


def _write(rater, recipient, post: Post, existing, value, feedback, now, held, from_acceptance) -> Rating:
    """Insert the rating, or replace the earlier one in place (same row, new value and date)."""
    if existing is None:  # a statement written once and run prepared (hub.compiled.insert, ADR 0109)
        return insert(
            Rating(
                rater=rater,
                recipient=recipient,
                value=value,
                feedback=feedback,
                from_acceptance=from_acceptance,
                created_at=now,
                updated_at=now,
                held=held,
                **kinds.pointer(post),
            )
        )
    existing.value, existing.feedback, existing.updated_at = value, feedback, now
    existing.from_acceptance, existing.held = from_acceptance, held
    existing.save(update_fields=["value", "feedback", "updated_at", "from_acceptance", "held"])
    existing.rater, existing.recipient = rater, recipient  # the rows at hand: no reads for the news
    return existing


def _update_recipient(recipient, before: _Before, rating: Rating, now: dt.datetime, new_messages: int) -> None:
    """Move the recipient's figures by the change of the touched rater-weeks' points, and their
    unread count by the rating's inbox message, in one update of their row."""
    delta = _reputation_delta(recipient, before, rating, now)
    changes = reputation.moved(delta)
    if new_messages:
        changes[inbox.UNREAD_COUNT] = new_messages
    _add_to(get_user_model(), recipient.pk, changes)
    if delta.score:
        # Every post of theirs ranks with the new score: one task refreshes them after the request.
        indexing.update_author(recipient.pk)


def _reputation_delta(recipient, before: _Before, rating: Rating, now: dt.datetime) -> reputation.Figures:
    """How the rating moves the recipient's figures; when their stored week counts were made for an
    earlier window, they are recounted in full here instead, and nothing is left to move."""
    if not reputation.deltas_apply(recipient, now):
        refresh_reputation(recipient.pk, now)
        return reputation.NO_CHANGE
    after = dict(before.totals)
    if before.counted_week is not None:
        after[before.counted_week] -= before.counted
    if not rating.held:
        after[reputation.week_start(now)] += rating.value
    return reputation.change(before.totals, after, now)


@transaction.atomic
def withdraw(rating: Rating, *, now: dt.datetime | None = None) -> None:
    """Remove a rating (used when an asker moves their acceptance to another answer)."""
    now = now or timezone.now()
    _lock_recipient(rating.recipient_id)
    post = rating.post
    rating.delete()  # the post's score and the recipient's figures follow (after_ratings_deleted)
    _reindex(post)


def after_ratings_deleted(ratings_gone: list[Rating], *, now: dt.datetime | None = None) -> None:
    """Ratings left the database (withdrawn, or with their rater's account, their post or its question):
    recompute the scores of the posts they were on and their recipients' figures from what remains."""
    now = now or timezone.now()
    question_ids = {r.question_id for r in ratings_gone if r.question_id}
    answer_ids = {r.answer_id for r in ratings_gone if r.answer_id}
    with transaction.atomic():
        for recipient_id in sorted({r.recipient_id for r in ratings_gone}):
            if get_user_model().objects.filter(pk=recipient_id).exists():
                _lock_recipient(recipient_id)
        _score_update(Question, "question", question_ids)
        _score_update(Answer, "answer", answer_ids)
        for recipient_id in sorted({r.recipient_id for r in ratings_gone}):
            refresh_reputation(recipient_id, now)
    indexing.update_many([*Question.objects.filter(pk__in=question_ids), *Answer.objects.filter(pk__in=answer_ids)])


@transaction.atomic
def review_held(moderator, rating: Rating, approve: bool, *, now: dt.datetime | None = None) -> None:
    """A moderator's decision on a held serial rating: approved ones start to count."""
    now = now or timezone.now()
    if not reputation.is_moderator(moderator):
        raise NotAllowed("Only moderators review serial ratings.")
    _lock_recipient(rating.recipient_id)
    rating.held = not approve
    rating.reviewed_by, rating.reviewed_at = moderator, now
    rating.save(update_fields=["held", "reviewed_by", "reviewed_at"])
    post = rating.post
    refresh_post_score(post)
    refresh_reputation(rating.recipient_id, now)
    _reindex(post)
    action = ModerationEntry.APPROVE_RATING if approve else ModerationEntry.REJECT_RATING
    what = "question" if isinstance(post, Question) else "answer"
    title = kinds.question_of(post).title
    label = f"{rating.get_value_display()} rating by {rating.rater.get_username()} of the {what} “{title}”"
    audit.record(moderator, action, post, member=rating.recipient, label=label, now=now)


def recompute_all(now: dt.datetime | None = None, progress=None) -> list[tuple]:
    """Rebuild every member's figures from the ratings. Returns (user, stored, computed) that differed."""
    now = now or timezone.now()
    differed = []
    users = get_user_model().objects.order_by("pk")
    total = users.count()
    for done, user in enumerate(users.iterator(), start=1):
        with transaction.atomic():
            _lock_recipient(user.pk)
            user.refresh_from_db(fields=["feedback_score", "feedback_positive_weeks", "feedback_negative_weeks"])
            before = reputation.stored(user)
            after = refresh_reputation(user.pk, now)
        if before != after:
            differed.append((user, before, after))
        if progress:
            progress(done, total)
    return differed
