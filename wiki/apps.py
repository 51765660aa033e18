from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = "Wiki"

    def ready(self):
        from hub.markdown import register_preprocessor
        from search import registry
        from wiki import links, search_adapters, signal_handlers

        register_preprocessor(links.preprocess)
        for adapter in search_adapters.ADAPTERS:
            registry.register(adapter)
        signal_handlers.connect()
