from django.apps import AppConfig

from hub import exports, members, subscriptions
from hub.members import MEMBER_PAGE, PROFILE, MemberSection
from search import registry


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = "Questions and answers"

    def ready(self):
        from hub import moderation  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from qa import admin_views, search_adapters, selectors, signal_handlers  # noqa: PLC0415 - they import models, loaded after every AppConfig
        from qa import exports as qa_exports  # noqa: PLC0415 - it imports models, loaded after every AppConfig

        signal_handlers.connect()
        registry.register(search_adapters.QuestionAdapter())
        registry.register(search_adapters.AnswerAdapter())
        # Its part of an organiser's profile reads nothing about the viewer either (docs/adr/0108).
        members.register(
            MemberSection("qa.profile_activity", PROFILE, selectors.profile_activity, 20, viewer_class=members.everyone)
        )
        # The forum's part of a member page reads nothing about the viewer: kept for everyone (docs/adr/0102).
        members.register(
            MemberSection(
                "qa.member_page", MEMBER_PAGE, selectors.member_page, 20, ("qa/qa.css",), viewer_class=members.everyone
            )
        )
        subscriptions.register("qa.follows", selectors.subscriptions)
        for name in ("questions", "answers", "comments", "edits", "ratings_given", "ratings_received", "reports"):
            exports.register(f"qa.{name}", getattr(qa_exports, name))
        moderation.register_section(
            moderation.QueueSection("qa.flags", "qa/moderation/queue.html", admin_views.queue_section, 10)
        )
