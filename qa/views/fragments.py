"""A question page's posts as shared fragments (hub/fragments.py, docs/adr/0102): the question's
tools and each answer, rendered once per viewer class and fetched together in one round trip.

A post's fragment reads, about the viewer: whether they are signed in, their audience (groups,
superuser: moderator controls, hidden posts, wiki links they may create), two reputation
privileges, whether they wrote the post or the question, their own rating of the post, and
whether they are suspended. That is its viewer class; members who share it share the fragment.
"""

from __future__ import annotations

import hashlib

from django.template.loader import get_template

from hub import fragments
from hub.page_cache import audience
from qa import selectors
from qa.models import Answer, Question, Rating


def _rating_part(rating: Rating | None) -> str:
    if rating is None:
        return "r-"
    digest = hashlib.sha256((rating.feedback or "").encode()).hexdigest()[:16]
    return f"r{rating.value}:{digest}"


def viewer_class(user, privileges: dict, post, question: Question, rating: Rating | None) -> str:
    """Everything about `user` that changes `post`'s fragment (see the module's docstring)."""
    if not user.is_authenticated:
        return "public"
    return "|".join(
        (
            audience(user),
            "e{:d}n{:d}".format(privileges["can_edit_others"], privileges["can_rate_negative"]),
            f"own{user.pk == post.author_id:d}asker{user.pk == question.author_id:d}",
            f"suspended{user.suspended_at is not None:d}",
            _rating_part(rating),
        )
    )


class _Links:
    """The addresses a post's tools link to, each pattern reversed once per page."""

    def __init__(self, question: Question):
        self.question = question
        self.makers = {
            kind: {
                "history": fragments.url_maker("qa:history", kind),
                "flag": fragments.url_maker("qa:flag", kind),
                "rate": fragments.url_maker("qa:rate", kind),
                "comment": fragments.url_maker("qa:comment", kind),
            }
            for kind in ("question", "answer")
        }
        self.edit = {
            "question": fragments.url_maker("qa:edit_question"),
            "answer": fragments.url_maker("qa:edit_answer"),
        }
        self.accept = fragments.url_maker("qa:accept")
        self.unaccept = fragments.url_maker("qa:unaccept")(question.pk)
        head, tail = fragments.url_maker("qa:flag", "comment")("|").split("|")
        self.comment_flag = {"flag_comment_head": head, "flag_comment_tail": tail}

    def for_post(self, kind: str, post) -> dict:
        links = {name: make(post.pk) for name, make in self.makers[kind].items()}
        links["edit"] = self.edit[kind](post.pk)
        if kind == "answer":
            links["accept"] = self.accept(post.pk)
            links["unaccept"] = self.unaccept
        return {**links, **self.comment_flag}


def render_posts(request, question: Question, answers: list[Answer], my_ratings: dict, privileges: dict):
    """The question's tools and each answer's HTML for this viewer; sets `answer.fragment` on each
    answer and returns the question's tools."""
    user = request.user
    posts = [("question", question, my_ratings["question"])]
    posts += [("answer", answer, my_ratings["answers"].get(answer.pk)) for answer in answers]
    keys = [
        fragments.key(f"qa-{kind}", post.pk, viewer_class(user, privileges, post, question, rating))
        for kind, post, rating in posts
    ]
    links = None
    templates = {
        "question": get_template("qa/includes/post_tools.html"),
        "answer": get_template("qa/includes/answer.html"),
    }

    def render(index: int) -> str:
        nonlocal links
        links = links or _Links(question)
        kind, post, rating = posts[index]
        context = {
            "request": request,
            "user": user,
            "question": question,
            "post": post,
            "kind": kind,
            "my_rating": rating,
            "links": links.for_post(kind, post),
            "csrf_token": fragments.CSRF,
            "submission": fragments.SUBMISSION,
            **privileges,
        }
        return templates[kind].render(context)

    def prepare(indexes: list[int]) -> None:
        """The comments of the answers to render, in one query (kept answers need none)."""
        selectors.load_comments([posts[index][1] for index in indexes if posts[index][0] == "answer"])

    html = fragments.personalise(request, fragments.fetch(request, keys, render, prepare))
    for answer, fragment in zip(answers, html[1:], strict=True):
        answer.fragment = fragment
    return html[0]
