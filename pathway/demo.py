"""Demo training year: trainers and a co-trainer, three cohorts at different points with their sessions
and attendance, each organiser's stages, reflections at every privacy level, and visits.

Everything goes through pathway/services.py, as a person would do it, so the demo obeys the same
rules (no future dates, teams of trainers and consenting co-trainers). Idempotent: a cohort found by
name keeps its sessions; a stage, reflection or visit already recorded is left alone.
"""

import datetime as dt

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from hub import roles
from hub.demo_support import DemoContext
from pathway import demo_data, selectors, services
from pathway.models import Attendance, Cohort, Enrolment, Pathway, Reflection
from pathway.places import visit_places


def load(demo: DemoContext) -> None:
    pathway = selectors.default_pathway()
    if pathway is None:
        demo.step("No training pathway found: run `manage.py migrate` first.")
        return
    today = timezone.localdate()
    _link_wiki_pages(demo, pathway)
    _trainers_and_co_trainer(demo, today)
    cohorts = {name: _cohort(demo, pathway, name, row, today) for name, row in demo_data.COHORTS.items()}
    total = len(demo_data.ORGANISERS)
    for done, (username, (cohort_name, stage_days)) in enumerate(demo_data.ORGANISERS.items(), start=1):
        _organiser(demo, pathway, cohorts[cohort_name], username, stage_days)
        demo.progress("Organisers' records", done, total)
    for cohort in cohorts.values():
        _attendance(demo, cohort, demo_data.COHORTS[cohort.name]["absent"])
    _reflections(demo, pathway)
    _visits(demo, pathway)


def _day(cohort: Cohort, offset: int) -> dt.date:
    return cohort.starts_on + dt.timedelta(days=offset)


def _link_wiki_pages(demo: DemoContext, pathway: Pathway) -> None:
    """Each stage to the wiki page that describes it, where the wiki demo made one."""
    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=demo_data.WIKI_PAGES.values())}
    linked = 0
    for stage in pathway.stages.filter(wiki_page__isnull=True, slug__in=demo_data.WIKI_PAGES):
        page = pages.get(demo_data.WIKI_PAGES[stage.slug])
        if page is not None:
            stage.wiki_page = page
            stage.save(update_fields=["wiki_page"])
            linked += 1
    in_all = pathway.stages.exclude(wiki_page=None).count()
    demo.step(f"Stages linked to their wiki pages: {linked} now, {in_all} in all")


@transaction.atomic
def _trainers_and_co_trainer(demo: DemoContext, today: dt.date) -> None:
    trainer_group = Group.objects.get(name=roles.TRAINER)
    for username in demo_data.TRAINERS:
        demo.user(username).groups.add(trainer_group)
    row = demo_data.CO_TRAINER
    person = demo.user(row["username"])
    if not hasattr(person, "co_trainer"):
        services.mark_co_trainer(
            demo.user(row["recorded_by"]),
            person.username,
            consent_given_on=today - dt.timedelta(days=row["days_ago"]),
            consent_how=row["how"],
            consent_note=row["note"],
        )
    demo.step(f"Trainers: {', '.join(demo_data.TRAINERS)}; co-trainer: {person.username}, with consent recorded")


@transaction.atomic
def _cohort(demo: DemoContext, pathway: Pathway, name: str, row: dict, today: dt.date) -> Cohort:
    existing = Cohort.objects.filter(name=name).first()
    if existing:
        demo.step(f"Cohort “{name}” already there")
        return existing
    lead = demo.user(row["team"][0])
    cohort = services.create_cohort(
        lead, pathway, name=name, starts_on=today - dt.timedelta(days=row["days_ago"]), area=row["area"]
    )
    for username in row["team"][1:]:
        services.add_team_member(lead, cohort, username)
    stages = {stage.slug: stage for stage in pathway.stages.all()}
    for slug, offset, place, days, team in row["sessions"]:
        starts_at = _at(_day(cohort, offset), 10)
        ends_at = _at(_day(cohort, offset + days - 1), 15 if days > 1 else 13)
        services.create_session(
            lead,
            cohort,
            stage=stages[slug],
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            notes=_session_notes(days),
            team=[demo.user(username) for username in team],
        )
    demo.step(f"Cohort “{name}”: started {cohort.starts_on:%d %b %Y}, {len(row['sessions'])} sessions")
    return cohort


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _session_notes(days: int) -> str:
    if days > 1:
        return "Rooms are step-free and there is a quiet room. Bring outdoor shoes: one session is a walk."
    return "Tea from 9:30. Bring your listening notes. Tell us if you need a lift from the station."


@transaction.atomic
def _organiser(demo: DemoContext, pathway: Pathway, cohort: Cohort, username: str, stage_days: dict) -> Enrolment:
    person = demo.user(username)
    enrolment = services.start(person, pathway)
    if enrolment.cohort_id != cohort.pk:
        services.add_organiser(demo.user(demo_data.COHORTS[cohort.name]["team"][0]), cohort, username)
        enrolment.refresh_from_db()
    done = set(enrolment.records.values_list("stage__slug", flat=True))
    stages = {stage.slug: stage for stage in pathway.stages.all()}
    options = {option.name: option for option in pathway.go_deeper_options.all()}
    for slug, offset in stage_days.items():
        if slug in done:
            continue
        option, provider = demo_data.GO_DEEPER.get(username, ("", ""))
        services.record_stage(
            person,
            enrolment,
            stages[slug],
            _day(cohort, offset),
            options.get(option) if slug == "go-deeper" else None,
            provider if slug == "go-deeper" else "",
        )
    return enrolment


def _attendance(demo: DemoContext, cohort: Cohort, absent: dict) -> None:
    """Who came to each session that has happened; the named organisers sent apologies or did not come."""
    lead = demo.user(demo_data.COHORTS[cohort.name]["team"][0])
    today = timezone.localdate()
    enrolments = list(cohort.enrolments.select_related("user"))
    stored = 0
    for session in cohort.sessions.select_related("stage").filter(attendance__isnull=True):
        if timezone.localdate(session.starts_at) > today:
            continue
        marks = {
            enrolment.pk: absent.get(enrolment.user.username, {}).get(session.stage.slug, Attendance.ATTENDED)
            for enrolment in enrolments
        }
        stored += services.record_attendance(lead, session, marks)
    demo.step(f"Attendance for “{cohort.name}”: {stored} marks added")


def _reflections(demo: DemoContext, pathway: Pathway) -> None:
    stages = {stage.slug: stage for stage in pathway.stages.all()}
    added = 0
    for username, slug, visibility, title, body in demo_data.REFLECTIONS:
        person = demo.user(username)
        enrolment = Enrolment.objects.get(user=person, pathway=pathway)
        if Reflection.objects.filter(enrolment=enrolment, stage=stages[slug]).exists():
            continue
        if visibility != Reflection.PRIVATE:
            # Written first for themselves, shared later: the history shows both versions.
            services.save_reflection(
                person, enrolment, stages[slug], title=title, body=body, visibility=Reflection.PRIVATE
            )
        services.save_reflection(person, enrolment, stages[slug], title=title, body=body, visibility=visibility)
        added += 1
    demo.step(f"Reflections: {added} added ({Reflection.objects.count()} in all)")


def _visits(demo: DemoContext, pathway: Pathway) -> None:
    added = 0
    for username, place_name, offset, learned in demo_data.VISITS:
        person = demo.user(username)
        enrolment = Enrolment.objects.select_related("cohort").get(user=person, pathway=pathway)
        if enrolment.visits.filter(place_name=place_name).exists():
            continue
        place = next((item for item in visit_places(person) if item.name == place_name), None)
        services.add_visit(
            person,
            enrolment,
            visited_on=_day(enrolment.cohort, offset),
            place_id=place.page_id if place else None,
            place_name=place_name,
            learned=learned,
        )
        added += 1
    demo.step(f"Visits to hosts and exemplar projects: {added} added")
