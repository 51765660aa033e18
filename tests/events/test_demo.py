"""The events demo loader: Action Camp filled to capacity with families and a waiting list, two other
upcoming gatherings, pages that render, and a safe second run."""

from io import StringIO

import pytest
from django.utils import timezone

from events import demo as events_demo
from events import services
from events.models import EventPage, Registration
from hub import demo as hub_demo
from hub.demo_support import DEMO_PASSWORD, DemoContext

pytestmark = pytest.mark.django_db


def test_demo_fills_action_camp_with_a_waiting_list_and_runs_again_safely(client):
    context = DemoContext(out=StringIO())
    hub_demo.load(context)
    events_demo.load(context)
    camp = EventPage.objects.get(slug="action-camp")
    assert camp.kind == EventPage.ACTION_CAMP and camp.children_welcome and camp.starts_at > timezone.now()
    assert (camp.ends_at - camp.starts_at).days == 2 and timezone.localtime(camp.starts_at).weekday() == 5
    assert [block.value["day"].split()[0] for block in camp.programme] == ["Saturday", "Sunday", "Monday"]
    assert services.places_taken(camp) == camp.capacity == 48
    confirmed = Registration.objects.filter(event=camp, status=Registration.CONFIRMED)
    waiting = Registration.objects.filter(event=camp, status=Registration.WAITING)
    assert waiting.count() == 3 and sorted(services.waiting_position(r) for r in waiting) == [1, 2, 3]
    assert sum(r.children for r in confirmed) >= 15
    assert confirmed.exclude(access_needs="").count() >= 4 and confirmed.exclude(dietary_needs="").count() >= 6
    upcoming = EventPage.objects.live().filter(starts_at__gt=timezone.now()).exclude(pk=camp.pk)
    assert sorted(upcoming.values_list("kind", flat=True)) == [EventPage.OPEN_DAY, EventPage.RESIDENTIAL]

    html = client.get("/events/action-camp/").content.decode()
    assert "Full: registering puts you on the waiting list" in html and "Young people" in html
    calendar = client.get("/events/").content.decode()
    assert all(event.title in calendar for event in EventPage.objects.all())
    assert client.get("/events/calendar.ics").content.decode().count("BEGIN:VEVENT") == 3
    client.login(username="member-lewis", password=DEMO_PASSWORD)
    assert "Join the waiting list" in client.get("/events/action-camp/register/").content.decode()
    client.login(username="victor", password=DEMO_PASSWORD)
    listing = client.get("/events/action-camp/registrations/")
    assert listing.status_code == 200 and "Canalside Youth Project" in listing.content.decode()
    assert client.get("/events/action-camp/registrations.csv").status_code == 200

    before = (EventPage.objects.count(), Registration.objects.count())
    events_demo.load(context)
    assert (EventPage.objects.count(), Registration.objects.count()) == before
    assert "already there" in context.out.getvalue()
