"""Limits for new members on every kind of post, through the one rate-limit helper (hub/ratelimit.py).

A new member is one whose feedback score is under `QA_NEW_ACCOUNT_SCORE` and who is neither an
Organiser nor a Moderator (the same rule the forum's limits used; it lives here so discussions use it
too). New members may post a few discussion comments an hour ("discussion-comment") and a few posts
with links an hour, whatever the kind of post ("new-member-links", counted across questions,
answers, comments and discussion comments): a minutes-old account cannot post forty comments with
links in a row. Both fail closed when the shared cache is down (docs/adr/0053).
"""

import re

from django.conf import settings

from hub import ratelimit, roles

# Markdown links and images, autolinks, bare addresses and www. names: anything a reader could follow.
LINK = re.compile(r"\]\(|<https?://|https?://|\bwww\.[^\s.]+\.", re.IGNORECASE)


def is_new_member(user) -> bool:
    """The score first: it is on the user row, while roles cost a query the first time they are read."""
    if user.feedback_score >= settings.QA_NEW_ACCOUNT_SCORE:
        return False
    return not (roles.user_has_role(user, roles.ORGANISER) or roles.user_has_role(user, roles.MODERATOR))


def count_links(text: str) -> int:
    return len(LINK.findall(text or ""))


def check_links(user, *texts: str) -> None:
    """Count one post with links for a new member; raise ratelimit.RateLimited past the limit."""
    if any(count_links(text) for text in texts) and is_new_member(user):
        ratelimit.consume("new-member-links", f"user:{user.pk}")


def check_discussion_comment(user, text: str) -> None:
    """Count one discussion comment (and its links) for a new member."""
    if not is_new_member(user):
        return
    key = f"user:{user.pk}"
    ratelimit.consume("discussion-comment", key)
    try:
        check_links(user, text)
    except ratelimit.RateLimited:
        ratelimit.undo("discussion-comment", key)  # refused for its links: it was not posted
        raise
