from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Hub core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import account_export, comments, exports, moderation, reports, signal_handlers  # noqa: PLC0415 - imports models, loaded after every AppConfig

        signal_handlers.connect()
        # The account comes first in a member's data export; the parts add theirs from their own ready().
        exports.register("account", account_export.account)
        exports.register("inbox", account_export.inbox)
        exports.register("following", account_export.following)
        exports.register("reports", account_export.reports)
        exports.register("discussion_reports", account_export.discussion_reports)
        moderation.register_section(
            moderation.QueueSection("hub.comments", "hub/moderation/comments.html", comments.queue_section, 20)
        )
        moderation.register_section(
            moderation.QueueSection("hub.reports", "hub/moderation/reports.html", reports.queue_section, 30)
        )
