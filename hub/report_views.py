"""Reporting a profile (or another kind registered in hub/reports.py) to the moderators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from hub import moderation, reports, visibility
from hub.models import Report


@login_required
def report(request, kind: str, pk: int):
    """Report a profile (or another registered kind) to the moderators: a reason, and a note if "other"."""
    registered = reports.reportable(kind)
    if registered is None:
        raise Http404("This cannot be reported.")
    target = get_object_or_404(visibility.visible_pages(registered.queryset(), request.user), pk=pk)
    context = {"target": target, "label": registered.label, "reasons": Report.REASON_CHOICES}
    if request.method == "POST":
        try:
            reports.report(request.user, kind, target, request.POST.get("reason", ""), request.POST.get("note", ""))
        except moderation.Suspended as error:
            return render(request, "hub/suspended.html", {"message": error.message}, status=403)
        except moderation.ModerationError as error:
            return render(request, "hub/report.html", {**context, "error": error.message}, status=400)
        messages.success(request, "Thank you. A moderator will look at it.")
        return redirect(target.url)
    return render(request, "hub/report.html", context)
