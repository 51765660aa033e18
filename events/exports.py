"""The events' part of a member's data export (hub/exports.py): their registrations, cancelled ones too."""

from events.models import Registration


def registrations(user) -> list[dict]:
    rows = Registration.objects.filter(user=user).select_related("event").order_by("created_at", "pk")
    return [
        {
            "event": {"id": row.event_id, "title": row.event.title, "starts_at": row.event.starts_at},
            "status": row.get_status_display(),
            "adults": row.adults,
            "children": row.children,
            "access_needs": row.access_needs,
            "dietary_needs": row.dietary_needs,
            "registered_at": row.created_at,
            "confirmed_at": row.confirmed_at,
            "cancelled_at": row.cancelled_at,
        }
        for row in rows
    ]
