"""Can this visitor see it: the one rule every list, feed, search entry, sitemap row and API answer
uses, the same as the page itself (docs/adr/0080-one-visibility-rule.md).

- A Wagtail page is seen when it is live and no view restriction on it or an ancestor refuses the
  visitor: "any signed-in member" refuses anonymous visitors, "these groups" refuses members outside
  them (superusers pass), and a shared password refuses everyone in lists (it lives in one browser's
  session, never in a list).
- A document is seen when no view restriction on its collection or an ancestor collection refuses
  the visitor, by the same three rules.
- A member's posts are seen while their account is not suspended (`suspended_at`); each part adds its
  own "hidden by a moderator" to that (qa.models.Moderated).

Each rule is a `Q` with an optional `prefix` for rows that point at a page, a document or an author
(`Q` on PageLogEntry with prefix "page__"), so a list applies it inside its own query: no extra
query, and the count of queries stays the same however many restrictions there are. `viewer` is a
user, an AnonymousUser or None (None: the public, as search engines and feed readers see it).
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction

PUBLIC = None  # the viewer of feeds, the sitemap and the search index: nobody signed in


def is_member(viewer) -> bool:
    return bool(viewer is not None and viewer.is_authenticated)


def _refusing(model, viewer) -> QuerySet:
    """The view restrictions of `model` that refuse `viewer`."""
    restrictions = model.objects.all()
    if not is_member(viewer):
        return restrictions
    refusing = Q(restriction_type=BaseViewRestriction.PASSWORD)
    if not viewer.is_superuser:
        through = model.groups.through.objects.filter(
            **{f"{model._meta.model_name}_id": OuterRef("pk")}, group__user=viewer.pk
        )
        refusing |= Q(restriction_type=BaseViewRestriction.GROUPS) & ~Exists(through)
    return restrictions.filter(refusing)


def _under_refusing(model, tree_field: str, outer_path: str, viewer) -> Exists:
    """A restriction refusing `viewer` sits on the row's tree node or one of its ancestors: the
    restricted node's path is a prefix of the row's path (Wagtail's and treebeard's tree paths)."""
    restricted_path = f"{tree_field}__path"
    return Exists(
        _refusing(model, viewer).filter(
            **{restricted_path: Substr(OuterRef(outer_path), 1, Length(F(restricted_path)))}
        )
    )


@dataclass(frozen=True)
class PageRule:
    """A part's own privacy for its kind of page: rows nobody sees in lists (`hidden`) and rows only
    signed-in members see (`members_only`), as conditions on that model (profiles register one)."""

    model: type
    hidden: Q | None = None
    members_only: Q | None = None


_page_rules: list[PageRule] = []


def register_page_rule(rule: PageRule) -> None:
    """Called from a part's AppConfig.ready()."""
    if rule not in _page_rules:
        _page_rules.append(rule)


def _page_rules_q(viewer, prefix: str) -> Q:
    condition = Q()
    for rule in _page_rules:
        refused = [q for q in (rule.hidden, None if is_member(viewer) else rule.members_only) if q is not None]
        if refused:
            excluded = rule.model.objects.filter(reduce(operator.or_, refused)).values("pk")
            condition &= ~Q(**{f"{prefix}pk__in": excluded})
    return condition


def pages_q(viewer, prefix: str = "") -> Q:
    """Live pages no view restriction (nor a part's own page rule) refuses to `viewer`."""
    restricted = _under_refusing(PageViewRestriction, "page", f"{prefix}path", viewer)
    return Q(**{f"{prefix}live": True}) & ~Q(restricted) & _page_rules_q(viewer, prefix)


def visible_pages(queryset: QuerySet, viewer) -> QuerySet:
    return queryset.filter(pages_q(viewer))


def documents_q(viewer, prefix: str = "") -> Q:
    """Documents in no collection whose view restriction refuses `viewer`."""
    return ~Q(_under_refusing(CollectionViewRestriction, "collection", f"{prefix}collection__path", viewer))


def visible_documents(queryset: QuerySet, viewer) -> QuerySet:
    return queryset.filter(documents_q(viewer))


def authors_q(prefix: str = "author__") -> Q:
    """Posts whose author's account is not suspended (a suspended member's posts leave every list)."""
    return Q(**{f"{prefix}suspended_at__isnull": True})


def can_see_page(page, viewer) -> bool:
    """The rule for one page (for a page reached by its id rather than served by Wagtail)."""
    return type(page).objects.filter(pk=page.pk).filter(pages_q(viewer)).exists()
