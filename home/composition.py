"""Where one part of the hub needs another's data, joined here above both (docs/architecture.md)."""

from pathway.places import Place
from profiles import selectors as profile_selectors


def visit_places(user) -> list[Place]:
    """The hosts and exemplar projects an organiser can record a visit to: the profiles they may see."""
    return [
        Place(page_id=page.pk, name=page.title, town=page.town, is_exemplar=page.is_exemplar)
        for page in profile_selectors.places(user)
    ]
