"""An organiser keeps their own record: stage dates, Go Deeper, reflections with revisions, visits."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from wagtail.models import Page

from hub import roles
from pathway import places
from pathway.models import Enrolment, Reflection, ReflectionRevision, StageRecord, Visit
from pathway.progress import progress_for
from pathway.selectors import stages_of
from tests.factories import PASSWORD, make_user
from tests.pathway.conftest import enrol, record, the_pathway


@pytest.fixture
def olu(client, author):
    client.login(username=author.username, password=PASSWORD)
    return author


@pytest.mark.django_db
def test_a_member_starts_their_record_once(client, member):
    client.login(username=member.username, password=PASSWORD)
    assert "Start your pathway record" in client.get("/pathway/me/").content.decode()
    for _ in range(2):
        assert client.post("/pathway/me/start/").status_code == 302
    assert Enrolment.objects.filter(user=member).count() == 1


@pytest.mark.django_db
def test_recording_a_stage_stores_its_date_and_moves_the_current_stage_on(client, olu):
    response = client.post("/pathway/me/stages/foundations/", {"completed_on": "2026-01-12"})
    assert response.status_code == 302
    client.post("/pathway/me/stages/e1/", {"completed_on": "2026-02-20"})
    enrolment = olu.pathway_enrolments.get()
    assert list(StageRecord.objects.filter(enrolment=enrolment).values_list("stage__slug", "completed_on")) == [
        ("foundations", dt.date(2026, 1, 12)),
        ("e1", dt.date(2026, 2, 20)),
    ]
    progress = progress_for(stages_of(the_pathway()), list(enrolment.records.all()), timezone.localdate())
    assert progress.current.slug == "e2"
    assert (
        "You are working towards: <strong>E2: Wider listening and local power</strong>"
        in client.get("/pathway/me/").content.decode()
    )


@pytest.mark.django_db
def test_a_date_in_the_future_is_refused_with_a_clear_message(client, olu):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post("/pathway/me/stages/e1/", {"completed_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "This date is in the future" in response.content.decode()
    assert not StageRecord.objects.exists()


@pytest.mark.django_db
def test_go_deeper_records_the_route_and_its_provider(client, olu):
    option = the_pathway().go_deeper_options.get(name="Citizen organising")
    response = client.post("/pathway/me/stages/go-deeper/", {"completed_on": "2026-08-01"})
    assert response.status_code == 400 and not StageRecord.objects.exists()
    client.post(
        "/pathway/me/stages/go-deeper/",
        {"completed_on": "2026-08-01", "option": option.pk, "provider": "Mill Town Alliance"},
    )
    enrolment = olu.pathway_enrolments.get()
    assert (enrolment.go_deeper_option, enrolment.go_deeper_provider) == (option, "Mill Town Alliance")
    assert "Your route: Citizen organising, with Mill Town Alliance." in client.get("/pathway/me/").content.decode()


@pytest.mark.django_db
def test_clearing_a_stage_removes_only_that_date(client, olu):
    enrolment = olu.pathway_enrolments.get()
    record(enrolment, "foundations", dt.date(2026, 1, 12))
    record(enrolment, "e1", dt.date(2026, 2, 12))
    assert client.post("/pathway/me/stages/e1/clear/").status_code == 302
    assert list(enrolment.records.values_list("stage__slug", flat=True)) == ["foundations"]


@pytest.mark.django_db
def test_every_change_to_a_reflection_keeps_a_revision_and_no_change_keeps_none(client, olu):
    data = {"title": "Listening at home", "body": "My aunt cares about the library.", "visibility": "private"}
    client.post("/pathway/me/reflections/e1/", data)
    client.post("/pathway/me/reflections/e1/", data)  # the same again: nothing new to keep
    client.post("/pathway/me/reflections/e1/", {**data, "body": "My aunt and her neighbours care about the library."})
    client.post("/pathway/me/reflections/e1/", {**data, "visibility": "trainers"})
    reflection = Reflection.objects.get()
    assert reflection.visibility == "trainers"
    revisions = list(ReflectionRevision.objects.filter(reflection=reflection).order_by("pk"))
    assert [(r.body[:20], r.visibility) for r in revisions] == [
        ("My aunt cares about ", "private"),
        ("My aunt and her neig", "private"),
        ("My aunt cares about ", "trainers"),
    ]
    history = client.get(f"/pathway/reflections/{reflection.pk}/history/").content.decode()
    assert history.count("<h2>Saved <time") == 3


@pytest.mark.django_db
def test_a_reflection_is_private_until_its_author_chooses_otherwise(client, olu):
    client.post("/pathway/me/reflections/e2/", {"title": "Power", "body": "Who decides?", "visibility": ""})
    assert not Reflection.objects.exists()
    form = client.get("/pathway/me/reflections/e2/").content.decode()
    checked = re.findall(r'<input type="radio" name="visibility" value="(\w+)"[^>]*\bchecked\b', form)
    assert checked == ["private"]


@pytest.mark.django_db
def test_stages_without_a_prompt_take_no_reflection(client, olu):
    assert client.get("/pathway/me/reflections/foundations/").status_code == 404
    assert (
        client.post(
            "/pathway/me/reflections/foundations/", {"title": "x", "body": "y", "visibility": "public"}
        ).status_code
        == 404
    )
    assert not Reflection.objects.exists()


@pytest.mark.django_db
def test_markdown_in_a_reflection_is_sanitised(client, olu):
    body = '**Bold** <script>alert(1)</script> <a href="javascript:alert(1)">x</a>'
    client.post("/pathway/me/reflections/e1/", {"title": "T", "body": body, "visibility": "public"})
    html = client.get(f"/pathway/reflections/{Reflection.objects.get().pk}/").content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html and "javascript:alert" not in html


@pytest.mark.django_db
def test_visits_to_a_listed_place_or_a_named_one(client, olu, monkeypatch):
    page_id = Page.objects.get(slug="profiles").pk  # any real page stands for the host's profile here
    place = places.Place(page_id=page_id, name="Keystone Support Network", town="Leeds", is_exemplar=True)
    monkeypatch.setattr(places, "_source", lambda user: [place])
    form = client.get("/pathway/me/visits/add/").content.decode()
    assert "Keystone Support Network (exemplar project, Leeds)" in form
    client.post(
        "/pathway/me/visits/add/", {"place": str(page_id), "visited_on": "2026-05-02", "learned": "Easy read works."}
    )
    client.post("/pathway/me/visits/add/", {"place_name": "Hope Street Settlement", "visited_on": "2026-05-09"})
    response = client.post("/pathway/me/visits/add/", {"place": "999", "visited_on": "2026-05-09"})
    assert response.status_code == 400
    visits = list(Visit.objects.order_by("visited_on").values_list("place_id", "place_name"))
    assert visits == [(page_id, "Keystone Support Network"), (None, "Hope Street Settlement")]


@pytest.mark.django_db
def test_nobody_removes_another_organisers_visit(client, olu):
    other = make_user("someone-else", role=roles.ORGANISER)
    visit = Visit.objects.create(enrolment=enrol(other), place_name="Riverside", visited_on=dt.date(2026, 5, 1))
    assert client.post(f"/pathway/me/visits/{visit.pk}/delete/").status_code == 403
    assert Visit.objects.filter(pk=visit.pk).exists()


@pytest.mark.django_db
def test_own_record_pages_need_a_log_in(client):
    for path in ("/pathway/me/", "/pathway/me/stages/e1/", "/pathway/me/reflections/e1/", "/pathway/me/visits/add/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
