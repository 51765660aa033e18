"""Periodic jobs: APScheduler's cron triggers say when, a database row says "done for this period".

`settings.HUB_PERIODIC_TASKS` names each job, the task it enqueues (a dotted path to a task of
Django's task framework) and a crontab line. `manage.py run_scheduler` fires each job at its
times; firing claims the job's period by inserting a `ScheduledRun` row (unique per job and
period) and enqueues the task in the same transaction. So, however many schedulers run:
- each job is enqueued once per period (the second insert fails and that scheduler moves on);
- a restart never runs a job again for a period already claimed;
- on start, a job whose latest period was missed (the scheduler was down) is caught up once.
The work itself runs in the workers, with their retries. See docs/adr/0051-periodic-jobs.md.
"""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from dataclasses import dataclass

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from hub.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a task
    cron: str  # minute hour day-of-month month day-of-week, or with a leading second field

    @property
    def trigger(self) -> CronTrigger:
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        fields = self.cron.split()
        if len(fields) == 6:
            names = ["second", "minute", "hour", "day", "month", "day_of_week"]
            return CronTrigger(**dict(zip(names, fields, strict=True)), timezone=zone)
        return CronTrigger.from_crontab(self.cron, timezone=zone)


def jobs() -> list[Job]:
    return [Job(name=name, task=spec["task"], cron=spec["cron"]) for name, spec in settings.HUB_PERIODIC_TASKS.items()]


LOOKBACK = [dt.timedelta(minutes=1), dt.timedelta(hours=1), dt.timedelta(days=1), dt.timedelta(days=8)]


def latest_period(job: Job, now: dt.datetime) -> dt.datetime | None:
    """The latest scheduled time of `job` at or before `now` (within 8 days), or None."""
    trigger = job.trigger
    for window in LOOKBACK:
        fire = trigger.get_next_fire_time(None, now - window)
        if fire is not None and fire <= now:
            break
    else:
        return None
    latest = fire
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, fire + dt.timedelta(microseconds=1))
    return latest


def claim(job: Job, period: dt.datetime) -> bool:
    """Enqueue `job` for `period` unless some scheduler already did. True if this call did."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, period=period)
            result = import_string(job.task).enqueue()
            run.task_id = str(result.id)[:64]
            run.save(update_fields=["task_id"])
    except IntegrityError:
        return False
    logger.info("Enqueued %s for %s.", job.name, period.isoformat())
    return True


def run_due(job: Job, now: dt.datetime | None = None) -> bool:
    """Claim the latest period of `job` if it is not claimed yet (catching up a missed run once)."""
    period = latest_period(job, now or timezone.now())
    return period is not None and claim(job, period)


def catch_up(now: dt.datetime | None = None) -> list[str]:
    """On start: every job whose latest period nobody claimed runs once now. Returns their names."""
    return [job.name for job in jobs() if run_due(job, now)]
