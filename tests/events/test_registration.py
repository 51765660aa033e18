"""Registering, the waiting list, cancelling your own registration, and places moving up."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from hub import roles
from tests.events.conftest import make_event
from tests.factories import PASSWORD, make_user


def _register(user, event, adults=1, children=0, **kwargs):
    return services.register(user, event, adults=adults, children=children, **kwargs)


@pytest.mark.django_db
def test_a_family_takes_one_place_each_and_fills_the_event(camp):
    family = _register(make_user("fam"), camp, adults=2, children=3, dietary_needs="One vegan")
    assert family.status == Registration.CONFIRMED and family.places == 5
    assert _register(make_user("single"), camp, adults=5).status == Registration.CONFIRMED
    late = _register(make_user("late"), camp)
    assert late.status == Registration.WAITING
    assert services.waiting_position(late) == 1
    assert services.places_taken(camp) == 10


@pytest.mark.django_db
def test_the_waiting_list_keeps_the_order_people_came_in(camp):
    _register(make_user("full"), camp, adults=10)
    waiting = [_register(make_user(f"waiting{n}"), camp) for n in range(3)]
    assert [services.waiting_position(r) for r in waiting] == [1, 2, 3]


@pytest.mark.django_db(transaction=False)
def test_cancelling_moves_the_first_on_the_waiting_list_up_and_emails_them(camp, django_capture_on_commit_callbacks):
    first = _register(make_user("first"), camp, adults=10)
    waiting = _register(make_user("waiting", email="waiting@example.org"), camp, adults=2, children=1)
    second = _register(make_user("second-waiting"), camp)
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.cancel(first.user, first)
    assert [r.pk for r in moved] == [waiting.pk, second.pk]
    waiting.refresh_from_db()
    assert waiting.status == Registration.CONFIRMED and waiting.moved_up_at is not None
    assert [m.to for m in mail.outbox] == [["waiting@example.org"], ["second-waiting@example.org"]]
    assert mail.outbox[0].subject == "Your place at Action Camp 2026 is confirmed"
    assert "a place freed up at Action Camp 2026 and it is yours now" in mail.outbox[0].body
    assert "/events/action-camp-2026/register/" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_family_too_big_for_the_places_freed_keeps_its_turn(camp):
    a = _register(make_user("a"), camp, adults=8)
    b = _register(make_user("b"), camp, adults=2)
    big = _register(make_user("big"), camp, adults=2, children=2)
    small = _register(make_user("small"), camp, adults=2)
    services.cancel(b.user, b)  # frees 2: the family of 4 does not fit, the pair behind it does
    big.refresh_from_db(), small.refresh_from_db()
    assert (big.status, small.status) == (Registration.WAITING, Registration.CONFIRMED)
    assert services.waiting_position(big) == 1
    services.cancel(a.user, a)  # frees 8: the family moves up first
    big.refresh_from_db()
    assert big.status == Registration.CONFIRMED and services.places_taken(camp) == 6


@pytest.mark.django_db
def test_a_newcomer_does_not_jump_ahead_of_someone_who_fits(camp):
    _register(make_user("a"), camp, adults=9)
    waiting_pair = _register(make_user("pair"), camp, adults=2)
    newcomer = _register(make_user("newcomer"), camp, adults=1)
    assert (waiting_pair.status, newcomer.status) == (Registration.WAITING, Registration.CONFIRMED)
    later = _register(make_user("later"), camp, adults=1)
    assert later.status == Registration.WAITING and services.waiting_position(later) == 2


@pytest.mark.django_db
def test_cancelling_twice_changes_nothing_and_nobody_cancels_anothers(camp):
    mine = _register(make_user("mine"), camp, adults=10)
    waiting = _register(make_user("wait"), camp, adults=1)
    with pytest.raises(services.PermissionDenied):
        services.cancel(waiting.user, mine)
    assert services.cancel(mine.user, mine) == [services.Registration.objects.get(pk=waiting.pk)]
    assert services.cancel(mine.user, mine) == []
    assert Registration.objects.filter(status=Registration.CONFIRMED).count() == 1


@pytest.mark.django_db
def test_one_active_registration_per_member_and_event(camp):
    person = make_user("twice")
    _register(person, camp)
    with pytest.raises(services.RegistrationError, match="already registered"):
        _register(person, camp)
    services.cancel(person, Registration.objects.get(user=person))
    assert _register(person, camp).status == Registration.CONFIRMED
    assert Registration.objects.filter(user=person).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "adults", "children", "message"),
    [
        ({"registration_open": False}, 1, 0, "Registration for this event is closed."),
        ({"capacity": 0}, 1, 0, "This event does not take registrations."),
        ({"children_welcome": False}, 1, 2, "This event is for adults only."),
        ({}, 0, 2, "At least one adult must come"),
        ({}, 6, 7, "up to 12 people"),
        ({"registration_closes_on": dt.date(2020, 1, 1)}, 1, 0, "The last day to register has passed."),
    ],
)
def test_registrations_that_cannot_be_made_say_why_and_store_nothing(fields, adults, children, message):
    event = make_event(**{"capacity": 10, **fields})
    with pytest.raises(services.RegistrationError, match=message):
        _register(make_user("hopeful"), event, adults=adults, children=children)
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_an_event_that_has_started_takes_no_registrations():
    event = make_event(starts_at=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(services.RegistrationError, match="has started"):
        _register(make_user("late"), event)


@pytest.mark.django_db
def test_publishing_more_places_moves_the_waiting_list_up(camp, django_capture_on_commit_callbacks):
    _register(make_user("a"), camp, adults=10)
    waiting = _register(make_user("w"), camp, adults=3)
    camp.capacity = 13
    with django_capture_on_commit_callbacks(execute=True):
        camp.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.CONFIRMED
    assert [m.to for m in mail.outbox] == [["w@example.org"]]


# --- through the pages --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_member_registers_a_family_through_the_form_and_sees_it(client, camp):
    member = make_user("parent", role=roles.MEMBER)
    client.login(username=member.username, password=PASSWORD)
    url = "/events/action-camp-2026/register/"
    assert "Children and young people (under 18)" in client.get(url).content.decode()
    response = client.post(url, {"adults": 2, "children": 2, "access_needs": "Step-free tent", "dietary_needs": ""})
    assert response.status_code == 302 and response["Location"] == url
    registration = Registration.objects.get(user=member)
    assert (registration.adults, registration.children, registration.access_needs) == (2, 2, "Step-free tent")
    page = client.get(url).content.decode()
    assert "Your place is confirmed." in page and "Cancel my registration" in page
    assert "You are registered: your place is confirmed" in client.get(camp.url).content.decode()


@pytest.mark.django_db
def test_a_full_event_puts_the_member_on_the_waiting_list_and_says_so(client, camp):
    _register(make_user("early"), camp, adults=10)
    member = make_user("parent")
    client.login(username=member.username, password=PASSWORD)
    form = client.get("/events/action-camp-2026/register/").content.decode()
    assert "The event is full" in form and "Join the waiting list" in form
    response = client.post("/events/action-camp-2026/register/", {"adults": 1, "children": 1}, follow=True)
    assert "you are on the waiting list (number 1)" in response.content.decode()
    assert Registration.objects.get(user=member).status == Registration.WAITING


@pytest.mark.django_db
def test_bad_numbers_answer_400_and_store_nothing(client, camp):
    client.login(username=make_user("parent").username, password=PASSWORD)
    response = client.post("/events/action-camp-2026/register/", {"adults": 0, "children": 20})
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_visitors_are_asked_to_log_in_and_nothing_is_stored(client, camp):
    assert "Log in to register" in client.get("/events/action-camp-2026/register/").content.decode()
    response = client.post("/events/action-camp-2026/register/", {"adults": 1})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_member_cancels_their_own_and_not_anothers(client, camp):
    mine = _register(make_user("me"), camp)
    theirs = _register(make_user("them"), camp)
    client.login(username="me", password=PASSWORD)
    assert client.post(f"/events/registrations/{theirs.pk}/cancel/").status_code == 404
    assert client.get(f"/events/registrations/{mine.pk}/cancel/").status_code == 405
    assert client.post(f"/events/registrations/{mine.pk}/cancel/")["Location"] == "/events/mine/"
    assert Registration.objects.get(pk=mine.pk).status == Registration.CANCELLED
    assert Registration.objects.get(pk=theirs.pk).status == Registration.CONFIRMED
    assert "Cancelled" in client.get("/events/mine/").content.decode()
