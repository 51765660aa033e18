"""When an event is published with more places, the waiting list moves up (events/services.py).

Imported from EventsConfig.ready(), once the models are loaded."""

from wagtail.signals import page_published

from events import services
from events.models import EventPage


def _event_published(sender, instance, **kwargs):
    services.fill_places(instance)


def connect() -> None:
    page_published.connect(_event_published, sender=EventPage, dispatch_uid="events_fill_places_on_publish")
