"""The wiki's template tags. The debate's discussion is rendered by wiki/debates.py (a page context
provider), so that it is fetched with the debate's other shared fragments in one round trip."""

from django import template

register = template.Library()


@register.filter
def comment_url(comment) -> str:
    """A discussion comment's address: its debate's page of the discussion showing it, at its anchor
    (one query: `DebatePage.comment_url`)."""
    target = comment.content_object
    if hasattr(target, "comment_url"):
        return target.comment_url(comment.pk, comment.thread_id)
    return f"{getattr(target, 'url', '')}#c{comment.pk}"
