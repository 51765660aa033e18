"""What a Wagtail page shows beyond its own fields, supplied by the modules above its model.

A page model sits at the bottom of its app: the app's selectors, services and views import it, so
it cannot import them back (docs/architecture.md). Yet a wiki page shows its backlinks and
watchers, a profile its feeds, the home page the newest of every part. So a page mixes in
`PageContextMixin`, and its app's `AppConfig.ready()` says who supplies the rest:

    page_context.register(WikiPage, views.wiki_page_context)

A provider is a function `(page, request) -> dict`. Those registered for the page's class and for
each of its base classes run, the most general class first, each class's in the order registered.
The same works for objects that are not Wagtail pages: the forum's question view calls
`collect(question, request)`, and home/related.py registers the question's "Linked wiki pages".
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.apps import apps
from django.db.models.functions import Coalesce
from django.http import HttpRequest

Provider = Callable[[object, HttpRequest], dict]

_providers: dict[type, list[Provider]] = {}
_serving = threading.local()  # the request this thread is answering (hub.middleware.RequestMemoMiddleware)


def register(page_class: type, provider: Provider) -> Provider:
    """Add `provider` to what pages of `page_class` (and its subclasses) show. Registering twice is a no-op."""
    registered = _providers.setdefault(page_class, [])
    if provider not in registered:
        registered.append(provider)
    return provider


def unregister(page_class: type, provider: Provider) -> None:
    """Drop a provider (tests register throwaway ones and remove them afterwards)."""
    registered = _providers.get(page_class, [])
    if provider in registered:
        registered.remove(provider)


def providers_for(page_class: type) -> list[Provider]:
    return [provider for cls in reversed(page_class.__mro__) for provider in _providers.get(cls, [])]


def collect(page, request: HttpRequest) -> dict:
    """The context every provider for `page` adds, later providers winning on a shared key."""
    context: dict = {}
    for provider in providers_for(type(page)):
        context.update(provider(page, request))
    return context


class OneQueryViewRestrictionsMixin:
    """Wagtail checks a page's view restrictions on every request in two queries (the ancestors,
    then their restrictions). This asks the same in one: the restrictions of the page and of its
    ancestors, an alias answering for its source page as in Wagtail; in none when the page was
    routed by hub/routing.py, which read whether there are any with the page."""

    def get_view_restrictions(self):
        restriction = apps.get_model("wagtailcore", "PageViewRestriction")
        if getattr(self, "_hub_unrestricted", False):  # read when the page was routed (hub/routing.py)
            return restriction.objects.none()
        return restrictions_from_root_to(self.path)


def restrictions_from_root_to(path: str):
    """The view restrictions on the page at `path` and every page above it, an alias answering for
    its source page as in Wagtail: one query, or a subquery (hub/routing.py)."""
    # By name: the apps' AppConfig modules import this one before any model is loaded.
    page, restriction = apps.get_model("wagtailcore", "Page"), apps.get_model("wagtailcore", "PageViewRestriction")
    paths = [path[:end] for end in range(page.steplen, len(path) + 1, page.steplen)]
    sources = page.objects.filter(path__in=paths).values(source=Coalesce("alias_of_id", "id"))
    return restriction.objects.filter(page_id__in=sources)


@contextmanager
def serving(request):
    """While a request is answered, pages keep what they read once per request on it."""
    _serving.request = request
    try:
        yield
    finally:
        _serving.request = None


class SiteRootPathsPerRequestMixin:
    """`page.url` in a template asks Wagtail for the site root paths with no request, and Wagtail
    then reads them from the cache (a Redis round trip) once per page object: twenty on a page that
    lists twenty pages. While a request is answered they are read once and kept on it, as Wagtail
    does itself when given the request (`pageurl`)."""

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        if cache_object is None and not kwargs:
            cache_object = getattr(_serving, "request", None)
        return super()._get_site_root_paths(cache_object, **kwargs)


class PageContextMixin(SiteRootPathsPerRequestMixin, OneQueryViewRestrictionsMixin):
    """Mix into a Wagtail page model (before `Page`) so its context includes what providers add.
    Every hub page mixes this in, so it also checks view restrictions in one query and reads the
    site root paths once per request."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(collect(self, request))
        return context
