"""The pathway's demo loader: a cohort at every point of the year, a team with a co-trainer, sessions
with attendance, reflections at each privacy level, visits to places on the map; and a safe second run."""

from io import StringIO

import pytest
from django.utils import timezone

from hub import demo as hub_demo
from hub import roles
from hub.demo_support import DEMO_PASSWORD, DemoContext
from pathway import demo as pathway_demo
from pathway import selectors
from pathway.models import Attendance, Cohort, CoTrainer, Reflection, StageRecord, TrainingSession, Visit
from profiles import demo as profiles_demo
from wiki import demo as wiki_demo

pytestmark = pytest.mark.django_db


def _counts() -> tuple:
    models = (Cohort, StageRecord, Reflection, TrainingSession, Attendance, Visit, CoTrainer)
    return tuple(model.objects.count() for model in models)


def _load() -> DemoContext:
    context = DemoContext(out=StringIO())
    for loader in (hub_demo, wiki_demo, profiles_demo, pathway_demo):
        loader.load(context)
    return context


def test_demo_builds_a_training_year_at_every_stage_whose_pages_render_and_runs_again_safely(client):
    context = _load()
    priya = context.user("priya")
    assert sorted(g.name for g in priya.groups.all()) == [roles.MEMBER, roles.ORGANISER, roles.TRAINER]
    iris = CoTrainer.objects.select_related("recorded_by").get(user__username="member-iris")
    assert iris.is_active and iris.recorded_by.username == "eilidh" and iris.consent_note
    pennines = Cohort.objects.get(name="Pennines cohort")
    assert {person.username for person in pennines.team.all()} == {"priya", "member-iris"}

    members = {m.enrolment.user.username: m for m in selectors.cohort_members(pennines, priya, timezone.localdate())}
    assert set(members) == {"chloe", "isaac", "nadia", "ben"}
    assert members["chloe"].progress.graduated_on is not None and members["chloe"].progress.overdue == []
    assert [status.stage.slug for status in members["ben"].progress.overdue] == ["confirmation"]
    assert members["isaac"].enrolment.go_deeper_option.name == "Citizen organising"
    assert members["isaac"].progress.current.slug == "visits" and members["isaac"].progress.overdue == []
    assert members["ben"].attended == 3
    marches = Cohort.objects.get(name="Marches cohort")
    sam = {m.enrolment.user.username: m for m in selectors.cohort_members(marches, priya, timezone.localdate())}["sam"]
    assert sam.progress.current.slug == "e3"
    newest = Cohort.objects.get(name="Canal towns cohort")
    for member in selectors.cohort_members(newest, priya, timezone.localdate()):
        assert [status.stage.slug for status in member.progress.done] == ["foundations"]

    assert set(Reflection.objects.values_list("visibility", flat=True)) == {"private", "trainers", "public"}
    assert Reflection.objects.filter(revisions__isnull=True).count() == 0
    assert TrainingSession.objects.filter(team=iris.user).count() >= 4
    assert Attendance.objects.filter(status=Attendance.APOLOGIES).count() >= 2
    assert Visit.objects.filter(place__isnull=False).count() == 4 and Visit.objects.filter(place=None).count() == 1
    assert selectors.default_pathway().stages.filter(wiki_page__isnull=False).count() == 8

    _pages_render_and_keep_each_reflection_to_its_readers(client, context)
    before = _counts()
    pathway_demo.load(context)
    assert _counts() == before
    assert "already there" in context.out.getvalue()


def _pages_render_and_keep_each_reflection_to_its_readers(client, context):
    private = Reflection.objects.get(enrolment__user__username="chloe", stage__slug="e3")
    shared = Reflection.objects.get(enrolment__user__username="chloe", stage__slug="e2")
    public = Reflection.objects.get(enrolment__user__username="chloe", stage__slug="graduation")
    assert (private.visibility, shared.visibility, public.visibility) == ("private", "trainers", "public")
    overview = client.get("/pathway/").content.decode()
    assert 'href="/profiles/map/"' in overview and "Read more about E1 in the wiki" in overview
    assert client.get(f"/pathway/reflections/{public.pk}/").status_code == 200
    assert client.get(f"/pathway/reflections/{shared.pk}/").status_code == 404
    map_html = client.get("/profiles/map/").content.decode()
    assert map_html.count('class="places-map__marker') == 8

    client.login(username="priya", password=DEMO_PASSWORD)
    pennines = Cohort.objects.get(name="Pennines cohort")
    cohort_html = client.get(f"/pathway/cohorts/{pennines.pk}/").content.decode()
    ben_row = cohort_html.split(">Ben Hughes</a>")[1].split("</tr>")[0]
    assert "badge--overdue" in ben_row
    assert shared.title in cohort_html and private.title not in cohort_html
    assert client.get(f"/pathway/reflections/{private.pk}/").status_code == 404

    client.login(username="sam", password=DEMO_PASSWORD)
    mine = client.get("/pathway/me/").content.decode()
    assert "Your cohort's sessions" in mine and "you: came" in mine
    assert client.get("/pathway/co-trainers/").content.decode().count(context.user("member-iris").public_name) >= 1
