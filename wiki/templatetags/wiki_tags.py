from django import template
from django.contrib.contenttypes.models import ContentType
from django_comments import get_form
from django_comments_xtd.models import XtdComment

from hub import roles
from hub.markdown import render

register = template.Library()


@register.simple_tag(takes_context=True)
def wiki_markdown(context, text: str):
    """Markdown with wiki links that know the reader (missing links offer creation to editors)."""
    request = context.get("request")
    return render(text, {"user": getattr(request, "user", None)})


def discussion_comments(page, user) -> list:
    """The page's public comments as a tree, in thread order, with their authors. One query."""
    comments = (
        XtdComment.objects.filter(
            content_type=ContentType.objects.get_for_model(page), object_pk=str(page.pk), is_public=True
        )
        .select_related("user", "content_type")
        .prefetch_related("flags")
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
