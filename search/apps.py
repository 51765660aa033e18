from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import signal_handlers  # noqa: PLC0415 - it imports Wagtail's models, loaded after every AppConfig

        signal_handlers.connect()
