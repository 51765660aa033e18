"""The cohort view's overdue rules, with the clock frozen: no Confirmation of plan by month seven,
no Graduation by month thirteen, counted from each organiser's own Foundations date."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from hub import roles
from pathway.progress import add_months, progress_for
from pathway.selectors import stages_of
from tests.factories import PASSWORD, make_user
from tests.pathway.conftest import enrol, record, the_pathway

FOUNDATIONS = dt.date(2026, 1, 31)


def _at(day: str):
    return time_machine.travel(dt.datetime.fromisoformat(f"{day}T12:00:00+00:00"), tick=False)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 7, dt.date(2026, 8, 31)),
        (dt.date(2026, 1, 31), 13, dt.date(2027, 2, 28)),
        (dt.date(2027, 7, 31), 7, dt.date(2028, 2, 29)),
        (dt.date(2026, 3, 15), 13, dt.date(2027, 4, 15)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_last_day(start, months, expected):
    assert add_months(start, months) == expected


def _overdue_now(enrolment) -> list[str]:
    progress = progress_for(stages_of(the_pathway()), list(enrolment.records.all()), timezone.localdate())
    return [status.stage.slug for status in progress.overdue]


@pytest.mark.django_db
def test_confirmation_is_overdue_from_the_day_after_month_seven(author):
    enrolment = author.pathway_enrolments.get()
    record(enrolment, "foundations", FOUNDATIONS)
    with _at("2026-08-31"):
        assert _overdue_now(enrolment) == []
    with _at("2026-09-01"):
        assert _overdue_now(enrolment) == ["confirmation"]
    record(enrolment, "confirmation", dt.date(2026, 9, 1))
    with _at("2026-09-01"):
        assert _overdue_now(enrolment) == []


@pytest.mark.django_db
def test_graduation_is_overdue_from_the_day_after_month_thirteen(author):
    enrolment = author.pathway_enrolments.get()
    record(enrolment, "foundations", FOUNDATIONS)
    record(enrolment, "confirmation", dt.date(2026, 7, 20))
    with _at("2027-02-28"):
        assert _overdue_now(enrolment) == []
    with _at("2027-03-01"):
        assert _overdue_now(enrolment) == ["graduation"]
    record(enrolment, "graduation", dt.date(2027, 3, 1))
    with _at("2027-03-01"):
        assert _overdue_now(enrolment) == []


@pytest.mark.django_db
def test_without_a_foundations_date_nothing_is_overdue(author):
    with _at("2030-01-01"):
        assert _overdue_now(author.pathway_enrolments.get()) == []


@pytest.mark.django_db
def test_cohort_view_flags_each_organiser_by_their_own_foundations_date(client, cohort, trainer):
    early = make_user("early-bird", display_name="Early Bird", role=roles.ORGANISER)
    late = make_user("late-starter", display_name="Late Starter", role=roles.ORGANISER)
    record(enrol(early, cohort), "foundations", dt.date(2026, 1, 10))
    record(enrol(late, cohort), "foundations", dt.date(2026, 4, 10))
    with _at("2026-08-11"):
        client.login(username=trainer.username, password=PASSWORD)
        rows = _rows(client.get(f"/pathway/cohorts/{cohort.pk}/").content.decode())
    assert "Plan" in rows["Early Bird"] and "10 Aug 2026" in rows["Early Bird"]
    assert "Overdue" not in rows["Late Starter"] and "badge--overdue" not in rows["Late Starter"]
    with _at("2027-02-11"):
        client.login(username=trainer.username, password=PASSWORD)  # the first session has expired by then
        rows = _rows(client.get(f"/pathway/cohorts/{cohort.pk}/").content.decode())
    assert rows["Early Bird"].count("badge--overdue") == 2  # no plan, and graduation due 10 Feb 2027
    assert rows["Late Starter"].count("badge--overdue") == 1  # no plan since 10 Nov 2026


def _rows(html: str) -> dict[str, str]:
    """Each organiser's table row, by their name."""
    rows = {}
    for chunk in html.split("<tr")[2:]:
        for name in ("Early Bird", "Late Starter"):
            if f">{name}</a>" in chunk:
                rows[name] = chunk.split("</tr>")[0]
    return rows
