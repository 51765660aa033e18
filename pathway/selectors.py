"""Read-side queries of the pathway. Each returns what a page shows with a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from pathway import rules
from pathway.models import (
    Attendance,
    Cohort,
    CoTrainer,
    Enrolment,
    Pathway,
    Reflection,
    Stage,
    StageRecord,
    TrainingSession,
)
from pathway.progress import Progress, progress_for


def default_pathway() -> Pathway | None:
    return Pathway.objects.order_by("pk").first()


def stages_of(pathway: Pathway) -> list[Stage]:
    return list(pathway.stages.select_related("wiki_page").order_by("sort_order"))


def enrolment_of(user, pathway: Pathway) -> Enrolment | None:
    if not rules.is_active_member(user):
        return None
    return (
        Enrolment.objects.filter(user=user, pathway=pathway)
        .select_related("cohort", "go_deeper_option")
        .prefetch_related("records", "visits", "reflections")
        .first()
    )


def team_of(cohort: Cohort | None) -> list:
    """The people on a cohort's team who may train now: trainers and consenting co-trainers, as equals."""
    if cohort is None:
        return []
    return _trainers_by_name(_team_queryset().filter(training_cohorts=cohort, is_active=True))


def _trainers_by_name(people) -> list:
    """Those who may train now, by the name others see: trainers and co-trainers in one list, no ranks."""
    return sorted((person for person in people if _may_train(person)), key=lambda person: person.public_name.lower())


def _may_train(person) -> bool:
    co_trainer = getattr(person, "co_trainer", None)
    return bool(co_trainer and co_trainer.is_active) or rules.is_trainer(person)


def is_co_trainer(person) -> bool:
    """For labels: on a team as a co-trainer rather than a trainer."""
    co_trainer = getattr(person, "co_trainer", None)
    return bool(co_trainer and co_trainer.is_active) and not rules.is_trainer(person)


@dataclass
class MyPathway:
    pathway: Pathway
    stages: list[Stage]
    enrolment: Enrolment | None
    progress: Progress | None
    reflections: dict  # stage id -> Reflection
    team: list
    sessions: list = field(default_factory=list)  # (session, this organiser's attendance or "") in date order

    @property
    def rows(self) -> list[tuple]:
        """Each stage's status with the organiser's reflection on it (or None), in pathway order."""
        return [(status, self.reflections.get(status.stage.pk)) for status in self.progress.stages]


def my_pathway(user, pathway: Pathway, today: dt.date) -> MyPathway:
    stages = stages_of(pathway)
    enrolment = enrolment_of(user, pathway)
    if enrolment is None:
        return MyPathway(pathway, stages, None, None, {}, [])
    progress = progress_for(stages, list(enrolment.records.all()), today)
    reflections = {reflection.stage_id: reflection for reflection in enrolment.reflections.all()}
    team = team_of(enrolment.cohort)
    return MyPathway(pathway, stages, enrolment, progress, reflections, team, sessions_for_organiser(enrolment))


def sessions_for_organiser(enrolment: Enrolment) -> list[tuple[TrainingSession, str]]:
    """The organiser's cohort's sessions, each with how the team marked them ("" when not marked). Three queries."""
    if enrolment.cohort_id is None:
        return []
    marks = dict(enrolment.attendance.values_list("session_id", "status"))
    labels = dict(Attendance.STATUS_CHOICES)
    sessions = sessions_of(enrolment.cohort)
    for session in sessions:
        session.people = _trainers_by_name(session.team.all())  # trainers and co-trainers, one list by name
    return [(session, labels.get(marks.get(session.pk, ""), "")) for session in sessions]


@dataclass
class CohortMember:
    enrolment: Enrolment
    progress: Progress
    shared: list[Reflection]
    attended: int


def cohort_members(cohort: Cohort, viewer, today: dt.date) -> list[CohortMember]:
    """Every organiser of the cohort with their progress and the reflections the viewer may read.

    Five queries however many organisers, records and reflections there are."""
    stages = stages_of(cohort.pathway)
    visible = rules.reflections_visible_to(viewer).filter(visibility__in=[Reflection.TRAINERS, Reflection.PUBLIC])
    enrolments = (
        cohort.enrolments.select_related("user", "go_deeper_option")
        .prefetch_related(
            Prefetch("records", queryset=StageRecord.objects.order_by("stage__sort_order")),
            Prefetch(
                "reflections", queryset=visible.select_related("stage").order_by("stage__sort_order"), to_attr="shared"
            ),
        )
        .annotate(attended=Count("attendance", filter=Q(attendance__status=Attendance.ATTENDED)))
        .order_by("user__display_name", "user__username")
    )
    return [
        CohortMember(
            enrolment, progress_for(stages, list(enrolment.records.all()), today), enrolment.shared, enrolment.attended
        )
        for enrolment in enrolments
    ]


def sessions_of(cohort: Cohort) -> list[TrainingSession]:
    team = Prefetch("team", queryset=_team_queryset())
    return list(
        cohort.sessions.select_related("stage")
        .prefetch_related(team)
        .annotate(came=Count("attendance", filter=Q(attendance__status=Attendance.ATTENDED)))
        .order_by("starts_at")
    )


def _team_queryset() -> QuerySet:
    return (
        get_user_model()
        .objects.select_related("co_trainer")
        .prefetch_related("groups")
        .order_by("display_name", "username")
    )


def session_detail(session: TrainingSession) -> dict:
    """The session's team (trainers and co-trainers as equals) and the cohort's attendance."""
    team = _trainers_by_name(_team_queryset().filter(training_sessions=session))
    enrolments = list(session.cohort.enrolments.select_related("user").order_by("user__display_name", "user__username"))
    marks = {row.enrolment_id: row.status for row in session.attendance.all()}
    return {"team": team, "rows": [(enrolment, marks.get(enrolment.pk, "")) for enrolment in enrolments]}


def cohorts_for(user) -> list[Cohort]:
    return list(
        rules.cohorts_trained_by(user)
        .select_related("pathway")
        .annotate(organisers=Count("enrolments", distinct=True))
        .order_by("-starts_on", "name")
    )


def co_trainers() -> list[CoTrainer]:
    """Members who co-train now, for the public list."""
    return list(
        CoTrainer.objects.filter(withdrawn_at__isnull=True, user__is_active=True)
        .select_related("user")
        .order_by("user__display_name", "user__username")
    )


def co_trainer_of(user) -> CoTrainer | None:
    if not rules.is_active_member(user):
        return None
    return CoTrainer.objects.filter(user=user).select_related("recorded_by").first()


def reflection_with_author(pk: int, viewer) -> Reflection | None:
    """The reflection if `viewer` may read it, else None (the page answers 404, saying nothing)."""
    return (
        rules.reflections_visible_to(viewer)
        .select_related("enrolment__user", "enrolment__cohort", "stage", "wiki_draft")
        .filter(pk=pk)
        .first()
    )


def public_reflections_of(user) -> list[Reflection]:
    return list(
        Reflection.objects.filter(enrolment__user=user, visibility=Reflection.PUBLIC, enrolment__user__is_active=True)
        .select_related("stage")
        .order_by("stage__sort_order")
    )


def member_progress(member, viewer) -> dict | None:
    """For profiles and member pages (hub/members.py): the member's current stage, the stages they
    have done and their public reflections, unless they chose not to show them. Four queries: the
    enrolment in the default pathway is read with that pathway."""
    if not getattr(member, "pk", None) or not member.is_active:
        return None
    first_pathway = Pathway.objects.order_by("pk").values("pk")[:1]  # default_pathway()
    enrolment = (
        Enrolment.objects.filter(user=member, pathway=Subquery(first_pathway), show_on_profile=True)
        .select_related("pathway")
        .prefetch_related("records")
        .first()
    )
    if enrolment is None:
        return None
    pathway = enrolment.pathway
    progress = progress_for(stages_of(pathway), list(enrolment.records.all()), timezone.localdate())
    return {"pathway": pathway, "progress": progress, "reflections": public_reflections_of(member)}


def member_co_trainer(member, viewer) -> dict | None:
    """For member pages: that the member co-trains, while they agree to be shown as a co-trainer."""
    co_trainer = CoTrainer.objects.filter(user_id=getattr(member, "pk", None), withdrawn_at__isnull=True).first()
    return {"co_trainer": co_trainer} if co_trainer and member.is_active else None
