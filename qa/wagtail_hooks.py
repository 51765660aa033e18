"""Wagtail admin wiring for the forum: its moderation actions (its queue is a section of the hub's
Moderation page, hub/moderation_admin.py) and the listing of flags."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from qa import admin_views
from qa.models import Flag

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
