"""The wiki's template tags. The debate's discussion is rendered by wiki/debates.py (a page context
provider), so that it is fetched with the debate's other shared fragments in one round trip."""

from django import template

from hub import comments

register = template.Library()


@register.filter
def comment_url(comment) -> str:
    """A discussion comment's address: its debate's page of the discussion showing it, at its anchor
    (one query: `DebatePage.comment_url`, through hub.comments.target_address)."""
    return comments.target_address(comment)
