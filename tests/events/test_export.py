"""The organisers' registration list and its CSV export, safe against formula injection."""

import csv
import io

import pytest

from events import services
from hub import roles
from hub.csv_export import safe_cell
from tests.events.conftest import make_event
from tests.factories import PASSWORD, make_user


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("Wheelchair user; needs a ramp", "Wheelchair user; needs a ramp"),
        ("", ""),
        (None, ""),
        (3, 3),
        (True, "yes"),
    ],
)
def test_safe_cell_neutralises_every_formula_start(value, expected):
    assert safe_cell(value) == expected


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.django_db
def test_export_lists_everyone_and_no_cell_starts_a_formula(client, camp, event_organiser):
    attacker = make_user("attacker", display_name="=cmd|' /C calc'!A0")
    services.register(attacker, camp, adults=2, children=1, access_needs="@SUM(1+1)", dietary_needs="-1+1")
    services.register(make_user("full"), camp, adults=7)
    services.register(make_user("waiting", display_name="+Waiting Person"), camp, adults=1)
    client.login(username=event_organiser.username, password=PASSWORD)
    response = client.get("/events/action-camp-2026/registrations.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="registrations-action-camp-2026.csv"'
    header, *rows = _rows(response)
    assert header[:7] == [
        "Status",
        "Waiting list number",
        "Name",
        "Username",
        "Email",
        "Adults",
        "Children and young people",
    ]
    assert [(row[0], row[1], row[2], row[5], row[6]) for row in rows] == [
        ("Place confirmed", "", "'=cmd|' /C calc'!A0", "2", "1"),
        ("Place confirmed", "", "full", "7", "0"),
        ("On the waiting list", "1", "'+Waiting Person", "1", "0"),
    ]
    assert (rows[0][7], rows[0][8]) == ("'@SUM(1+1)", "'-1+1")
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    assert not [cell for row in rows for cell in row if cell.startswith(dangerous)]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.MEMBER, roles.ORGANISER, roles.HOST, roles.MODERATOR, roles.TRAINER])
def test_only_the_events_organisers_see_the_list_and_the_export(client, camp, role):
    services.register(make_user("someone"), camp, adults=1, access_needs="Private need")
    client.login(username=make_user("curious", role=role).username, password=PASSWORD)
    for path in ("/events/action-camp-2026/registrations/", "/events/action-camp-2026/registrations.csv"):
        response = client.get(path)
        assert response.status_code == 403
        assert b"Private need" not in response.content
    client.logout()
    assert client.get("/events/action-camp-2026/registrations.csv")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_superuser_sees_every_events_list(client, camp, superuser):
    client.login(username=superuser.username, password=PASSWORD)
    assert client.get("/events/action-camp-2026/registrations/").status_code == 200


@pytest.mark.django_db
def test_the_list_shows_totals_and_the_waiting_list_in_order(client, camp, event_organiser):
    services.register(
        make_user("fam", display_name="Family Ahmed"), camp, adults=2, children=3, access_needs="Quiet tent"
    )
    services.register(make_user("group"), camp, adults=5)
    services.register(make_user("w1", display_name="First Waiting"), camp, adults=1)
    services.register(make_user("w2", display_name="Second Waiting"), camp, adults=2)
    client.login(username=event_organiser.username, password=PASSWORD)
    html = client.get("/events/action-camp-2026/registrations/").content.decode()
    assert "10 of 10 places taken: 7 adults and 3 children or young people." in html
    assert "2 registrations (3 places) on the waiting list." in html
    assert html.index("First Waiting") < html.index("Second Waiting")
    assert "Quiet tent" in html


def _list_queries(client, django_assert_num_queries, count: int):
    client.get("/events/action-camp-2026/registrations/")
    with django_assert_num_queries(count):
        assert client.get("/events/action-camp-2026/registrations/").status_code == 200


@pytest.mark.django_db
def test_the_list_query_count_does_not_grow_with_registrations(client, event_organiser, django_assert_num_queries):
    event = make_event(capacity=100, organisers=[event_organiser])
    services.register(make_user("one"), event, adults=1)
    client.login(username=event_organiser.username, password=PASSWORD)
    _list_queries(client, django_assert_num_queries, 5)
    for n in range(30):
        services.register(make_user(f"more{n}"), event, adults=4)
    _list_queries(client, django_assert_num_queries, 5)
