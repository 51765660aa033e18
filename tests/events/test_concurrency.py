"""Fifty members register for the same event at the same moment on PostgreSQL: capacity holds exactly.

Real threads, each with its own database connection, released together by a barrier."""

import random

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.events.conftest import make_event
from tests.factories import make_user
from tests.threads import all_at_once

PEOPLE = 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_registrations_fill_exactly_the_capacity():
    assert connection.vendor == "postgresql"
    event = make_event(capacity=30)
    people = [make_user(f"rush{n}") for n in range(PEOPLE)]
    errors = all_at_once(lambda person: services.register(person, event, adults=1), people)
    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == PEOPLE
    assert statuses.count(Registration.CONFIRMED) == 30
    assert statuses.count(Registration.WAITING) == 20
    waiting = Registration.objects.filter(event=event, status=Registration.WAITING)
    assert sorted(services.waiting_position(r) for r in waiting) == list(range(1, 21))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_families_never_overfill_and_leave_no_place_a_waiting_party_fits():
    event = make_event(capacity=60)
    rng = random.Random(15)
    parties = [(make_user(f"family{n}"), rng.randint(1, 3), rng.randint(0, 3)) for n in range(PEOPLE)]
    errors = all_at_once(lambda party: services.register(party[0], event, adults=party[1], children=party[2]), parties)
    assert errors == []
    rows = list(Registration.objects.filter(event=event))
    assert len(rows) == PEOPLE
    taken = sum(r.places for r in rows if r.status == Registration.CONFIRMED)
    assert taken <= 60
    smallest_waiting = min((r.places for r in rows if r.status == Registration.WAITING), default=None)
    assert smallest_waiting is None or smallest_waiting > 60 - taken
    assert services.places_taken(event) == taken


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_move_up_exactly_as_many_as_left():
    event = make_event(capacity=20)
    confirmed = [services.register(make_user(f"in{n}"), event, adults=1) for n in range(20)]
    waiting = [services.register(make_user(f"wait{n}"), event, adults=1) for n in range(15)]
    leaving = confirmed[:10]
    errors = all_at_once(lambda registration: services.cancel(registration.user, registration), leaving)
    assert errors == []
    assert Registration.objects.filter(event=event, status=Registration.CONFIRMED).count() == 20
    moved = Registration.objects.filter(pk__in=[r.pk for r in waiting], status=Registration.CONFIRMED)
    assert sorted(moved.values_list("pk", flat=True)) == [r.pk for r in waiting[:10]]
    assert Registration.objects.filter(event=event, status=Registration.WAITING).count() == 5
