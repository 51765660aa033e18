from django.apps import AppConfig

from hub import exports, members, page_context, subscriptions
from hub.markdown import register_preprocessor
from hub.members import PROFILE, MemberSection
from search import registry


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = "Wiki"

    def ready(self):
        from hub import page_cache  # noqa: PLC0415 - it imports Wagtail's models, loaded after every AppConfig
        from wiki import exports as wiki_exports  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from wiki import links, search_adapters, selectors, signal_handlers, views  # noqa: PLC0415 - they import models, loaded after every AppConfig
        from wiki.models import WikiIndexPage, WikiPage  # noqa: PLC0415 - models load after every AppConfig

        register_preprocessor(links.preprocess)
        for adapter in search_adapters.ADAPTERS:
            registry.register(adapter)
        signal_handlers.connect()
        page_context.register(WikiPage, views.wiki_page_context)
        page_context.register(WikiIndexPage, views.wiki_index_context)
        # The pages listed are those the viewer may see (hub/visibility.py): kept per audience (docs/adr/0108).
        members.register(
            MemberSection(
                "wiki.profile_contributions",
                PROFILE,
                selectors.profile_contributions,
                10,
                viewer_class=lambda _member, viewer: page_cache.audience(viewer),
            )
        )
        subscriptions.register("wiki.watches", selectors.subscriptions)
        for name in ("revisions", "debate_positions", "debate_comments"):
            exports.register(f"wiki.{name}", getattr(wiki_exports, name))
