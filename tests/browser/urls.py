"""The hub's URLs plus three test-only routes that answer with the real 403, 429 and 500 pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from hub.urls import handler403, handler404, handler500
from hub.urls import urlpatterns as hub_urlpatterns
from hub.views import too_many_requests

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def forbidden(request):
    raise PermissionDenied("Browser test: a page this visitor may not see.")


def rate_limited(request):
    return too_many_requests(request, retry_after=60)


def server_error(request):
    raise RuntimeError("Browser test: a deliberate server error to show the 500 page.")


urlpatterns = [
    path("__browser-test__/403/", forbidden),
    path("__browser-test__/429/", rate_limited),
    path("__browser-test__/500/", server_error),
    *hub_urlpatterns,
]
