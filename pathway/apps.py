from django.apps import AppConfig

from hub import exports, members


class PathwayConfig(AppConfig):
    name = "pathway"
    verbose_name = "Training pathway"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pathway import exports as pathway_exports  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from pathway import selectors  # noqa: PLC0415 - it imports models, loaded after every AppConfig

        exports.register("pathway.enrolments", pathway_exports.enrolments)
        exports.register("pathway.reflections", pathway_exports.reflections)

        # An organiser's profile and every member page show where they are on the pathway (if they
        # let it show), and a member page says when its member co-trains (while they agree to it).
        members.register(
            members.MemberSection(
                "pathway.profile_progress",
                members.PROFILE,
                selectors.member_progress,
                order=5,
                stylesheets=("pathway/pathway.css",),
                viewer_class=members.everyone,  # reads nothing about the viewer (docs/adr/0102, 0108)
            )
        )
        members.register(
            members.MemberSection(
                "pathway.member_co_trainer",
                members.MEMBER_PAGE,
                selectors.member_co_trainer,
                order=12,
                viewer_class=members.everyone,  # reads nothing about the viewer (docs/adr/0102)
            )
        )
        members.register(
            members.MemberSection(
                "pathway.member_progress",
                members.MEMBER_PAGE,
                selectors.member_progress,
                order=15,
                stylesheets=("pathway/pathway.css",),
                viewer_class=members.everyone,  # reads nothing about the viewer (docs/adr/0102)
            )
        )
