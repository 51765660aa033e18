"""The pathway's business rules: recording progress, reflections with revisions, visits, cohorts,
sessions and attendance, co-trainers. Every write checks permission first and runs in one transaction.
"""

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from pathway import rules
from pathway.models import (
    Attendance,
    Cohort,
    CoTrainer,
    Enrolment,
    GoDeeperOption,
    Pathway,
    Reflection,
    ReflectionRevision,
    Stage,
    StageRecord,
    TrainingSession,
    Visit,
)
from pathway.places import visit_places

SESSION_KINDS = (Stage.FOUNDATIONS, Stage.E_SESSION)


def _check_owner(user, enrolment: Enrolment) -> None:
    if not (rules.is_active_member(user) and enrolment.user_id == user.pk):
        raise PermissionDenied("Only the organiser can change their own pathway record.")


def _not_in_future(day: dt.date, label: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(f"The {label} cannot be in the future: record it once it has happened.")


# --- the organiser's own record ----------------------------------------------------------------


@transaction.atomic
def start(user, pathway: Pathway) -> Enrolment:
    """Start (or return) the member's record on the pathway."""
    if not rules.is_active_member(user):
        raise PermissionDenied("Log in to keep your pathway record.")
    enrolment, _ = Enrolment.objects.get_or_create(user=user, pathway=pathway)
    return enrolment


@transaction.atomic
def record_stage(
    user,
    enrolment: Enrolment,
    stage: Stage,
    completed_on: dt.date,
    go_deeper_option: GoDeeperOption | None = None,
    go_deeper_provider: str = "",
) -> StageRecord:
    _check_owner(user, enrolment)
    if stage.pathway_id != enrolment.pathway_id:
        raise ValidationError("That stage belongs to another pathway.")
    _not_in_future(completed_on, "date")
    if stage.kind == Stage.GO_DEEPER:
        if go_deeper_option is None or go_deeper_option.pathway_id != enrolment.pathway_id:
            raise ValidationError("Choose your Go Deeper route.")
        enrolment.go_deeper_option = go_deeper_option
        enrolment.go_deeper_provider = go_deeper_provider.strip()
        enrolment.save(update_fields=["go_deeper_option", "go_deeper_provider"])
    record, _ = StageRecord.objects.update_or_create(
        enrolment=enrolment, stage=stage, defaults={"completed_on": completed_on}
    )
    return record


@transaction.atomic
def clear_stage(user, enrolment: Enrolment, stage: Stage) -> int:
    _check_owner(user, enrolment)
    return StageRecord.objects.filter(enrolment=enrolment, stage=stage).delete()[0]


@transaction.atomic
def set_show_on_profile(user, enrolment: Enrolment, show: bool) -> None:
    _check_owner(user, enrolment)
    enrolment.show_on_profile = show
    enrolment.save(update_fields=["show_on_profile"])


@transaction.atomic
def save_reflection(user, enrolment: Enrolment, stage: Stage, *, title: str, body: str, visibility: str) -> Reflection:
    """Create or change the reflection for a stage; every change keeps a revision of the result."""
    _check_owner(user, enrolment)
    if stage.pathway_id != enrolment.pathway_id or not stage.asks_for_reflection:
        raise ValidationError("This stage does not ask for a written reflection.")
    if visibility not in dict(Reflection.VISIBILITY_CHOICES):
        raise ValidationError("Choose who can read your reflection.")
    reflection = Reflection.objects.select_for_update().filter(enrolment=enrolment, stage=stage).first()
    if reflection is None:
        reflection = Reflection(enrolment=enrolment, stage=stage)
    elif (reflection.title, reflection.body, reflection.visibility) == (title, body, visibility):
        return reflection
    reflection.title, reflection.body, reflection.visibility = title.strip(), body, visibility
    reflection.save()
    ReflectionRevision.objects.create(reflection=reflection, title=reflection.title, body=body, visibility=visibility)
    return reflection


def check_can_draft(user, reflection: Reflection) -> None:
    """A wiki draft may be started by the reflection's author, once they have shared it."""
    if not rules.is_author(user, reflection):
        raise PermissionDenied("Only the author of a reflection can turn it into a wiki draft.")
    if not reflection.is_shared:
        raise PermissionDenied("Share your reflection first: a private reflection stays private.")


@transaction.atomic
def start_wiki_draft(user, reflection: Reflection, make_draft: Callable[[Reflection], Page]) -> tuple[Page, bool]:
    """Start one wiki draft from a shared reflection and remember it, so each links to the other.

    The pathway does not know the wiki: the layer above passes `make_draft`, which creates the page
    (home/views.py). A second request returns the first draft. Returns (page, created)."""
    check_can_draft(user, reflection)
    reflection = Reflection.objects.select_for_update(of=("self",)).select_related("wiki_draft").get(pk=reflection.pk)
    if reflection.wiki_draft_id:
        return reflection.wiki_draft, False
    page = make_draft(reflection)
    reflection.wiki_draft = page
    reflection.save(update_fields=["wiki_draft", "updated_at"])
    return page, True


@transaction.atomic
def add_visit(
    user, enrolment: Enrolment, *, visited_on: dt.date, place_id: int | None, place_name: str, learned: str
) -> Visit:
    _check_owner(user, enrolment)
    _not_in_future(visited_on, "visit date")
    place = next((item for item in visit_places(user) if item.page_id == place_id), None) if place_id else None
    if place_id and place is None:
        raise ValidationError("Choose a place from the list, or type the name of a place that is not in the hub.")
    name = place.name if place else place_name.strip()
    if not name:
        raise ValidationError("Say which place you visited.")
    return Visit.objects.create(
        enrolment=enrolment,
        place_id=place.page_id if place else None,
        place_name=name,
        visited_on=visited_on,
        learned=learned,
    )


@transaction.atomic
def delete_visit(user, visit: Visit) -> None:
    _check_owner(user, visit.enrolment)
    visit.delete()


# --- cohorts, teams, sessions, attendance ------------------------------------------------------


@transaction.atomic
def create_cohort(user, pathway: Pathway, *, name: str, starts_on: dt.date, area: str = "") -> Cohort:
    if not rules.is_trainer(user):
        raise PermissionDenied("Only trainers can start a cohort.")
    cohort = Cohort.objects.create(pathway=pathway, name=name.strip(), starts_on=starts_on, area=area.strip())
    cohort.team.add(user)
    return cohort


def _check_manage(user, cohort: Cohort) -> None:
    if not rules.can_manage_cohort(user, cohort):
        raise PermissionDenied("Only this cohort's trainers can change who is in it.")


@transaction.atomic
def add_organiser(user, cohort: Cohort, username: str) -> Enrolment:
    """Put a member in the cohort, starting their pathway record if they have none."""
    _check_manage(user, cohort)
    person = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if person is None:
        raise ValidationError(f"No member has the username “{username.strip()}”.")
    enrolment, _ = Enrolment.objects.get_or_create(user=person, pathway=cohort.pathway)
    enrolment.cohort = cohort
    enrolment.save(update_fields=["cohort"])
    return enrolment


@transaction.atomic
def remove_organiser(user, cohort: Cohort, enrolment: Enrolment) -> None:
    _check_manage(user, cohort)
    if enrolment.cohort_id != cohort.pk:
        raise ValidationError("That organiser is not in this cohort.")
    enrolment.cohort = None
    enrolment.save(update_fields=["cohort"])


@transaction.atomic
def add_team_member(user, cohort: Cohort, username: str) -> None:
    _check_manage(user, cohort)
    person = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if person is None or not rules.can_train(person):
        raise ValidationError("Only trainers and members who have agreed to co-train can join a training team.")
    cohort.team.add(person)


@transaction.atomic
def remove_team_member(user, cohort: Cohort, person) -> None:
    _check_manage(user, cohort)
    cohort.team.remove(person)


@transaction.atomic
def create_session(
    user, cohort: Cohort, *, stage: Stage, starts_at, ends_at, place: str, notes: str = "", team: list
) -> TrainingSession:
    """Plan a Foundations residential or an E-session. Its team: trainers and co-trainers, as equals."""
    if not rules.can_run_sessions(user, cohort):
        raise PermissionDenied("Only this cohort's training team can plan its sessions.")
    if stage.pathway_id != cohort.pathway_id or stage.kind not in SESSION_KINDS:
        raise ValidationError("A training session is a Foundations residential or an E-session.")
    if ends_at < starts_at:
        raise ValidationError("The session must end after it starts.")
    outsiders = [
        person for person in team if not (rules.can_train(person) and cohort.team.filter(pk=person.pk).exists())
    ]
    if outsiders:
        raise ValidationError("Everyone running a session must be on the cohort's training team.")
    session = TrainingSession.objects.create(
        cohort=cohort, stage=stage, starts_at=starts_at, ends_at=ends_at, place=place.strip(), notes=notes
    )
    session.team.set(team)
    return session


@transaction.atomic
def record_attendance(user, session: TrainingSession, marks: dict[int, str]) -> int:
    """Store who came, by enrolment id. Blank marks are left as they were. Returns how many were stored."""
    if not rules.can_run_sessions(user, session.cohort):
        raise PermissionDenied("Only this cohort's training team can record attendance.")
    members = set(session.cohort.enrolments.values_list("pk", flat=True))
    valid = dict(Attendance.STATUS_CHOICES)
    stored = 0
    for enrolment_id, status in marks.items():
        if not status:
            continue
        if enrolment_id not in members or status not in valid:
            raise ValidationError("Attendance can only be recorded for this cohort's organisers.")
        Attendance.objects.update_or_create(
            session=session, enrolment_id=enrolment_id, defaults={"status": status, "recorded_by": user}
        )
        stored += 1
    return stored


# --- co-trainers ---------------------------------------------------------------------------------


@transaction.atomic
def mark_co_trainer(
    recorder, username: str, *, consent_given_on: dt.date, consent_how: str, consent_note: str = ""
) -> CoTrainer:
    """Show a member as a co-trainer, recording the consent they gave. A trainer or an admin records it."""
    if not rules.can_mark_co_trainers(recorder):
        raise PermissionDenied("Only trainers and admins can mark a member as a co-trainer.")
    person = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if person is None:
        raise ValidationError(f"No member has the username “{username.strip()}”.")
    _not_in_future(consent_given_on, "date of consent")
    if consent_how not in dict(CoTrainer.HOW_CHOICES):
        raise ValidationError("Say how the member gave their consent.")
    co_trainer, _ = CoTrainer.objects.update_or_create(
        user=person,
        defaults={
            "consent_given_on": consent_given_on,
            "consent_how": consent_how,
            "consent_note": consent_note.strip(),
            "recorded_by": recorder,
            "withdrawn_at": None,
        },
    )
    return co_trainer


@transaction.atomic
def withdraw_co_trainer(user, co_trainer: CoTrainer) -> None:
    """The member (or a trainer or admin for them) stops being shown as a co-trainer. Kept for the record."""
    if not (rules.is_active_member(user) and (co_trainer.user_id == user.pk or rules.can_mark_co_trainers(user))):
        raise PermissionDenied("Only the member, a trainer or an admin can change this.")
    if co_trainer.withdrawn_at is None:
        co_trainer.withdrawn_at = timezone.now()
        co_trainer.save(update_fields=["withdrawn_at"])
