"""The calendar page and its iCalendar feeds; the event page; query counts that do not grow."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from events import services
from events.models import EventPage
from tests.events.conftest import SOON, make_event
from tests.factories import PASSWORD, make_user


def _events(body: bytes) -> list:
    return [component for component in Calendar.from_ical(body).walk() if component.name == "VEVENT"]


@pytest.mark.django_db
def test_the_calendar_feed_has_every_upcoming_event_and_no_past_one(client):
    camp = make_event("Action Camp 2026", starts_at=SOON)
    make_event("Open day at Riverside", kind=EventPage.OPEN_DAY, starts_at=SOON + dt.timedelta(days=10))
    make_event("Last year's camp", starts_at=timezone.now() - dt.timedelta(days=300))
    response = client.get("/events/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(response.content)
    assert [str(event["summary"]) for event in events] == ["Action Camp 2026", "Open day at Riverside"]
    first = events[0]
    assert first["dtstart"].dt == camp.starts_at and first["dtend"].dt == camp.ends_at
    assert str(first["uid"]) == f"event-{camp.pk}@127.0.0.1"
    assert str(first["location"]) == "Oakfield Farm, Hebden Bridge"
    assert "/events/action-camp-2026/" in str(first["url"])


@pytest.mark.django_db
def test_one_events_feed_and_titles_with_commas_and_semicolons(client):
    make_event("Camp; families, friends and neighbours")
    events = _events(client.get("/events/camp-families-friends-and-neighbours/event.ics").content)
    assert [str(event["summary"]) for event in events] == ["Camp; families, friends and neighbours"]


@pytest.mark.django_db
def test_unpublished_events_are_in_no_feed_and_have_no_pages(client):
    event = make_event("Draft gathering")
    event.unpublish()
    assert _events(client.get("/events/calendar.ics").content) == []
    assert client.get("/events/draft-gathering/event.ics").status_code == 404
    assert client.get("/events/draft-gathering/register/").status_code == 404


@pytest.mark.django_db
def test_the_calendar_page_groups_by_month_and_shows_places_left(client):
    camp = make_event("Action Camp 2026", capacity=3)
    services.register(make_user("a"), camp, adults=3)
    make_event("Open day", kind=EventPage.OPEN_DAY, capacity=50, starts_at=SOON + dt.timedelta(days=40))
    html = client.get("/events/").content.decode()
    assert timezone.localtime(SOON).strftime("%B %Y") in html
    assert "Full: you can join the waiting list" in html and "50 of 50 places left" in html
    assert html.index("Action Camp 2026") < html.index("Open day")


def _page_queries(client, path: str, django_assert_num_queries, count: int) -> str:
    client.get(path)
    with django_assert_num_queries(count):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_calendar_query_count_does_not_grow_with_events(client, django_assert_num_queries):
    make_event("Gathering 0")
    _page_queries(client, "/events/", django_assert_num_queries, 7)
    for n in range(1, 8):
        event = make_event(f"Gathering {n}", starts_at=SOON + dt.timedelta(days=n))
        services.register(make_user(f"person{n}"), event, adults=2)
    html = _page_queries(client, "/events/", django_assert_num_queries, 7)
    assert html.count('class="event-card"') == 8


@pytest.mark.django_db
def test_event_page_query_count_does_not_grow_with_registrations(client, camp, django_assert_num_queries):
    member = make_user("parent")
    services.register(member, camp, adults=1)
    client.login(username=member.username, password=PASSWORD)
    _page_queries(client, camp.url, django_assert_num_queries, 7)
    for n in range(20):
        services.register(make_user(f"more{n}"), camp, adults=1)
    html = _page_queries(client, camp.url, django_assert_num_queries, 7)
    assert "You are registered: your place is confirmed" in html
