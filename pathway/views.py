"""Thin views of the pathway: each checks who is asking, calls a selector or a service, renders."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from pathway import forms, rules, selectors, services
from pathway.models import Attendance, Cohort, CoTrainer, Enrolment, Reflection, Stage, TrainingSession, Visit
from pathway.places import visit_places


def _pathway():
    pathway = selectors.default_pathway()
    if pathway is None:
        raise Http404("The training pathway has not been set up yet.")
    return pathway


def enrolment_required(view):
    """For the organiser's own pages: passes their pathway record, or sends them to start one."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        enrolment = selectors.enrolment_of(request.user, _pathway())
        if enrolment is None:
            messages.info(request, "Start your pathway record first.")
            return redirect("pathway:mine")
        return view(request, enrolment, *args, **kwargs)

    return wrapper


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- everyone -----------------------------------------------------------------------------------


def overview(request):
    pathway = _pathway()
    context = {
        "pathway": pathway,
        "stages": selectors.stages_of(pathway),
        "is_trainer": rules.can_train(request.user),
    }
    return render(request, "pathway/overview.html", context)


def reflection_detail(request, pk: int):
    reflection = selectors.reflection_with_author(pk, request.user)
    if reflection is None:
        raise Http404("No reflection here, or it is not shared with you.")
    context = {"reflection": reflection, "is_author": rules.is_author(request.user, reflection)}
    return render(request, "pathway/reflection_detail.html", context)


def co_trainers(request):
    form = forms.CoTrainerForm() if rules.can_mark_co_trainers(request.user) else None
    context = {"co_trainers": selectors.co_trainers(), "form": form}
    return render(request, "pathway/co_trainers.html", context)


# --- the organiser's own record -------------------------------------------------------------------


@login_required
def my_pathway(request):
    data = selectors.my_pathway(request.user, _pathway(), timezone.localdate())
    context = {"data": data, "visits": list(data.enrolment.visits.all()) if data.enrolment else []}
    context["co_trainer"] = selectors.co_trainer_of(request.user)
    return render(request, "pathway/my_pathway.html", context)


@login_required
@require_POST
def start(request):
    services.start(request.user, _pathway())
    messages.success(request, "Your pathway record has started. Record each stage when you have done it.")
    return redirect("pathway:mine")


def _stage(slug: str) -> Stage:
    return get_object_or_404(Stage, pathway=_pathway(), slug=slug)


@enrolment_required
def record_stage(request, enrolment: Enrolment, slug: str):
    stage = _stage(slug)
    options = enrolment.pathway.go_deeper_options.all()
    record = enrolment.records.filter(stage=stage).first()
    initial = {"completed_on": record.completed_on if record else None}
    if stage.kind == Stage.GO_DEEPER:
        initial.update(option=enrolment.go_deeper_option_id, provider=enrolment.go_deeper_provider)
    form = forms.StageRecordForm(request.POST or None, stage=stage, options=options, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_stage(
                request.user,
                enrolment,
                stage,
                form.cleaned_data["completed_on"],
                form.cleaned_data.get("option"),
                form.cleaned_data.get("provider", ""),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, f"Recorded: {stage.title}.")
            return redirect("pathway:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "pathway/record_stage.html", {"stage": stage, "form": form, "record": record}, status=status)


@require_POST
@enrolment_required
def clear_stage(request, enrolment: Enrolment, slug: str):
    stage = _stage(slug)
    if services.clear_stage(request.user, enrolment, stage):
        messages.success(request, f"The date for {stage.title} is removed.")
    return redirect("pathway:mine")


@require_POST
@enrolment_required
def profile_setting(request, enrolment: Enrolment):
    show = request.POST.get("show_on_profile") == "yes"
    services.set_show_on_profile(request.user, enrolment, show)
    messages.success(
        request, "Your profile shows your pathway." if show else "Your profile no longer shows your pathway."
    )
    return redirect("pathway:mine")


@enrolment_required
def edit_reflection(request, enrolment: Enrolment, slug: str):
    stage = _stage(slug)
    if not stage.asks_for_reflection:
        raise Http404("This stage does not ask for a written reflection.")
    reflection = enrolment.reflections.filter(stage=stage).first()
    initial = {"title": stage.title, "visibility": Reflection.PRIVATE}
    if reflection:
        initial = {"title": reflection.title, "body": reflection.body, "visibility": reflection.visibility}
    form = forms.ReflectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reflection = services.save_reflection(request.user, enrolment, stage, **form.cleaned_data)
        messages.success(request, f"Your reflection is saved. {_who_reads(reflection)}")
        return redirect("pathway:reflection", pk=reflection.pk)
    context = {
        "stage": stage,
        "form": form,
        "reflection": reflection,
        "team": selectors.team_of(enrolment.cohort),
        "has_cohort": enrolment.cohort_id is not None,
    }
    return render(request, "pathway/edit_reflection.html", context, status=400 if request.method == "POST" else 200)


def _who_reads(reflection: Reflection) -> str:
    return {
        Reflection.PRIVATE: "Only you can read it.",
        Reflection.TRAINERS: "You and your cohort's training team can read it.",
        Reflection.PUBLIC: "Everyone can read it, and it shows on your profile.",
    }[reflection.visibility]


@login_required
def reflection_history(request, pk: int):
    reflection = selectors.reflection_with_author(pk, request.user)
    if reflection is None or not rules.is_author(request.user, reflection):
        raise Http404("Only the author sees the earlier versions of a reflection.")
    context = {"reflection": reflection, "revisions": list(reflection.revisions.all())}
    return render(request, "pathway/reflection_history.html", context)


@enrolment_required
def add_visit(request, enrolment: Enrolment):
    places = visit_places(request.user)
    form = forms.VisitForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_visit(
                request.user,
                enrolment,
                visited_on=data["visited_on"],
                place_id=data["place"],
                place_name=data["place_name"],
                learned=data["learned"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, "Your visit is recorded.")
            return redirect("pathway:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "pathway/add_visit.html", {"form": form, "places": places}, status=status)


@login_required
@require_POST
def delete_visit(request, pk: int):
    visit = get_object_or_404(Visit.objects.select_related("enrolment"), pk=pk)
    services.delete_visit(request.user, visit)
    messages.success(request, f"The visit to {visit.place_name} is removed.")
    return redirect("pathway:mine")


# --- trainers and co-trainers ---------------------------------------------------------------------


@login_required
def cohorts(request):
    if not rules.can_train(request.user):
        raise PermissionDenied("Cohorts are for trainers and co-trainers.")
    context = {"cohorts": selectors.cohorts_for(request.user), "can_start": rules.is_trainer(request.user)}
    return render(request, "pathway/cohorts.html", context)


@login_required
def new_cohort(request):
    if not rules.is_trainer(request.user):
        raise PermissionDenied("Only trainers can start a cohort.")
    form = forms.CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = services.create_cohort(request.user, _pathway(), **form.cleaned_data)
        messages.success(request, f"The cohort {cohort.name} is started, with you on its training team.")
        return redirect("pathway:cohort", pk=cohort.pk)
    return render(request, "pathway/new_cohort.html", {"form": form}, status=400 if form.errors else 200)


def _viewable_cohort(request, pk: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("pathway"), pk=pk)
    if not (rules.can_view_cohort(request.user, cohort) or rules.can_manage_cohort(request.user, cohort)):
        raise PermissionDenied("Only this cohort's training team can see it.")
    return cohort


@login_required
def cohort_detail(request, pk: int):
    cohort = _viewable_cohort(request, pk)
    context = {
        "cohort": cohort,
        "members": selectors.cohort_members(cohort, request.user, timezone.localdate()),
        "team": selectors.team_of(cohort),
        "sessions": selectors.sessions_of(cohort),
        "can_manage": rules.can_manage_cohort(request.user, cohort),
        "username_form": forms.UsernameForm(),
    }
    return render(request, "pathway/cohort_detail.html", context)


def _cohort_change(request, pk: int, change, done: str):
    cohort = get_object_or_404(Cohort, pk=pk)
    try:
        change(cohort)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done)
    return redirect("pathway:cohort", pk=cohort.pk)


@login_required
@require_POST
def add_organiser(request, pk: int):
    username = request.POST.get("username", "")
    return _cohort_change(
        request,
        pk,
        lambda cohort: services.add_organiser(request.user, cohort, username),
        f"{username} is in the cohort.",
    )


@login_required
@require_POST
def remove_organiser(request, pk: int, enrolment_pk: int):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_pk)
    return _cohort_change(
        request,
        pk,
        lambda cohort: services.remove_organiser(request.user, cohort, enrolment),
        "Removed from the cohort.",
    )


@login_required
@require_POST
def add_team_member(request, pk: int):
    username = request.POST.get("username", "")
    return _cohort_change(
        request,
        pk,
        lambda cohort: services.add_team_member(request.user, cohort, username),
        f"{username} joined the team.",
    )


@login_required
@require_POST
def remove_team_member(request, pk: int, user_pk: int):
    person = get_object_or_404(get_user_model(), pk=user_pk)
    return _cohort_change(
        request, pk, lambda cohort: services.remove_team_member(request.user, cohort, person), "Removed from the team."
    )


@login_required
def new_session(request, pk: int):
    cohort = get_object_or_404(Cohort.objects.select_related("pathway"), pk=pk)
    if not rules.can_run_sessions(request.user, cohort):
        raise PermissionDenied("Only this cohort's training team can plan its sessions.")
    stages = cohort.pathway.stages.filter(kind__in=services.SESSION_KINDS).order_by("sort_order")
    form = forms.SessionForm(request.POST or None, stages=stages, team=selectors.team_of(cohort))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.create_session(
                request.user,
                cohort,
                stage=data["stage"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                notes=data["notes"],
                team=form.chosen_team(),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, "The session is planned.")
            return redirect("pathway:session", pk=session.pk)
    context = {"cohort": cohort, "form": form}
    return render(request, "pathway/new_session.html", context, status=400 if form.errors else 200)


@login_required
def session_detail(request, pk: int):
    session = get_object_or_404(TrainingSession.objects.select_related("cohort__pathway", "stage"), pk=pk)
    if not rules.can_view_session(request.user, session):
        raise PermissionDenied("Only the cohort and its training team can see this session.")
    can_record = rules.can_run_sessions(request.user, session.cohort)
    if request.method == "POST":
        marks = {
            int(key[7:]): value
            for key, value in request.POST.items()
            if key.startswith("status-") and key[7:].isdigit()
        }
        try:
            stored = services.record_attendance(request.user, session, marks)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, f"Attendance saved for {stored} organiser(s).")
        return redirect("pathway:session", pk=session.pk)
    context = {"session": session, "can_record": can_record, "statuses": Attendance.STATUS_CHOICES}
    context.update(selectors.session_detail(session))
    return render(request, "pathway/session_detail.html", context)


@login_required
@require_POST
def mark_co_trainer(request):
    form = forms.CoTrainerForm(request.POST)
    if not rules.can_mark_co_trainers(request.user):
        raise PermissionDenied("Only trainers and admins can mark a member as a co-trainer.")
    if form.is_valid():
        data = form.cleaned_data
        try:
            co_trainer = services.mark_co_trainer(
                request.user,
                data["username"],
                consent_given_on=data["consent_given_on"],
                consent_how=data["consent_how"],
                consent_note=data["consent_note"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request, f"{co_trainer.user.public_name} is shown as a co-trainer, with their consent recorded."
            )
            return redirect("pathway:co_trainers")
    context = {"co_trainers": selectors.co_trainers(), "form": form}
    return render(request, "pathway/co_trainers.html", context, status=400)


@login_required
@require_POST
def withdraw_co_trainer(request, pk: int):
    co_trainer = get_object_or_404(CoTrainer.objects.select_related("user"), pk=pk)
    services.withdraw_co_trainer(request.user, co_trainer)
    if co_trainer.user_id == request.user.pk:
        messages.success(request, "You are no longer shown as a co-trainer. A trainer can add you again if you ask.")
        return redirect("pathway:mine")
    messages.success(request, f"{co_trainer.user.public_name} is no longer shown as a co-trainer.")
    return redirect("pathway:co_trainers")
