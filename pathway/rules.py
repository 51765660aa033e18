"""Who may see and do what on the pathway. One home for each rule; every page and list uses these.

Reflections: the author always; shared with trainers, the trainers and consenting co-trainers on
the author's cohort team; public, everyone. Private means private: moderators and superusers do
not read private reflections in the hub (docs/permissions.md).
"""

from django.db.models import Q, QuerySet

from hub import roles
from pathway.models import Cohort, CoTrainer, Reflection, TrainingSession


def is_active_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_trainer(user) -> bool:
    """Holds the Trainer role (superusers count as trainers)."""
    return is_active_member(user) and roles.user_has_role(user, roles.TRAINER)


def is_active_co_trainer(user) -> bool:
    return is_active_member(user) and CoTrainer.objects.filter(user_id=user.pk, withdrawn_at__isnull=True).exists()


def can_train(user) -> bool:
    """May sit on a training team: a trainer, or a co-trainer who has not withdrawn."""
    return is_trainer(user) or is_active_co_trainer(user)


def cohorts_trained_by(user) -> QuerySet[Cohort]:
    """Cohorts whose team includes this user, while they may train. Nobody else's."""
    if not can_train(user):
        return Cohort.objects.none()
    return Cohort.objects.filter(team=user)


def reflections_visible_to(user) -> QuerySet[Reflection]:
    """The one visibility rule for reflections: every page, list and link goes through it."""
    public = Q(visibility=Reflection.PUBLIC, enrolment__user__is_active=True)
    if not is_active_member(user):
        return Reflection.objects.filter(public)
    rule = public | Q(enrolment__user=user)
    if can_train(user):
        rule |= Q(visibility=Reflection.TRAINERS, enrolment__cohort__in=Cohort.objects.filter(team=user))
    return Reflection.objects.filter(rule)


def can_view_reflection(user, reflection: Reflection) -> bool:
    return reflections_visible_to(user).filter(pk=reflection.pk).exists()


def is_author(user, reflection: Reflection) -> bool:
    return is_active_member(user) and reflection.enrolment.user_id == user.pk


def can_view_cohort(user, cohort: Cohort) -> bool:
    return cohorts_trained_by(user).filter(pk=cohort.pk).exists()


def can_manage_cohort(user, cohort: Cohort) -> bool:
    """Who joins the cohort and its team: its trainers (not co-trainers), and superusers."""
    if is_active_member(user) and user.is_superuser:
        return True
    return is_trainer(user) and cohort.team.filter(pk=user.pk).exists()


def can_run_sessions(user, cohort: Cohort) -> bool:
    """Plan sessions and record attendance: the whole team, trainers and co-trainers alike."""
    return can_manage_cohort(user, cohort) or can_view_cohort(user, cohort)


def can_view_session(user, session: TrainingSession) -> bool:
    """The cohort's team and the cohort's own organisers."""
    if can_run_sessions(user, session.cohort):
        return True
    return is_active_member(user) and session.cohort.enrolments.filter(user=user).exists()


def can_mark_co_trainers(user) -> bool:
    return is_trainer(user)
