"""The kinds of post in the forum, in one place.

A kind's key names it in addresses (/questions/rate/<kind>/<pk>/), in the API and in the moderators'
queue, and it is the name of the field by which comments, ratings and revisions point at a post of
that kind (their `question` and `answer` foreign keys). Views, the API, the admin and the services
look kinds up here instead of keeping maps of their own.
"""

from dataclasses import dataclass

from django.db import models

from qa.models import Answer, Comment, Question


@dataclass(frozen=True)
class PostKind:
    key: str
    model: type[models.Model]
    # Questions and answers are rated, commented on and edited with revisions; comments are not.
    is_rated_post: bool


KINDS = (
    PostKind("question", Question, is_rated_post=True),
    PostKind("answer", Answer, is_rated_post=True),
    PostKind("comment", Comment, is_rated_post=False),
)
_BY_KEY = {kind.key: kind for kind in KINDS}
RATED_POST_KEYS = tuple(kind.key for kind in KINDS if kind.is_rated_post)


def model_for(key: str, *, rated_posts_only: bool = False) -> type[models.Model] | None:
    """The model a key names, or None for an unknown key (or a comment, when only posts will do)."""
    kind = _BY_KEY.get(key)
    if kind is None or (rated_posts_only and not kind.is_rated_post):
        return None
    return kind.model


def key_of(obj) -> str:
    return next(kind.key for kind in KINDS if isinstance(obj, kind.model))


def pointer(post) -> dict:
    """How a comment, rating or revision points at `post`: {"question": post} or {"answer": post}."""
    return {key_of(post): post}


def question_of(obj) -> Question:
    """The question whose page shows `obj` (a question, an answer or a comment)."""
    if isinstance(obj, Question):
        return obj
    if isinstance(obj, Answer):
        return obj.question
    return obj.question or obj.answer.question
