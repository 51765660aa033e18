"""Thin views of events: register, see and cancel your own, the organisers' list and CSV, .ics feeds.

The event pages themselves are Wagtail pages (events/models.py); these views find them by slug.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from events import ical, selectors, services
from events.forms import RegistrationForm
from events.models import Registration
from hub.csv_export import csv_response


def calendar_context(page, request) -> dict:
    """The calendar page: upcoming events by month, and the most recent past ones."""
    now = timezone.now()
    return {"months": selectors.by_month(selectors.upcoming(now)), "past": selectors.recent_past(now)}


def event_page_context(page, request) -> dict:
    """An event page: places left, why registration is closed (if it is), the visitor's registration."""
    registration = selectors.active_registration(request.user, page)
    return {
        "places_left": max(0, page.capacity - services.places_taken(page)),
        "closed": services.closed_reason(page, timezone.now()),
        "registration": registration,
        "position": services.waiting_position(registration) if registration else None,
        "can_see_list": services.can_see_registrations(request.user, page),
    }


def _event(slug: str):
    event = selectors.live_event(slug)
    if event is None:
        raise Http404("No such event.")
    return event


def register(request, slug: str):
    """The registration page: your registration if you have one, otherwise the form."""
    event = _event(slug)
    now = timezone.now()
    registration = selectors.active_registration(request.user, event)
    form = None
    if registration is None and request.user.is_authenticated and not services.closed_reason(event, now):
        form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST":
        return _register_post(request, event, form)
    context = {
        "event": event,
        "registration": registration,
        "position": services.waiting_position(registration) if registration else None,
        "form": form,
        "closed": services.closed_reason(event, now),
        "places_left": max(0, event.places_left),
    }
    return render(request, "events/register.html", context)


def _register_post(request, event, form):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if form is None or not form.is_valid():
        if form is None:
            messages.error(request, services.closed_reason(event, timezone.now()) or "You are already registered.")
            return redirect("events:register", slug=event.slug)
        context = {"event": event, "form": form, "places_left": max(0, event.places_left)}
        return render(request, "events/register.html", context, status=400)
    data = form.cleaned_data
    try:
        registration = services.register(
            request.user,
            event,
            adults=data["adults"],
            children=data.get("children") or 0,
            access_needs=data["access_needs"],
            dietary_needs=data["dietary_needs"],
        )
    except services.RegistrationError as error:
        messages.error(request, str(error))
        return redirect("events:register", slug=event.slug)
    if registration.status == Registration.CONFIRMED:
        messages.success(request, f"You are registered for {event.title}. Your place is confirmed.")
    else:
        position = services.waiting_position(registration)
        messages.success(
            request,
            f"{event.title} is full, so you are on the waiting list (number {position}). "
            "We will email you if a place frees up.",
        )
    return redirect("events:register", slug=event.slug)


@login_required
@require_POST
def cancel(request, pk: int):
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, user=request.user)
    services.cancel(request.user, registration)
    messages.success(request, f"Your registration for {registration.event.title} is cancelled.")
    return redirect("events:mine")


@login_required
def mine(request):
    registrations = selectors.registrations_of(request.user)
    rows = [(registration, services.waiting_position(registration)) for registration in registrations]
    return render(request, "events/my_registrations.html", {"rows": rows})


@login_required
def registrations(request, slug: str):
    event = _event(slug)
    services.check_can_see_registrations(request.user, event)
    return render(request, "events/registrations.html", {"event": event, "list": selectors.registration_list(event)})


CSV_HEADER = [
    "Status",
    "Waiting list number",
    "Name",
    "Username",
    "Email",
    "Adults",
    "Children and young people",
    "Access needs",
    "Dietary needs",
    "Registered at",
    "Moved up from the waiting list at",
]


@login_required
def registrations_csv(request, slug: str):
    event = _event(slug)
    services.check_can_see_registrations(request.user, event)
    listing = selectors.registration_list(event)
    rows = [_csv_row(r, None) for r in listing.confirmed]
    rows += [_csv_row(r, number) for number, r in enumerate(listing.waiting, start=1)]
    return csv_response(f"registrations-{event.slug}.csv", CSV_HEADER, rows)


def _csv_row(registration: Registration, waiting_number: int | None) -> list:
    moved_up = registration.moved_up_at
    return [
        registration.get_status_display(),
        waiting_number if waiting_number else "",
        registration.user.public_name,
        registration.user.username,
        registration.user.email,
        registration.adults,
        registration.children,
        registration.access_needs,
        registration.dietary_needs,
        timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        timezone.localtime(moved_up).strftime("%Y-%m-%d %H:%M") if moved_up else "",
    ]


def calendar_ics(request):
    now = timezone.now()
    body = ical.calendar_file(selectors.upcoming(now), "CO Knowledge Hub events", now)
    return ical.ics_response(body, "co-knowledge-hub-events.ics")


def event_ics(request, slug: str):
    event = _event(slug)
    return ical.ics_response(ical.calendar_file([event], event.title, timezone.now()), f"{event.slug}.ics")
