from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import views

hub_patterns = (
    [
        path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
        path("about/", views.AboutView.as_view(), name="about"),
        path("members/<str:username>/", views.member, name="member"),
    ],
    "hub",
)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/profile/", views.account_profile, name="account_profile"),
    path("accounts/", include("allauth.urls")),
    path("comments/", include("django_comments_xtd.urls")),
    path("", include(hub_patterns)),
    path("", include("search.urls")),
    path("", include("qa.urls")),
    path("", include("profiles.urls")),
    path("", include("home.urls")),
    path("", include("pathway.urls")),
    path("", include("events.urls")),
    path("", include("wiki.urls")),
]

if settings.HUB_SERVE_MEDIA:
    # Image files only: documents always go through Wagtail's document view (permissions,
    # download headers), never straight from the media folder. Behind nginx, turn this off.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images)/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page serving last: it catches every URL not matched above.
urlpatterns += [path("", include(wagtail_urls))]

handler403 = "hub.views.error_403"
handler404 = "hub.views.error_404"
handler500 = "hub.views.error_500"
