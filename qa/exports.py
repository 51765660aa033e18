"""The forum's part of a member's data export (hub/exports.py): their questions, answers, comments,
edits, reports and ratings given, and a summary of the ratings they received. Hidden posts are
included (they are still the member's), marked as hidden. A fixed number of queries per kind."""

from django.db.models import Count

from qa.models import Answer, Comment, Flag, Question, Rating, Revision


def _moderation(post) -> dict:
    return {"hidden": post.is_hidden, "hidden_at": post.hidden_at}


def questions(user) -> list[dict]:
    rows = Question.objects.filter(author=user).prefetch_related("tags").order_by("created_at", "pk")
    return [
        {
            "id": question.pk,
            "title": question.title,
            "body": question.body,
            "tags": sorted(tag.name for tag in question.tags.all()),
            "url": question.get_absolute_url(),
            "created_at": question.created_at,
            "updated_at": question.updated_at,
            "rating_score": question.rating_score,
            "closed_at": question.closed_at,
            **_moderation(question),
        }
        for question in rows
    ]


def answers(user) -> list[dict]:
    rows = Answer.objects.filter(author=user).select_related("question").order_by("created_at", "pk")
    return [
        {
            "id": answer.pk,
            "question": {"id": answer.question_id, "title": answer.question.title},
            "body": answer.body,
            "url": answer.get_absolute_url(),
            "accepted": answer.question.accepted_answer_id == answer.pk,
            "created_at": answer.created_at,
            "updated_at": answer.updated_at,
            "rating_score": answer.rating_score,
            **_moderation(answer),
        }
        for answer in rows
    ]


def _target(row) -> dict:
    """What a comment, rating, edit or report is about (its question and answer are loaded)."""
    if row.question_id:
        return {"kind": "question", "id": row.question_id, "title": row.question.title}
    return {"kind": "answer", "id": row.answer_id, "title": row.answer.title}


def comments(user) -> list[dict]:
    rows = Comment.objects.filter(author=user).select_related("question", "answer__question")
    return [
        {
            "id": comment.pk,
            "on": _target(comment),
            "body": comment.body,
            "url": comment.get_absolute_url(),
            "created_at": comment.created_at,
            **_moderation(comment),
        }
        for comment in rows.order_by("created_at", "pk")
    ]


def edits(user) -> list[dict]:
    """Every saved state of a question or answer that the member wrote (their posts' first versions too)."""
    rows = Revision.objects.filter(editor=user).select_related("question", "answer__question")
    return [
        {
            "on": _target(revision),
            "number": revision.number,
            "title": revision.title,
            "body": revision.body,
            "tags": revision.tags,
            "summary": revision.summary,
            "created_at": revision.created_at,
        }
        for revision in rows.order_by("created_at", "pk")
    ]


def ratings_given(user) -> list[dict]:
    rows = Rating.objects.filter(rater=user).select_related("question", "answer__question", "recipient")
    return [
        {
            "on": _target(rating),
            "recipient": rating.recipient.username,
            "value": rating.get_value_display(),
            "feedback": rating.feedback,
            "from_acceptance": rating.from_acceptance,
            "held_for_review": rating.held,
            "created_at": rating.created_at,
            "updated_at": rating.updated_at,
        }
        for rating in rows.order_by("created_at", "pk")
    ]


def ratings_received(user) -> dict:
    """How many ratings of each value the member's posts received (who gave them is the raters' data)."""
    counts = {value: 0 for value, _label in Rating.VALUE_CHOICES}
    for row in Rating.objects.filter(recipient=user).values("value").annotate(n=Count("pk")).order_by():
        counts[row["value"]] = row["n"]
    return {
        "positive": counts[Rating.POSITIVE],
        "neutral": counts[Rating.NEUTRAL],
        "negative": counts[Rating.NEGATIVE],
        "feedback_score": user.feedback_score,
    }


def reports(user) -> list[dict]:
    """What the member reported to the moderators, and why."""
    return [
        {
            "about": f"{flag.content_type.app_label}.{flag.content_type.model}",
            "id": flag.object_id,
            "reason": flag.get_reason_display(),
            "note": flag.note,
            "created_at": flag.created_at,
        }
        for flag in Flag.objects.filter(reporter=user).select_related("content_type").order_by("created_at", "pk")
    ]
