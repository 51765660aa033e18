from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from hub import moderation  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from search import indexing, signal_handlers  # noqa: PLC0415 - they import models, loaded after every AppConfig

        signal_handlers.connect()
        # A member suspended or let back: everything they wrote leaves or rejoins the index.
        moderation.on_account_change(indexing.update_author)
