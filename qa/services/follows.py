"""Following questions and tags, and telling followers what changed."""

from django.db import IntegrityError, transaction
from django.urls import reverse

from hub import notifications
from qa.models import Follow, Question

FOLLOW_TOKEN_KIND = "qa.follow"  # noqa: S105 - a label, not a secret


def follow(user, *, question: Question | None = None, tag=None, frequency: str = notifications.IMMEDIATE) -> Follow:
    lookup = {"question": question} if question is not None else {"tag": tag}
    try:
        with transaction.atomic():
            item, _ = Follow.objects.update_or_create(user=user, **lookup, defaults={"frequency": frequency})
    except IntegrityError:
        item = Follow.objects.get(user=user, **lookup)
    return item


def unfollow(user, *, question: Question | None = None, tag=None) -> int:
    lookup = {"question": question} if question is not None else {"tag": tag}
    deleted, _ = Follow.objects.filter(user=user, **lookup).delete()
    return deleted


def unsubscribe_url(item: Follow) -> str:
    token = notifications.make_unsubscribe_token(FOLLOW_TOKEN_KIND, item.pk)
    return notifications.absolute_url(reverse("qa:unsubscribe", args=[token]))


def followers_of(question: Question) -> list[Follow]:
    """One Follow per member: a question follow wins over a tag follow for the same member."""
    tag_ids = [tag.pk for tag in question.tags.all()]
    follows = Follow.objects.filter(question=question) | Follow.objects.filter(tag_id__in=tag_ids)
    chosen: dict[int, Follow] = {}
    for item in follows.select_related("user").order_by("question_id", "pk"):
        if item.user_id not in chosen or item.question_id:
            chosen[item.user_id] = item
    return list(chosen.values())


def tell_followers(question: Question, subject: str, text: str, url: str, actor, kind: str = "follow") -> int:
    """Notify everyone following the question or one of its tags, except whoever acted."""
    sent = 0
    for item in followers_of(question):
        if item.user_id == getattr(actor, "pk", None):
            continue
        message = notifications.Message(
            subject=subject,
            text=text,
            url=notifications.absolute_url(url),
            unsubscribe_url=unsubscribe_url(item),
            kind=kind,
        )
        notifications.notify(item.user, message, item.frequency)
        sent += 1
    return sent
