"""Read-side queries of events: the calendar, one member's registrations, the organisers' list."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import EventPage, Registration

PAST_EVENTS = 10


def _with_places(queryset: QuerySet) -> QuerySet:
    confirmed = Q(registrations__status=Registration.CONFIRMED)
    waiting = Q(registrations__status=Registration.WAITING)
    return queryset.annotate(
        taken=Coalesce(Sum(F("registrations__adults") + F("registrations__children"), filter=confirmed), 0),
        waiting=Coalesce(Sum(F("registrations__adults") + F("registrations__children"), filter=waiting), 0),
    ).annotate(places_left=F("capacity") - F("taken"))


def upcoming(now: dt.datetime) -> list[EventPage]:
    """Live, public events that have not ended, soonest first, with `.taken`, `.waiting` and `.places_left`."""
    events = EventPage.objects.live().public().filter(ends_at__gte=now).order_by("starts_at", "pk")
    return list(_with_places(events))


def recent_past(now: dt.datetime, limit: int = PAST_EVENTS) -> list[EventPage]:
    return list(EventPage.objects.live().public().filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:limit])


def by_month(events: list[EventPage]) -> list[tuple[dt.date, list[EventPage]]]:
    """Group events under the first day of the month they start in (local time)."""
    months: dict[dt.date, list[EventPage]] = {}
    for event in events:
        months.setdefault(timezone.localtime(event.starts_at).date().replace(day=1), []).append(event)
    return list(months.items())


def live_event(slug: str) -> EventPage | None:
    return _with_places(EventPage.objects.live().public().filter(slug=slug)).first()


def active_registration(user, event: EventPage) -> Registration | None:
    if not (user and user.is_authenticated):
        return None
    return Registration.objects.filter(event_id=event.pk, user=user, status__in=Registration.ACTIVE).first()


def registrations_of(user) -> list[Registration]:
    """A member's registrations, newest event first, cancelled ones included so they can see them."""
    return list(
        Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at", "-created_at")
    )


@dataclass
class RegistrationList:
    confirmed: list[Registration]
    waiting: list[Registration]
    cancelled: list[Registration]

    @property
    def totals(self) -> dict:
        return {
            "adults": sum(r.adults for r in self.confirmed),
            "children": sum(r.children for r in self.confirmed),
            "places": sum(r.places for r in self.confirmed),
            "waiting_places": sum(r.places for r in self.waiting),
        }


def registration_list(event: EventPage) -> RegistrationList:
    """Every registration of the event with its member, in one query, in waiting-list order."""
    rows = list(Registration.objects.filter(event_id=event.pk).select_related("user").order_by("created_at", "pk"))
    return RegistrationList(
        confirmed=[r for r in rows if r.status == Registration.CONFIRMED],
        waiting=[r for r in rows if r.status == Registration.WAITING],
        cancelled=[r for r in rows if r.status == Registration.CANCELLED],
    )
