from django.apps import AppConfig

from hub import members
from search import registry


class QaConfig(AppConfig):
    name = "qa"
    verbose_name = "Questions and answers"

    def ready(self):
        from qa import search_adapters, selectors  # noqa: PLC0415 - they import models, loaded after every AppConfig

        registry.register(search_adapters.QuestionAdapter())
        registry.register(search_adapters.AnswerAdapter())
        members.register(
            members.MemberSection(
                "qa.profile_activity",
                members.PROFILE,
                "qa/includes/profile_activity.html",
                selectors.profile_activity,
                20,
            )
        )
        members.register(
            members.MemberSection(
                "qa.member_page",
                members.MEMBER_PAGE,
                "qa/includes/member_page.html",
                selectors.member_page,
                20,
                stylesheets=("qa/qa.css",),
            )
        )
