"""Limits for new accounts, counted from rows already in the database (no counter to drift).

A member whose feedback score is under settings.QA_NEW_ACCOUNT_SCORE may, for example, ask one
question per 10 minutes and give 20 ratings a day. Organisers and Moderators are not limited.
"""

import datetime as dt

from django.conf import settings

from hub import roles
from qa.models import Answer, Comment, Flag, Question, Rating
from qa.services.errors import RateLimited

MESSAGES = {
    "question": "New members can ask {count} question(s) every {period}.",
    "answer": "New members can post {count} answer(s) every {period}.",
    "comment": "New members can post {count} comment(s) every {period}.",
    "rating": "New members can give {count} rating(s) every {period}.",
    "flag": "You can report {count} post(s) every {period}.",
}


def _period(seconds: int) -> str:
    if seconds % 86400 == 0:
        days = seconds // 86400
        return "day" if days == 1 else f"{days} days"
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "hour" if hours == 1 else f"{hours} hours"
    return f"{seconds // 60} minutes"


def is_limited(user) -> bool:
    if roles.user_has_role(user, roles.ORGANISER) or roles.user_has_role(user, roles.MODERATOR):
        return False
    return user.feedback_score < settings.QA_NEW_ACCOUNT_SCORE


def _recent(kind: str, user, since: dt.datetime):
    querysets = {
        "question": Question.objects.filter(author=user, created_at__gte=since).values_list("created_at"),
        "answer": Answer.objects.filter(author=user, created_at__gte=since).values_list("created_at"),
        "comment": Comment.objects.filter(author=user, created_at__gte=since).values_list("created_at"),
        "rating": Rating.objects.filter(rater=user, updated_at__gte=since, from_acceptance=False).values_list(
            "updated_at"
        ),
        "flag": Flag.objects.filter(reporter=user, created_at__gte=since).values_list("created_at"),
    }
    return sorted(moment for (moment,) in querysets[kind])


def check(kind: str, user, now: dt.datetime) -> None:
    """Raise RateLimited when `user` has already done `kind` as often as allowed in the period."""
    if kind != "flag" and not is_limited(user):
        return
    count, seconds = settings.QA_RATE_LIMITS[kind]
    since = now - dt.timedelta(seconds=seconds)
    recent = _recent(kind, user, since)
    if len(recent) < count:
        return
    oldest = recent[-count]
    retry_after = max(1, int((oldest + dt.timedelta(seconds=seconds) - now).total_seconds()))
    raise RateLimited(MESSAGES[kind].format(count=count, period=_period(seconds)), retry_after)
