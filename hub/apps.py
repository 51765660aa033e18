from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Hub core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import signal_handlers  # noqa: PLC0415 - imports models, loaded after every AppConfig

        signal_handlers.connect()
