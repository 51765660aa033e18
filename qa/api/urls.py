"""The forum's JSON API under /api/v1/ and its OpenAPI 3 schema at /api/schema/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from qa.api import reference

urlpatterns = [
    path("api/", reference.reference, name="api_reference"),
    path("api/schema/", SpectacularAPIView.as_view(urlconf="qa.api.v1_urls"), name="api_schema"),
    path("", include("qa.api.v1_urls")),
]
