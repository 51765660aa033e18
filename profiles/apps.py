from django.apps import AppConfig

from hub import exports, members, page_context
from hub.members import MEMBER_PAGE, MemberSection
from search import registry


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self):
        from hub import page_cache, reports, visibility  # noqa: PLC0415 - they import Wagtail's models, loaded after every AppConfig
        from profiles import directory, profile_page, search_adapters, selectors, signal_handlers  # noqa: PLC0415 - they import models, loaded after every AppConfig
        from profiles import exports as profile_exports  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from profiles.models import PAGE_RULE, OrganiserProfilePage, ProfileIndexPage, ProfilePage  # noqa: PLC0415 - models load after every AppConfig

        visibility.register_page_rule(PAGE_RULE)
        reports.register(reports.Reportable("profile", "profile", ProfilePage.objects.all, selectors.owner_of))
        registry.register(search_adapters.OrganiserAdapter())
        registry.register(search_adapters.HostAdapter())
        signal_handlers.connect()
        page_context.register(ProfileIndexPage, directory.directory_context)
        page_context.register(ProfilePage, profile_page.profile_page_context)
        page_context.register(OrganiserProfilePage, profile_page.organiser_page_context)
        exports.register("profiles.profile", profile_exports.profile)
        exports.register("profiles.hosts_maintained", profile_exports.hosts_maintained)
        # The link shows if the viewer may see the profile page (hub.visibility): kept per audience.
        members.register(
            MemberSection(
                "profiles.member_profile_link",
                MEMBER_PAGE,
                selectors.member_profile_link,
                10,
                viewer_class=lambda _member, viewer: page_cache.audience(viewer),
            )
        )
