"""Event test data: an event page under the calendar, registrations made through the service."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from events.models import EventIndexPage, EventPage
from hub import roles
from tests.factories import make_user

SOON = timezone.now().replace(microsecond=0) + dt.timedelta(days=60)


def calendar() -> EventIndexPage:
    """The calendar the migration made; rebuilt when a transactional test has flushed the tables."""
    index = EventIndexPage.objects.first()
    if index:
        return index
    ContentType.objects.clear_cache()  # a flush re-created the content types with new ids
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    index = EventIndexPage(title="Events", slug="events")
    root.add_child(instance=index)
    return index


def make_event(title: str = "Action Camp 2026", capacity: int = 10, organisers=(), **fields) -> EventPage:
    index = calendar()  # first: it may refresh the content types a flush re-created
    starts_at = fields.pop("starts_at", SOON)
    event = EventPage(
        title=title,
        kind=fields.pop("kind", EventPage.ACTION_CAMP),
        summary=fields.pop("summary", "A long weekend of networking, stories and planning, with families welcome."),
        starts_at=starts_at,
        ends_at=fields.pop("ends_at", starts_at + dt.timedelta(days=2)),
        venue=fields.pop("venue", "Oakfield Farm"),
        town=fields.pop("town", "Hebden Bridge"),
        capacity=capacity,
        **fields,
    )
    index.add_child(instance=event)
    event.organisers.set(organisers)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def event_organiser(db):
    return make_user("camp-organiser", role=roles.ORGANISER)


@pytest.fixture
def camp(event_organiser):
    return make_event(organisers=[event_organiser])
