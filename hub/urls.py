from allauth.account import views as allauth_views
from csp.decorators import csp_exempt
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from hub import comments, csp, ratelimit, report_views, views


def _posted_email(request) -> str:
    return "email:" + request.POST.get("email", "").strip().lower()


def _member(request) -> str:
    return f"user:{request.user.pk}"


# allauth's views, each behind the hub's rate limits (allauth's own limiter is off). Listed before
# allauth's URLs so these win; names and paths stay allauth's.
account_patterns = [
    path("login/", ratelimit.limit("login")(allauth_views.login), name="account_login"),
    path("signup/", ratelimit.limit("signup")(allauth_views.signup), name="account_signup"),
    path(
        "password/reset/",
        ratelimit.limit("password-reset")(
            ratelimit.limit("password-reset-email", key=_posted_email)(allauth_views.password_reset)
        ),
        name="account_reset_password",
    ),
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        ratelimit.limit("password-reset-key")(allauth_views.password_reset_from_key),
        name="account_reset_password_from_key",
    ),
    path(
        "password/change/",
        ratelimit.limit("password-change", key=_member)(allauth_views.password_change),
        name="account_change_password",
    ),
    path("email/", ratelimit.limit("email-change", key=_member)(allauth_views.email), name="account_email"),
]

hub_patterns = (
    [
        path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
        path("about/", views.AboutView.as_view(), name="about"),
        path("welcome/", views.welcome, name="welcome"),
        path("help/markdown/", views.MarkdownHelpView.as_view(), name="markdown_help"),
        path("help/reputation/", views.ReputationHelpView.as_view(), name="reputation_help"),
        path("easy-read/", views.EasyReadView.as_view(), name="easy_read"),
        path("contact/", views.contact, name="contact"),
        path("markdown/preview/", views.markdown_preview, name="markdown_preview"),
        path("members/<str:username>/", views.member, name="member"),
        path("report/<slug:kind>/<int:pk>/", report_views.report, name="report"),
        path("avatars/<str:username>.svg", views.avatar, name="avatar"),
        path("inbox/", views.inbox_list, name="inbox"),
        path("inbox/read-all/", views.inbox_mark, name="inbox_read_all"),
        path("inbox/<int:pk>/", views.inbox_open, name="inbox_open"),
        path("inbox/<int:pk>/mark/", views.inbox_mark, name="inbox_mark"),
        path("following/", views.following, name="following"),
        path("csp-report/", csp.report, name="csp_report"),
    ],
    "hub",
)


def _admin(patterns: list) -> list:
    """The admins keep their own needs: Wagtail's and Django's admin pages bootstrap themselves with
    inline scripts and styles, so the public site's strict policy is not sent there (ADR 0060)."""
    return decorate_urlpatterns(patterns, csp_exempt())


urlpatterns = [
    path("django-admin/", (_admin(admin.site.get_urls()), "admin", admin.site.name)),
    path("admin/", include(_admin(wagtailadmin_urls.urlpatterns))),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/profile/", views.account_profile, name="account_profile"),
    path("accounts/profile/data/", views.account_data, name="account_data"),
    path("accounts/", include(account_patterns)),
    path("accounts/profile/picture/", views.account_avatar, name="account_avatar"),
    path("accounts/", include("allauth.urls")),
    path("comments/post/", comments.post, name="comments-post-comment"),  # the library's view, guarded
    # Removing a comment goes through the audited service, never the library's own delete view.
    path("comments/delete/<int:comment_id>/", comments.remove, name="comments-delete"),
    path("comments/moderate/<int:comment_id>/hide/", comments.hide_view, name="comments-moderate-hide"),
    path("comments/moderate/<int:comment_id>/restore/", comments.restore_view, name="comments-moderate-restore"),
    path("comments/moderate/<int:comment_id>/dismiss/", comments.dismiss_view, name="comments-moderate-dismiss"),
    path("comments/go/<int:comment_id>/", comments.go, name="comments-go"),  # a comment, on its page
    path("comments/", include("django_comments_xtd.urls")),
    path("", include(hub_patterns)),
    path("", include("home.urls")),
    path("", include("search.urls")),
    path("", include("qa.urls")),
    path("", include("profiles.urls")),
    path("", include("pathway.urls")),
    path("", include("events.urls")),
    path("", include("wiki.urls")),
]

if settings.HUB_SERVE_MEDIA:
    # Image files only: documents always go through Wagtail's document view (permissions,
    # download headers), never straight from the media folder. Behind nginx, turn this off.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?:images|original_images|avatars)/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page serving last: it catches every URL not matched above.
urlpatterns += [path("", include(wagtail_urls))]

handler403 = "hub.views.error_403"
handler404 = "hub.views.error_404"
handler500 = "hub.views.error_500"
