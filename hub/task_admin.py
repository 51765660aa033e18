"""Background tasks in the Wagtail admin (Settings > Background tasks), for superusers.

Lists failed tasks with their error first, then tasks waiting to retry and queued ones; a failed
task can be retried (one, or every failed task at once) once its cause is fixed. Retrying puts the
same row back in the queue with a fresh set of attempts; its last error stays until it runs. A task
"running" for longer than HUB_TASKS_STUCK_AFTER seconds lost its worker (killed outright): it is
listed as stuck and can be retried too.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult


def stuck() -> Q:
    since = timezone.now() - dt.timedelta(seconds=settings.HUB_TASKS_STUCK_AFTER)
    return Q(status="RUNNING", started_at__lt=since)


STATES = {
    "failed": ("Failed", Q(status="FAILED")),
    "stuck": ("Stuck (worker lost)", None),
    "retrying": ("Waiting to retry", Q(status="READY") & ~Q(exception_class_path="")),
    "queued": ("Queued", Q(status="READY", exception_class_path="")),
    "running": ("Running", Q(status="RUNNING")),
    "done": ("Done", Q(status="SUCCESSFUL")),
}


def _require_superuser(request) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied("Only administrators see the background tasks.")


def last_error_line(row: DBTaskResult) -> str:
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def task_list(request):
    _require_superuser(request)
    state = request.GET.get("state", "failed")
    if state not in STATES:
        state = "failed"
    counts = DBTaskResult.objects.aggregate(**{key: Count("pk", filter=_query(key)) for key in STATES})
    found = DBTaskResult.objects.filter(_query(state)).order_by("-finished_at", "-enqueued_at")
    page = Paginator(found, 50).get_page(request.GET.get("p"))
    for row in page:
        row.error_line = last_error_line(row)
    context = {
        "states": [(key, label, counts[key]) for key, (label, _) in STATES.items()],
        "state": state,
        "state_label": STATES[state][0],
        "page": page,
    }
    return TemplateResponse(request, "hub/admin/tasks.html", context)


def _query(state: str) -> Q:
    return stuck() if state == "stuck" else STATES[state][1]


def task_detail(request, pk):
    _require_superuser(request)
    row = get_object_or_404(DBTaskResult, pk=pk)
    row.error_line = last_error_line(row)
    can_retry = DBTaskResult.objects.filter(Q(pk=row.pk) & (Q(status="FAILED") | stuck())).exists()
    return TemplateResponse(request, "hub/admin/task_detail.html", {"row": row, "can_retry": can_retry})


def _put_back(queryset) -> int:
    return queryset.update(status="READY", run_after=timezone.now(), finished_at=None, worker_ids=[])


@require_POST
def retry(request, pk):
    _require_superuser(request)
    count = _put_back(DBTaskResult.objects.filter(Q(pk=pk) & (Q(status="FAILED") | stuck())))
    if count:
        messages.success(request, "The task is back in the queue; a worker will run it within seconds.")
    else:
        messages.warning(request, "Only a failed or stuck task can be retried; this one is neither.")
    return redirect("hub_tasks:detail", pk=pk)


@require_POST
def retry_all_failed(request):
    _require_superuser(request)
    count = _put_back(DBTaskResult.objects.failed())
    messages.success(request, f"{count} failed task(s) are back in the queue.")
    return redirect("hub_tasks:list")
