from urllib.parse import quote

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.template.loader import get_template
from django_comments import get_form
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from hub import fragments, roles

register = template.Library()


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


@register.inclusion_tag("wiki/includes/discussion.html", takes_context=True)
def discussion(context, page):
    """A debate's discussion. The comment tree is a shared fragment (hub/fragments.py, docs/adr/0102)
    kept per page address and viewer class: it reads only whether the viewer is signed in (Report)
    and a moderator (Remove), so everyone falls in one of three classes. A kept tree costs no query."""
    request = context["request"]
    user = request.user
    is_moderator = roles.user_has_role(user, roles.MODERATOR)
    viewer = "moderator" if is_moderator else "member" if user.is_authenticated else "public"
    key = fragments.key("wiki-discussion", page.pk, f"{viewer}|{request.path}")
    [(count, tree)] = fragments.fetch(request, [key], lambda _index: _render_tree(page, request, is_moderator))
    return {
        "request": request,
        "page": page,
        "tree": fragments.personalise(request, [tree])[0],
        "count": count,
        "form": get_form()(page) if user.is_authenticated else None,
    }


def _render_tree(page, request, is_moderator: bool) -> tuple[int, str]:
    """(number of comments, the tree's HTML), each comment's addresses built from one reverse each."""
    tree = discussion_comments(page, request.user)
    if not tree:
        return 0, ""
    next_query = "?next=" + quote(request.path)  # as the template filter urlencode wrote it
    links = {
        name: [part + (next_query if index else "") for index, part in enumerate(_split(maker))]
        for name, maker in (
            ("reply", fragments.url_maker("comments-xtd-reply")),
            ("flag", fragments.url_maker("comments-flag")),
            ("remove", fragments.url_maker("comments-delete")),
        )
    }
    context = {"request": request, "items": tree, "level": 0, "is_moderator": is_moderator, "links": links}
    return _count(tree), get_template("wiki/includes/comment_tree.html").render(context)


def _split(maker) -> list[str]:
    """An address pattern's text before and after the comment's id."""
    return maker("|").split("|")


def _count(tree: list) -> int:
    return sum(1 + _count(item["children"]) for item in tree)
