"""Pathway test data: the pathway the migration made, a cohort with its team, organisers, reflections."""

import datetime as dt

import pytest

from hub import roles
from pathway.models import Cohort, CoTrainer, Enrolment, Pathway, Reflection, Stage, StageRecord
from tests.factories import make_user


def the_pathway() -> Pathway:
    return Pathway.objects.get(slug="training-year")


def stage(slug: str) -> Stage:
    return Stage.objects.get(pathway__slug="training-year", slug=slug)


def make_cohort(name: str = "North West, spring 2026", team=(), starts_on=dt.date(2026, 1, 10)) -> Cohort:
    cohort = Cohort.objects.create(pathway=the_pathway(), name=name, starts_on=starts_on)
    cohort.team.add(*team)
    return cohort


def enrol(user, cohort: Cohort | None = None) -> Enrolment:
    enrolment, _ = Enrolment.objects.get_or_create(user=user, pathway=the_pathway(), defaults={"cohort": cohort})
    if cohort and enrolment.cohort_id != cohort.pk:
        enrolment.cohort = cohort
        enrolment.save()
    return enrolment


def record(enrolment: Enrolment, slug: str, day: dt.date) -> StageRecord:
    return StageRecord.objects.create(enrolment=enrolment, stage=stage(slug), completed_on=day)


def make_reflection(
    enrolment: Enrolment, slug: str = "e1", visibility: str = Reflection.PRIVATE, title: str = ""
) -> Reflection:
    return Reflection.objects.create(
        enrolment=enrolment,
        stage=stage(slug),
        title=title or f"What I heard ({visibility})",
        body="People on **Cedar Street** care most about the bus.",
        visibility=visibility,
    )


def make_co_trainer(username: str = "cotrainer", recorded_by=None) -> object:
    person = make_user(username, role=roles.MEMBER)
    CoTrainer.objects.create(
        user=person, consent_given_on=dt.date(2026, 1, 5), consent_how=CoTrainer.IN_PERSON, recorded_by=recorded_by
    )
    return person


@pytest.fixture
def trainer(db):
    return make_user("trainer-tess", role=roles.TRAINER)


@pytest.fixture
def cohort(trainer):
    return make_cohort(team=[trainer])


@pytest.fixture
def author(cohort):
    """An organiser in the cohort, with a pathway record."""
    person = make_user("organiser-olu", role=roles.ORGANISER)
    enrol(person, cohort)
    return person
