"""The moderators' queue in the Wagtail admin (Moderation): each part's section (hub/moderation.py's
registry), suspended members with the form to suspend or lift a suspension, and the audit trail.

Every action is a POST to a view that calls a service, which checks the Moderator role again: the
menu only hides what the services already refuse.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from hub import moderation, reports
from hub.models import Report


def _require_moderator(request) -> None:
    if not moderation.is_moderator(request.user):
        raise PermissionDenied("Only moderators work the moderation queue.")


def queue(request):
    _require_moderator(request)
    context = {
        "sections": moderation.sections(request),
        "suspended": moderation.suspended_members(),
        "trail": moderation.trail(100),
    }
    return TemplateResponse(request, "hub/admin/moderation.html", context)


def _account(request):
    username = request.POST.get("username", "").strip()
    return get_object_or_404(get_user_model(), username=username)


def _done(request, action, success: str):
    try:
        action()
    except moderation.ModerationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("hub_moderation:queue")


@require_POST
def suspend(request):
    _require_moderator(request)
    member, reason = _account(request), request.POST.get("reason", "")
    success = f"{member.get_username()} is suspended: their posts are hidden and they cannot write."
    return _done(request, lambda: moderation.suspend(request.user, member, reason), success)


@require_POST
def unsuspend(request):
    _require_moderator(request)
    member, reason = _account(request), request.POST.get("reason", "")
    success = f"{member.get_username()} may write again."
    return _done(request, lambda: moderation.unsuspend(request.user, member, reason), success)


def _reported(request, kind: str, pk: int):
    registered = reports.reportable(kind)
    if registered is None:
        raise Http404("This cannot be reported.")
    return get_object_or_404(registered.queryset(), pk=pk)


@require_POST
def dismiss_report(request, pk: int):
    _require_moderator(request)
    item = get_object_or_404(Report, pk=pk, status=Report.OPEN)
    return _done(request, lambda: reports.dismiss(request.user, item), "Report dismissed.")


@require_POST
def take_offline(request, kind: str, pk: int):
    _require_moderator(request)
    target, reason = _reported(request, kind, pk), request.POST.get("reason", "")
    return _done(request, lambda: reports.take_offline(request.user, kind, target, reason), "Taken offline.")


@require_POST
def put_back(request, kind: str, pk: int):
    _require_moderator(request)
    target, reason = _reported(request, kind, pk), request.POST.get("reason", "")
    return _done(request, lambda: reports.put_back(request.user, kind, target, reason), "Back online.")
