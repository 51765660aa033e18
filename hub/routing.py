"""Wagtail's page routing in one query instead of two per level (docs/adr/0101).

Wagtail walks the URL one slug at a time from the site's root: a query for the child, another for
its specific row, at every level. `route_from()` reads every page on the path at once by
`url_path`, then hands the deepest one the rest of the path through its own `route()`, so routable
pages (wiki history, directory filters) and 404s behave exactly as before. A page model may name
in `served_with` the foreign keys its page always shows: the deepest page is read with them. When a page on the way
(not the deepest) has routes of its own, which Wagtail tries before its children, it falls back
to Wagtail's walk.
"""

from __future__ import annotations

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def route_from(root: Page, request, path_components: list[str], fallback):
    candidates = [
        root.url_path + "/".join(path_components[:depth]) + "/" for depth in range(1, len(path_components) + 1)
    ]
    chain = list(Page.objects.filter(url_path__in=candidates).order_by("depth"))
    contiguous = all(page.url_path == candidates[index] for index, page in enumerate(chain))
    if not chain or not contiguous or any(_has_routes(page) for page in chain[:-1]):
        return fallback(request, path_components)
    deepest = chain[-1]
    model = deepest.specific_class
    served_with = getattr(model, "served_with", ())  # foreign keys every view of the page shows
    page = model._default_manager.select_related(*served_with).get(pk=deepest.pk) if served_with else deepest.specific
    return page.route(request, path_components[len(chain) :])


def _has_routes(page: Page) -> bool:
    model = page.specific_class
    return model is None or issubclass(model, RoutablePageMixin)
