from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from hub import moderation, moderation_admin, task_admin


@hooks.register("insert_global_admin_js")
def markdown_editor_without_network():
    """Turn off EasyMDE's spell checker, which would download dictionaries from a CDN, on every admin
    page with a Markdown field (pages and snippets alike), before the editor starts."""
    return format_html('<script src="{}"></script>', static("js/admin-markdown.js"))


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


task_urls = (
    [
        path("", task_admin.task_list, name="list"),
        path("retry-failed/", task_admin.retry_all_failed, name="retry_all"),
        path("<uuid:pk>/", task_admin.task_detail, name="detail"),
        path("<uuid:pk>/retry/", task_admin.retry, name="retry"),
    ],
    "hub_tasks",
)


@hooks.register("register_admin_urls")
def register_task_urls():
    return [path("background-tasks/", include(task_urls))]


@hooks.register("register_settings_menu_item")
def register_task_menu_item():
    return SuperuserMenuItem("Background tasks", reverse("hub_tasks:list"), icon_name="cogs", order=900)


@hooks.register("insert_global_admin_css")
def markdown_editor_icons():
    """The Markdown editor's toolbar icons, from the hub's own files (no icon font from a CDN)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-markdown.css"))


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.is_moderator(request.user)


moderation_urls = (
    [
        path("", moderation_admin.queue, name="queue"),
        path("suspend/", moderation_admin.suspend, name="suspend"),
        path("unsuspend/", moderation_admin.unsuspend, name="unsuspend"),
        path("reports/<int:pk>/dismiss/", moderation_admin.dismiss_report, name="dismiss_report"),
        path("offline/<slug:kind>/<int:pk>/", moderation_admin.take_offline, name="take_offline"),
        path("online/<slug:kind>/<int:pk>/", moderation_admin.put_back, name="put_back"),
    ],
    "hub_moderation",
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include(moderation_urls))]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem("Moderation", reverse("hub_moderation:queue"), icon_name="warning", order=890)
