"""iCalendar (.ics) files for the calendar and for one event, built with the `icalendar` library."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

from events.models import EventPage
from hub.notifications import absolute_url


def _uid(event: EventPage) -> str:
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "hub.invalid"
    return f"event-{event.pk}@{host}"


def _entry(event: EventPage, now: dt.datetime) -> Event:
    url = absolute_url(event.url or "/events/")
    entry = Event()
    entry.add("uid", _uid(event))
    entry.add("dtstamp", event.last_published_at or now)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    entry.add("location", ", ".join(part for part in (event.venue, event.town) if part))
    entry.add("description", f"{event.summary}\n\n{url}")
    entry.add("url", url)
    entry.add("categories", [event.get_kind_display()])
    return entry


def calendar_file(events: list[EventPage], name: str, now: dt.datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CO Knowledge Hub//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_entry(event, now))
    return calendar.to_ical()


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
