"""Registration rules: who may register, capacity and the waiting list, cancelling, who sees the list.

Every write locks the event's row first (`select_for_update`), so registrations and cancellations
for one event run one at a time and capacity holds exactly under concurrent requests. On SQLite
the hub's transactions are IMMEDIATE, which serialises writers the same way. See docs/adr/0071.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from events.models import MAX_PARTY, EventPage, Registration
from hub.notifications import IMMEDIATE, Message, absolute_url, notify


class RegistrationError(Exception):
    """A registration that cannot be made; the message is shown to the member as it is."""


def can_see_registrations(user, event: EventPage) -> bool:
    """The event's organisers and superusers: the list holds people's access and dietary needs."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or event.organisers.filter(pk=user.pk).exists()


def check_can_see_registrations(user, event: EventPage) -> None:
    if not can_see_registrations(user, event):
        raise PermissionDenied("Only this event's organisers can see who registered.")


def closed_reason(event: EventPage, now: dt.datetime) -> str:
    """Why registration is closed, or "" when it is open."""
    if not event.takes_registrations:
        return "This event does not take registrations."
    if not event.registration_open:
        return "Registration for this event is closed."
    if event.starts_at <= now:
        return "This event has started, so registration is closed."
    if event.registration_closes_on and timezone.localdate(now) > event.registration_closes_on:
        return "The last day to register has passed."
    return ""


def places_taken(event: EventPage) -> int:
    confirmed = Registration.objects.filter(event_id=event.pk, status=Registration.CONFIRMED)
    return confirmed.aggregate(total=Sum(F("adults") + F("children")))["total"] or 0


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when the registration is not waiting."""
    if registration.status != Registration.WAITING:
        return None
    ahead = Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    waiting = Registration.objects.filter(event_id=registration.event_id, status=Registration.WAITING)
    return waiting.filter(ahead).count() + 1


def _lock(event: EventPage) -> EventPage:
    """The event's own row, locked until the transaction ends; its capacity as published now."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _fill(event: EventPage, now: dt.datetime, newcomer_id: int | None = None) -> list[Registration]:
    """Confirm waiting registrations in the order they came while their party fits the free places.

    A party too large for the places left keeps its turn: smaller parties behind it may move up,
    and it moves up first once enough places free (docs/adr/0071). Returns the registrations moved."""
    free = event.capacity - places_taken(event)
    moved: list[Registration] = []
    if free <= 0:
        return moved
    for registration in Registration.objects.filter(event=event, status=Registration.WAITING).order_by(
        "created_at", "pk"
    ):
        if registration.places > free:
            continue
        registration.status = Registration.CONFIRMED
        registration.confirmed_at = now
        registration.moved_up_at = None if registration.pk == newcomer_id else now
        registration.save(update_fields=["status", "confirmed_at", "moved_up_at"])
        moved.append(registration)
        free -= registration.places
        if free == 0:
            break
    return moved


def _tell_moved_up(event: EventPage, moved: list[Registration], newcomer_id: int | None = None) -> None:
    """Email each member whose registration moved up from the waiting list (after the commit)."""
    url = absolute_url(reverse("events:register", args=[event.slug]))
    for registration in moved:
        if registration.pk == newcomer_id:
            continue
        text = (
            f"Good news: a place freed up at {event.title} and it is yours now. Your registration for "
            f"{registration.adults} adult(s) and {registration.children} child(ren) or young people is confirmed.\n"
            "If you can no longer come, please cancel so the next person on the waiting list gets the place."
        )
        notify(
            registration.user,
            Message(subject=f"Your place at {event.title} is confirmed", text=text, url=url),
            IMMEDIATE,
        )


def validate_party(event: EventPage, adults: int, children: int) -> None:
    if adults < 1:
        raise RegistrationError("At least one adult must come: register the adult who brings the children.")
    if children and not event.children_welcome:
        raise RegistrationError("This event is for adults only.")
    if adults + children > MAX_PARTY:
        raise RegistrationError(
            f"One registration can bring up to {MAX_PARTY} people. Register a larger group in parts."
        )


@transaction.atomic
def register(
    user,
    event: EventPage,
    *,
    adults: int,
    children: int = 0,
    access_needs: str = "",
    dietary_needs: str = "",
    now: dt.datetime | None = None,
) -> Registration:
    """Register a party: a place when it fits and nobody is ahead of it, otherwise the waiting list."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied("Log in to register.")
    now = now or timezone.now()
    event = _lock(event)
    reason = closed_reason(event, now)
    if reason:
        raise RegistrationError(reason)
    validate_party(event, adults, children)
    if Registration.objects.filter(event=event, user=user, status__in=Registration.ACTIVE).exists():
        raise RegistrationError("You are already registered for this event. Cancel that registration to change it.")
    registration = Registration.objects.create(
        event=event,
        user=user,
        adults=adults,
        children=children,
        access_needs=access_needs.strip(),
        dietary_needs=dietary_needs.strip(),
        status=Registration.WAITING,
        created_at=now,
    )
    moved = _fill(event, now, newcomer_id=registration.pk)
    _tell_moved_up(event, moved, newcomer_id=registration.pk)
    registration.refresh_from_db()
    return registration


@transaction.atomic
def cancel(user, registration: Registration, now: dt.datetime | None = None) -> list[Registration]:
    """The member cancels their own registration; freed places go down the waiting list at once.

    Returns the registrations that moved up. Cancelling twice changes nothing."""
    if not (user.is_authenticated and (registration.user_id == user.pk or user.is_superuser)):
        raise PermissionDenied("You can only cancel your own registration.")
    now = now or timezone.now()
    event = _lock(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Registration.CANCELLED:
        return []
    registration.status = Registration.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    moved = _fill(event, now)
    _tell_moved_up(event, moved)
    return moved


@transaction.atomic
def fill_places(event: EventPage, now: dt.datetime | None = None) -> list[Registration]:
    """Move the waiting list up after the capacity grew (an editor published the event)."""
    event = _lock(event)
    moved = _fill(event, now or timezone.now())
    _tell_moved_up(event, moved)
    return moved
