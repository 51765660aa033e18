"""The wiki's template tags. The debate's discussion is rendered by wiki/debates.py (a page context
provider), so that it is fetched with the debate's other shared fragments in one round trip."""

from django import template

register = template.Library()
