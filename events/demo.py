"""Demo gatherings: Action Camp filled to capacity with a waiting list, a Foundations residential with
places left, and an open day that takes no registrations.

Registrations go through events/services.py, so capacity and the waiting list follow the same rules
as on the site. Idempotent: an event found by slug is left alone, and so are its registrations.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from events import demo_data, services
from events.models import EventIndexPage, EventPage, Registration
from hub.demo_support import DemoContext

SATURDAY, FRIDAY = 5, 4


def load(demo: DemoContext) -> None:
    index = EventIndexPage.objects.first()
    if index is None:
        demo.step("No events calendar found: run `manage.py migrate` first.")
        return
    today = timezone.localdate()
    plans = [
        (demo_data.ACTION_CAMP, SATURDAY, demo_data.ACTION_CAMP_REGISTRATIONS),
        (demo_data.FOUNDATIONS, FRIDAY, demo_data.FOUNDATIONS_REGISTRATIONS),
        (demo_data.OPEN_DAY, SATURDAY, []),
    ]
    for row, weekday, registrations in plans:
        event = _event(demo, index, row, _first_day(today, row["weeks_ahead"], weekday))
        _register(demo, event, registrations)


def _first_day(today: dt.date, weeks_ahead: int | None, weekday: int) -> dt.date:
    """The given weekday `weeks_ahead` weeks on; with None, the first in June at least four weeks on."""
    if weeks_ahead is None:
        year = today.year if today + dt.timedelta(weeks=4) < dt.date(today.year, 6, 1) else today.year + 1
        day = dt.date(year, 6, 1)
    else:
        day = today + dt.timedelta(weeks=weeks_ahead)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _programme(days: list[tuple], first_day: dt.date) -> list[tuple]:
    """StreamField data: one block per day, its label with the date ("Saturday 6 June")."""
    blocks = []
    for number, (label, items) in enumerate(days):
        day = first_day + dt.timedelta(days=number)
        rows = [{"time": time, "title": title, "description": text} for time, title, text in items]
        blocks.append(("day", {"day": f"{label} {day.day} {day:%B}", "items": rows}))
    return blocks


@transaction.atomic
def _event(demo: DemoContext, index: EventIndexPage, row: dict, first_day: dt.date) -> EventPage:
    existing = EventPage.objects.filter(slug=row["slug"]).first()
    if existing:
        demo.step(f"Event “{existing.title}” already there")
        return existing
    last_day = first_day + dt.timedelta(days=row["days"] - 1)
    title = f"{row['title']} {first_day.year}" if row["kind"] == EventPage.ACTION_CAMP else row["title"]
    event = EventPage(
        title=title,
        slug=row["slug"],
        kind=row["kind"],
        summary=row["summary"],
        starts_at=_at(first_day, 10),
        ends_at=_at(last_day, 16),
        venue=row["venue"],
        town=row["town"],
        address=row["address"],
        body=row["body"],
        programme=_programme(row["programme"], first_day),
        access_info=row["access_info"],
        capacity=row["capacity"],
        registration_closes_on=first_day - dt.timedelta(days=7) if row["capacity"] else None,
        children_welcome=row["children_welcome"],
    )
    index.add_child(instance=event)
    organisers = [demo.user(username) for username in row["organisers"]]
    event.organisers.set(organisers)
    event.save_revision(user=organisers[0]).publish(user=organisers[0], skip_permission_checks=True)
    demo.step(f"Event “{title}”: {first_day:%a %d %b %Y}, {row['capacity'] or 'no'} places")
    return EventPage.objects.get(pk=event.pk)


def _register(demo: DemoContext, event: EventPage, rows: list[tuple]) -> None:
    """Each party registers a day apart, the earliest three weeks ago, in the order listed."""
    if not rows or Registration.objects.filter(event=event).exists():
        return
    first = timezone.now() - dt.timedelta(days=len(rows) + 21)
    for number, (username, adults, children, access, dietary) in enumerate(rows):
        services.register(
            demo.user(username),
            event,
            adults=adults,
            children=children,
            access_needs=access,
            dietary_needs=dietary,
            now=first + dt.timedelta(days=number, hours=number % 5),
        )
    listing = Registration.objects.filter(event=event)
    confirmed = listing.filter(status=Registration.CONFIRMED).count()
    waiting = listing.filter(status=Registration.WAITING).count()
    demo.step(
        f"Registrations for “{event.title}”: {confirmed} confirmed, {waiting} waiting, "
        f"{services.places_taken(event)} of {event.capacity} places taken"
    )
