"""Nightly tidying of the task records, so the queue table stays small (scheduled in settings)."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hub.models import ScheduledRun
from hub.tasks import retrying_task


@retrying_task
def tidy_task_records() -> dict:
    """Delete old successful task rows, failed rows past their keeping time, and old schedule claims."""
    now = timezone.now()
    successful = now - dt.timedelta(days=settings.HUB_TASKS_KEEP_SUCCESSFUL_DAYS)
    failed = now - dt.timedelta(days=settings.HUB_TASKS_KEEP_FAILED_DAYS)
    deleted_ok, _ = DBTaskResult.objects.successful().filter(finished_at__lt=successful).delete()
    deleted_failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=failed).delete()
    deleted_runs, _ = ScheduledRun.objects.filter(period__lt=failed).delete()
    return {"successful": deleted_ok, "failed": deleted_failed, "scheduled_runs": deleted_runs}
