"""Wagtail admin wiring for the forum: the moderation queue and listings of flags and posts."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from qa import admin_views, reputation
from qa.models import Flag


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return reputation.is_moderator(request.user)


moderation_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("hide/<str:kind>/<int:pk>/", admin_views.hide, name="hide"),
        path("restore/<str:kind>/<int:pk>/", admin_views.restore, name="restore"),
        path("lock/<str:kind>/<int:pk>/", admin_views.lock, name="lock"),
        path("dismiss/<int:pk>/", admin_views.dismiss, name="dismiss"),
        path("ratings/<int:pk>/review/", admin_views.review_rating, name="review_rating"),
    ],
    "qa_moderation",
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("qa/moderation/", include(moderation_urls))]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem("Q&A moderation", reverse("qa_moderation:queue"), icon_name="warning", order=900)


class FlagViewSet(ModelViewSet):
    """Every flag, open or resolved, filterable: the record behind the queue."""

    model = Flag
    icon = "flag"
    menu_label = "Q&A flags"
    add_to_admin_menu = False
    list_display = ["__str__", "reporter", "reason", "status", "created_at", "resolved_by"]
    list_filter = ["status", "reason"]
    # Status changes go through the queue's actions (they record who and when); only the note is editable.
    form_fields = ["note"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [FlagViewSet("qa_flags")]
