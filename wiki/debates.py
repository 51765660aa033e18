"""What a debate page shows beyond its own fields, as shared fragments (hub/fragments.py,
docs/adr/0102): the debate itself (opening statement, positions, where it stands) and its comment
tree, both fetched in one cache round trip. A page_context provider for DebatePage (wiki/apps.py).

- The debate's own text reads about the viewer only what hub/page_cache.py's `audience()` names
  (wiki links offer to start a missing page to those who may): one fragment per audience.
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

from hub import fragments, roles
from hub.page_cache import audience


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


def debate_context(page, request) -> dict:
    """The debate's text and its discussion for this viewer (a hub.page_context provider)."""
    user = request.user
    is_moderator = roles.user_has_role(user, roles.MODERATOR)
    viewer = "moderator" if is_moderator else "member" if user.is_authenticated else "public"
    keys = [
        fragments.key("wiki-debate", page.pk, audience(user)),
        fragments.key("wiki-discussion", page.pk, f"{viewer}|{request.path}"),
    ]
    builders = (lambda: _render_debate(page, request), lambda: _render_tree(page, request, is_moderator))
    if getattr(request, "is_preview", False):
        values = [build() for build in builders]
    else:
        values = fragments.fetch(request, keys, lambda index: builders[index]())
    debate, (count, tree) = values
    debate, tree = fragments.personalise(request, [debate, tree])
    return {
        "debate_text": debate,
        "discussion_tree": tree,
        "discussion_count": count,
        "discussion_form": get_form()(page) if user.is_authenticated else None,
        "discussion_next": page.get_url(request),  # with the request: Wagtail's site paths read once
    }


def _render_debate(page, request) -> str:
    positions = list(page.positions.select_related("author"))
    context = {"request": request, "user": request.user, "page": page, "positions": positions}
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
