"""Trainers and co-trainers: cohorts, training teams, sessions run as equals, attendance, consent."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hub import roles
from pathway.models import Attendance, Cohort, CoTrainer, Enrolment, TrainingSession
from tests.factories import PASSWORD, make_user
from tests.pathway.conftest import enrol, make_co_trainer, make_cohort, make_reflection, record, stage


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.mark.django_db
def test_a_trainer_starts_a_cohort_and_joins_its_team(client, trainer):
    _login(client, trainer)
    response = client.post(
        "/pathway/cohorts/new/", {"name": "Coast, autumn 2026", "starts_on": "2026-09-05", "area": "South West"}
    )
    cohort = Cohort.objects.get(name="Coast, autumn 2026")
    assert response["Location"] == f"/pathway/cohorts/{cohort.pk}/"
    assert list(cohort.team.all()) == [trainer]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.MEMBER, roles.ORGANISER, roles.HOST, roles.MODERATOR])
def test_other_roles_cannot_start_or_see_cohorts(client, cohort, role):
    person = make_user("not-a-trainer", role=role)
    _login(client, person)
    assert client.get("/pathway/cohorts/").status_code == 403
    assert client.post("/pathway/cohorts/new/", {"name": "Mine", "starts_on": "2026-09-05"}).status_code == 403
    assert client.get(f"/pathway/cohorts/{cohort.pk}/").status_code == 403
    assert not Cohort.objects.filter(name="Mine").exists()


@pytest.mark.django_db
def test_a_trainer_sees_only_the_cohorts_they_train(client, cohort):
    stranger = make_user("trainer-elsewhere", role=roles.TRAINER)
    _login(client, stranger)
    assert client.get(f"/pathway/cohorts/{cohort.pk}/").status_code == 403
    assert cohort.name not in client.get("/pathway/cohorts/").content.decode()


@pytest.mark.django_db
def test_a_trainer_adds_and_removes_organisers(client, cohort, trainer):
    person = make_user("new-organiser", role=roles.ORGANISER)
    _login(client, trainer)
    client.post(f"/pathway/cohorts/{cohort.pk}/organisers/add/", {"username": "new-organiser"})
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.cohort == cohort
    client.post(f"/pathway/cohorts/{cohort.pk}/organisers/{enrolment.pk}/remove/")
    enrolment.refresh_from_db()
    assert enrolment.cohort is None
    response = client.post(
        f"/pathway/cohorts/{cohort.pk}/organisers/add/", {"username": "nobody-by-this-name"}, follow=True
    )
    assert "No member has the username" in response.content.decode()


@pytest.mark.django_db
def test_only_trainers_and_consenting_co_trainers_join_a_team(client, cohort, trainer):
    make_user("plain-member", role=roles.MEMBER)
    co = make_co_trainer("co-cara", recorded_by=trainer)
    _login(client, trainer)
    client.post(f"/pathway/cohorts/{cohort.pk}/team/add/", {"username": "plain-member"})
    client.post(f"/pathway/cohorts/{cohort.pk}/team/add/", {"username": "co-cara"})
    assert set(cohort.team.values_list("username", flat=True)) == {trainer.username, co.username}


@pytest.mark.django_db
def test_a_co_trainer_on_the_team_runs_sessions_but_does_not_change_the_cohort(client, cohort, author):
    co = make_co_trainer("co-cara")
    cohort.team.add(co)
    _login(client, co)
    assert client.get(f"/pathway/cohorts/{cohort.pk}/").status_code == 200
    enrolment = author.pathway_enrolments.get()
    assert client.post(f"/pathway/cohorts/{cohort.pk}/organisers/{enrolment.pk}/remove/").status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.cohort == cohort


@pytest.mark.django_db
def test_a_session_lists_trainers_and_co_trainers_together_and_records_attendance(client, cohort, trainer, author):
    co = make_co_trainer("co-cara")
    co.display_name = "Cara Jones"
    co.save()
    cohort.team.add(co)
    _login(client, trainer)
    response = client.post(
        f"/pathway/cohorts/{cohort.pk}/sessions/new/",
        {
            "stage": stage("e2").pk,
            "starts_at": "2026-03-14T10:00",
            "ends_at": "2026-03-14T13:00",
            "place": "Keystone hall",
            "team": [str(trainer.pk), str(co.pk)],
        },
    )
    session = TrainingSession.objects.get()
    assert response["Location"] == f"/pathway/sessions/{session.pk}/"
    assert set(session.team.all()) == {trainer, co}
    html = client.get(f"/pathway/sessions/{session.pk}/").content.decode()
    team_list = html.split('<ul class="team-list">')[1].split("</ul>")[0]
    assert team_list == "<li>Cara Jones</li><li>trainer-tess</li>"  # one list, by name, no ranks

    enrolment = author.pathway_enrolments.get()
    client.post(f"/pathway/sessions/{session.pk}/", {f"status-{enrolment.pk}": "attended"})
    assert list(Attendance.objects.values_list("enrolment_id", "status", "recorded_by")) == [
        (enrolment.pk, "attended", trainer.pk)
    ]


@pytest.mark.django_db
def test_sessions_need_a_foundations_or_e_session_stage_and_a_team_from_the_cohort(client, cohort, trainer):
    outsider = make_user("trainer-elsewhere", role=roles.TRAINER)
    _login(client, trainer)
    base = {"starts_at": "2026-03-14T10:00", "ends_at": "2026-03-14T13:00", "place": "Hall"}
    assert (
        client.post(
            f"/pathway/cohorts/{cohort.pk}/sessions/new/", {**base, "stage": stage("graduation").pk}
        ).status_code
        == 400
    )
    response = client.post(
        f"/pathway/cohorts/{cohort.pk}/sessions/new/", {**base, "stage": stage("e1").pk, "team": [str(outsider.pk)]}
    )
    assert response.status_code == 400
    assert not TrainingSession.objects.exists()


@pytest.mark.django_db
def test_organisers_of_the_cohort_see_a_session_but_cannot_record_attendance(client, cohort, trainer, author):
    session = TrainingSession.objects.create(
        cohort=cohort,
        stage=stage("e1"),
        starts_at="2026-02-14T10:00Z",
        ends_at="2026-02-14T13:00Z",
        place="Keystone hall",
    )
    _login(client, author)
    html = client.get(f"/pathway/sessions/{session.pk}/").content.decode()
    assert "Keystone hall" in html and "Who came" not in html
    enrolment = author.pathway_enrolments.get()
    assert client.post(f"/pathway/sessions/{session.pk}/", {f"status-{enrolment.pk}": "attended"}).status_code == 403
    assert not Attendance.objects.exists()
    _login(client, make_user("outsider", role=roles.ORGANISER))
    assert client.get(f"/pathway/sessions/{session.pk}/").status_code == 403


@pytest.mark.django_db
def test_attendance_is_only_for_the_cohorts_own_organisers(client, cohort, trainer):
    session = TrainingSession.objects.create(
        cohort=cohort, stage=stage("e1"), starts_at="2026-02-14T10:00Z", ends_at="2026-02-14T13:00Z", place="Hall"
    )
    stranger = enrol(make_user("not-in-cohort", role=roles.ORGANISER))
    _login(client, trainer)
    response = client.post(f"/pathway/sessions/{session.pk}/", {f"status-{stranger.pk}": "attended"}, follow=True)
    assert "only be recorded for this cohort" in response.content.decode()
    assert not Attendance.objects.exists()


def _cohort_queries(client, cohort) -> int:
    client.get(f"/pathway/cohorts/{cohort.pk}/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/pathway/cohorts/{cohort.pk}/")
    assert response.status_code == 200
    return len(queries)


def _add_organisers(cohort, count: int, start: int) -> None:
    for n in range(start, start + count):
        enrolment = enrol(make_user(f"cohort-organiser-{n}", role=roles.ORGANISER), cohort)
        record(enrolment, "foundations", dt.date(2026, 1, 10))
        record(enrolment, "e1", dt.date(2026, 2, 10))
        make_reflection(enrolment, "e1", "trainers")
        make_reflection(enrolment, "e2", "public")


@pytest.mark.django_db
def test_cohort_view_query_count_does_not_grow_with_organisers(client, cohort, trainer):
    session = TrainingSession.objects.create(
        cohort=cohort, stage=stage("e1"), starts_at="2026-02-14T10:00Z", ends_at="2026-02-14T13:00Z", place="Hall"
    )
    session.team.add(trainer)
    _add_organisers(cohort, 1, 0)
    _login(client, trainer)
    few = _cohort_queries(client, cohort)
    _add_organisers(cohort, 8, 1)
    TrainingSession.objects.create(
        cohort=cohort, stage=stage("e2"), starts_at="2026-03-14T10:00Z", ends_at="2026-03-14T13:00Z", place="Hall"
    ).team.add(trainer)
    many = _cohort_queries(client, cohort)
    assert many == few == 13


@pytest.mark.django_db
def test_marking_a_co_trainer_records_their_consent(client, trainer):
    person = make_user("member-mo", role=roles.MEMBER)
    _login(client, trainer)
    data = {
        "username": "member-mo",
        "consent_given_on": "2026-01-20",
        "consent_how": "with_supporter",
        "consent_note": "Her key worker was there.",
    }
    assert client.post("/pathway/co-trainers/mark/", data).status_code == 400  # the confirmation box is required
    client.post("/pathway/co-trainers/mark/", {**data, "confirm": "on"})
    co = CoTrainer.objects.get(user=person)
    assert (co.consent_given_on, co.consent_how, co.consent_note, co.recorded_by) == (
        dt.date(2026, 1, 20),
        "with_supporter",
        "Her key worker was there.",
        trainer,
    )
    assert "member-mo" in client.get("/pathway/co-trainers/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.MEMBER, roles.ORGANISER, roles.HOST, roles.MODERATOR])
def test_only_trainers_and_admins_mark_co_trainers(client, role):
    make_user("member-mo", role=roles.MEMBER)
    _login(client, make_user("marker", role=role))
    data = {"username": "member-mo", "consent_given_on": "2026-01-20", "consent_how": "in_person", "confirm": "on"}
    assert client.post("/pathway/co-trainers/mark/", data).status_code == 403
    assert not CoTrainer.objects.exists()


@pytest.mark.django_db
def test_a_co_trainer_withdraws_and_leaves_every_list_and_team(client, cohort, author):
    co = make_co_trainer("co-cara")
    cohort.team.add(co)
    reflection = make_reflection(author.pathway_enrolments.get(), "e1", "trainers")
    _login(client, co)
    assert client.get(f"/pathway/reflections/{reflection.pk}/").status_code == 200
    client.post(f"/pathway/co-trainers/{co.co_trainer.pk}/withdraw/")
    assert CoTrainer.objects.get(user=co).withdrawn_at is not None
    assert client.get(f"/pathway/reflections/{reflection.pk}/").status_code == 404
    assert client.get(f"/pathway/cohorts/{cohort.pk}/").status_code == 403
    assert "/members/co-cara/" not in client.get("/pathway/co-trainers/").content.decode()


def _my_page(client) -> tuple[str, int]:
    client.get("/pathway/me/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/pathway/me/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_the_organisers_own_page_lists_their_cohorts_sessions_with_their_attendance(client, cohort, trainer, author):
    co = make_co_trainer("co-cara")
    co.display_name = "Cara Jones"
    co.save()
    cohort.team.add(co)
    first = TrainingSession.objects.create(
        cohort=cohort, stage=stage("e1"), starts_at="2026-02-14T10:00Z", ends_at="2026-02-14T13:00Z", place="Keystone"
    )
    first.team.add(trainer, co)
    enrolment = author.pathway_enrolments.get()
    Attendance.objects.create(session=first, enrolment=enrolment, status=Attendance.APOLOGIES)
    elsewhere = make_cohort("Another cohort", team=[trainer])
    TrainingSession.objects.create(
        cohort=elsewhere, stage=stage("e1"), starts_at="2026-02-15T10:00Z", ends_at="2026-02-15T13:00Z", place="Far"
    )
    _login(client, author)
    html, few = _my_page(client)
    sessions = html.split("Your cohort's sessions</h2>")[1].split("</ul>")[0]
    assert sessions.count("<li>") == 1 and "Far" not in sessions
    assert f'href="/pathway/sessions/{first.pk}/"' in sessions
    assert "Keystone · run by Cara Jones, trainer-tess · you: sent apologies" in sessions
    TrainingSession.objects.create(
        cohort=cohort, stage=stage("e2"), starts_at="2026-03-14T10:00Z", ends_at="2026-03-14T13:00Z", place="Hall"
    ).team.add(trainer, co)
    html, many = _my_page(client)
    sessions = html.split("Your cohort's sessions</h2>")[1].split("</ul>")[0]
    assert sessions.count("<li>") == 2 and sessions.index("Keystone") < sessions.index("Hall")
    assert many == few


@pytest.mark.django_db
def test_an_organiser_without_a_cohort_sees_no_sessions_section(client, member):
    enrol(member)
    _login(client, member)
    assert "Your cohort's sessions" not in client.get("/pathway/me/").content.decode()
