"""What the event pages show beyond their own fields: the calendar, places left, your registration."""

from django import template
from django.utils import timezone

from events import selectors, services

register = template.Library()


@register.simple_tag
def event_calendar() -> dict:
    now = timezone.now()
    return {"months": selectors.by_month(selectors.upcoming(now)), "past": selectors.recent_past(now)}


@register.simple_tag
def event_status(event, user) -> dict:
    """Places left, why registration is closed (if it is), and the visitor's own registration."""
    registration = selectors.active_registration(user, event)
    return {
        "places_left": max(0, event.capacity - services.places_taken(event)),
        "closed": services.closed_reason(event, timezone.now()),
        "registration": registration,
        "position": services.waiting_position(registration) if registration else None,
        "can_see_list": services.can_see_registrations(user, event),
    }
