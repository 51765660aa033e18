"""Limits for new accounts, through the hub's one rate-limit helper (hub/ratelimit.py).

A member whose feedback score is under settings.QA_NEW_ACCOUNT_SCORE may, for example, ask one
question per 10 minutes and give 20 ratings a day (settings.QA_RATE_LIMITS). Organisers and
Moderators are not limited; flags are limited for every member. The counters live in the shared
cache and hold across every app server; with the cache down these limits fail closed
(docs/adr/0053). Services check a limit after their own validation, just before they write.
"""

from django.conf import settings

from hub import moderation, newcomers, ratelimit
from qa.services.errors import NotAllowed, RateLimited

# (what the member may do, the thing counted): "New members can ask 1 question every 10 minutes."
MESSAGES = {
    "question": ("New members can ask {count} {thing} every {period}.", "question"),
    "answer": ("New members can post {count} {thing} every {period}.", "answer"),
    "comment": ("New members can post {count} {thing} every {period}.", "comment"),
    "rating": ("New members can give {count} {thing} every {period}.", "rating"),
    "flag": ("You can report {count} {thing} every {period}.", "post"),
}


def _message(kind: str, count: int, seconds: int) -> str:
    text, thing = MESSAGES[kind]
    return text.format(count=count, thing=thing if count == 1 else f"{thing}s", period=_period(seconds))


def _period(seconds: int) -> str:
    if seconds % 86400 == 0:
        days = seconds // 86400
        return "day" if days == 1 else f"{days} days"
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "hour" if hours == 1 else f"{hours} hours"
    return f"{seconds // 60} minutes"


def check_not_suspended(user) -> None:
    """A suspended member reads but never writes (hub/moderation.py)."""
    try:
        moderation.check_can_write(user)
    except moderation.Suspended as error:
        raise NotAllowed(error.message) from None


def is_limited(user) -> bool:
    return newcomers.is_new_member(user)


def check_links(user, *texts: str) -> None:
    """New members post few posts with links, across every kind of post (hub/newcomers.py)."""
    try:
        newcomers.check_links(user, *texts)
    except ratelimit.RateLimited as error:
        raise RateLimited(error.message, error.retry_after) from None


def check(kind: str, user) -> None:
    """Count one `kind` for `user`; raise RateLimited when they have done it as often as allowed."""
    if kind != "flag" and not is_limited(user):
        return
    count, seconds = settings.QA_RATE_LIMITS[kind]
    message = _message(kind, count, seconds)
    try:
        ratelimit.consume(f"qa-{kind}", f"user:{user.pk}", rate=(count, seconds), message=message)
    except ratelimit.RateLimited as error:
        raise RateLimited(error.message, error.retry_after) from None
