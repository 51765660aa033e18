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
from django.utils.safestring import mark_safe

from hub import fragments
from hub.page_cache import audience
from qa import selectors
from qa.models import Question, Rating


def _rating_part(rating: Rating | None) -> str:
    if rating is None:
        return "r-"
    digest = hashlib.sha256((rating.feedback or "").encode()).hexdigest()[:16]
    return f"r{rating.value}:{digest}"


def _common_class(user, privileges: dict, question: Question) -> str:
    """What every post's viewer class holds for a signed-in viewer: the same for all of a page's posts."""
    return "|".join(
        (
            audience(user),
            "e{:d}n{:d}".format(privileges["can_edit_others"], privileges["can_rate_negative"]),
            f"asker{user.pk == question.author_id:d}suspended{user.suspended_at is not None:d}",
        )
    )


def viewer_classes(user, privileges: dict, question: Question):
    """A function (author id, the viewer's rating) -> the viewer class of a post by that author
    (see the module's docstring); what is the same for every post is worked out once."""
    if not user.is_authenticated:
        return lambda _author_id, _rating: "public"
    common = _common_class(user, privileges, question)
    return lambda author_id, rating: f"{common}|own{user.pk == author_id:d}|{_rating_part(rating)}"


def page_class(user, privileges: dict, question: Question, my_ratings: dict, page: dict) -> str:
    """The viewer class of a question page's content (qa/includes/question_page.html, ADR 0107): what
    every post's class reads (the viewer's answer stands for `own`, their ratings for theirs) and
    what the page around the posts reads about the viewer (`page`: their answer, whether they
    follow the question, the moderator and closing privileges). Members who have not rated or
    answered anything on the question share one."""
    if not user.is_authenticated:
        return "public"
    rated = [f"q{_rating_part(my_ratings['question'])}"]
    rated += [f"a{pk}{_rating_part(rating)}" for pk, rating in sorted(my_ratings["answers"].items())]
    about_page = "answer{own_answer_id}|follows{following:d}|closes{can_close:d}|moderates{is_moderator:d}".format(
        **page
    )
    return "|".join((_common_class(user, privileges, question), about_page, ",".join(rated)))


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
        head, tail = fragments.url_parts("qa:flag", "comment")
        self.comment_flag = {"flag_comment_head": head, "flag_comment_tail": tail}

    def for_post(self, kind: str, post) -> dict:
        links = {name: make(post.pk) for name, make in self.makers[kind].items()}
        links["edit"] = self.edit[kind](post.pk)
        if kind == "answer":
            links["accept"] = self.accept(post.pk)
            links["unaccept"] = self.unaccept
        return {**links, **self.comment_flag}


def render_posts(request, question: Question, answers: list, my_ratings: dict, privileges: dict) -> list[str]:
    """[the question's tools, all its answers] as HTML for this viewer, with the stand-ins for
    per-request tokens still in (`fragments.personalise()` the page they end up in). `answers` are
    the page's `selectors.AnswerKey`s: only the answers whose kept HTML cannot be used are read in full."""
    user = request.user
    viewer_class = viewer_classes(user, privileges, question)
    posts = [("question", question.pk, question.author_id, my_ratings["question"])]
    posts += [("answer", key.pk, key.author_id, my_ratings["answers"].get(key.pk)) for key in answers]
    keys = [fragments.key(f"qa-{kind}", pk, viewer_class(author, rating)) for kind, pk, author, rating in posts]
    loaded: dict = {}
    templates = {
        "question": get_template("qa/includes/post_tools.html"),
        "answer": get_template("qa/includes/answer.html"),
    }

    def prepare(indexes: list[int]) -> None:
        """The answers to render, and the comments of those and of the question if its tools are to
        be rendered: at most two queries, whatever the number."""
        answers = [posts[i][1] for i in indexes if posts[i][0] == "answer"]
        loaded.update(selectors.answers_with_authors(question if indexes[0] == 0 else None, answers))

    links = None

    def render(index: int) -> str:
        nonlocal links
        kind, pk, _author, rating = posts[index]
        post = question if kind == "question" else loaded.get(pk)
        if post is None:  # deleted since the page's list was read
            return ""
        links = links or _Links(question)
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

    question_tools, *answer_html = fragments.fetch(request, keys, render, prepare)
    return [mark_safe(question_tools), mark_safe("".join(answer_html))]  # our templates' HTML
