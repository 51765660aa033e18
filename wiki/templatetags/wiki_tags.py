from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django_comments import get_form
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment

from hub import roles

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
    request = context["request"]
    tree = discussion_comments(page, request.user)
    return {
        "request": request,
        "page": page,
        "tree": tree,
        "count": _count(tree),
        "form": get_form()(page) if request.user.is_authenticated else None,
        "is_moderator": roles.user_has_role(request.user, roles.MODERATOR),
    }


def _count(tree: list) -> int:
    return sum(1 + _count(item["children"]) for item in tree)
