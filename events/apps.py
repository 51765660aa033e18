from django.apps import AppConfig

from hub import exports, page_context


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events import exports as event_exports  # noqa: PLC0415 - it imports models, loaded after every AppConfig
        from events import signal_handlers, views  # noqa: PLC0415 - they import models, loaded after every AppConfig
        from events.models import EventIndexPage, EventPage  # noqa: PLC0415 - models load after every AppConfig

        signal_handlers.connect()
        page_context.register(EventIndexPage, views.calendar_context)
        page_context.register(EventPage, views.event_page_context)
        exports.register("events.registrations", event_exports.registrations)
