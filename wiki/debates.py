"""What a debate page shows beyond what every wiki page shows, as shared fragments (hub/fragments.py,
docs/adr/0102, 0106): the debate itself (header, motion, opening statement, positions, where it
stands) and its comment tree, fetched with the page's sidebar in one round trip (wiki/reading.py).

- The debate's own text reads about the viewer only what hub/page_cache.py's `audience()` names
  (wiki links offer to start a missing page to those who may): one fragment per audience. Its wiki
  links are resolved in one query for all its texts.
- The comment tree reads whether the viewer is signed in (Report) and a moderator (Remove), and
  the page's address (each link's `next=`): three classes per address. Kept, it costs no query.
- A preview of a draft renders everything: it is not the page everyone sees.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.template.loader import get_template
from django_comments import get_form
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from hub import fragments, markdown, roles
from hub.page_cache import audience
from wiki import links, selectors


def discussion_comments(page, user) -> list:
    """The page's public comments as a tree, in thread order, with their authors. One query."""
    comments = (
        XtdComment.objects.filter(
            content_type=ContentType.objects.get_for_model(page), object_pk=str(page.pk), is_public=True
        )
        .select_related("user", "content_type")
        # The tree summarises each comment's flags only for likes and flagging, which this page does
        # not show: it is handed none, so it reads none (without the prefetch it would ask per comment).
        .prefetch_related(Prefetch("flags", queryset=CommentFlag.objects.none()))
        .order_by("thread_id", "order")
    )
    return XtdComment.tree_from_queryset(comments, user=user)


def parts(page, request) -> list:
    """The debate's parts beyond its sidebar, for wiki/reading.py to fetch with it: its text for the
    viewer's audience (the page's own part), and its comment tree per viewer class and address."""
    user = request.user
    is_moderator = roles.user_has_role(user, roles.MODERATOR)
    viewer = "moderator" if is_moderator else "member" if user.is_authenticated else "public"
    return [
        ("wiki-debate-main", audience(user), lambda: render_debate(page, request)),
        ("wiki-discussion", f"{viewer}|{request.path}", lambda: _render_tree(page, request, is_moderator)),
    ]


def discussion_context(page, request, count: int, tree: str) -> dict:
    """What the discussion shows around its kept tree: the comment form is the member's own."""
    user = request.user
    return {
        "discussion_tree": tree,
        "discussion_count": count,
        "discussion_form": get_form()(page) if user.is_authenticated else None,
        "discussion_next": page.get_url(request),  # with the request: Wagtail's site paths read once
    }


def render_debate(page, request) -> str:
    """The debate's header, motion, opening, positions and summary, their wiki links resolved in
    one query for all of them."""
    user = request.user
    positions = list(page.positions.select_related("author"))
    texts = [page.body, page.standing, *(position.argument for position in positions)]
    reading = links.reading_context(texts, user)
    for position in positions:
        position.argument_html = markdown.render(position.argument, reading)
    context = {
        "request": request,
        "user": user,
        "page": page,
        "page_tags": selectors.page_tags(page),
        "body_html": markdown.render(page.body, reading),
        "standing_html": markdown.render(page.standing, reading) if page.standing else "",
        "positions": positions,
    }
    return get_template("wiki/includes/debate_text.html").render(context)


def _render_tree(page, request, is_moderator: bool) -> tuple[int, str]:
    """(number of comments, the tree's HTML), each comment's addresses built from one reverse each."""
    tree = discussion_comments(page, request.user)
    if not tree:
        return 0, ""
    next_query = "?next=" + quote(request.path)  # as the template filter urlencode wrote it
    links = {
        name: [head, tail + next_query]
        for name, (head, tail) in (
            ("reply", fragments.url_parts("comments-xtd-reply")),
            ("flag", fragments.url_parts("comments-flag")),
            ("remove", fragments.url_parts("comments-delete")),
        )
    }
    context = {"request": request, "items": tree, "level": 0, "is_moderator": is_moderator, "links": links}
    return _count(tree), get_template("wiki/includes/comment_tree.html").render(context)


def _count(tree: list) -> int:
    return sum(1 + _count(item["children"]) for item in tree)
