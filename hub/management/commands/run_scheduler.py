"""Put periodic jobs in the task queue at their times (settings.HUB_PERIODIC_TASKS)."""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from hub import scheduler

logger = logging.getLogger(__name__)


def fire(job: scheduler.Job) -> None:
    close_old_connections()
    try:
        scheduler.run_due(job)
    except Exception:
        # The database may be away for a moment; the next firing (or a restart) catches up.
        logger.exception("Could not enqueue %s; it will be caught up at its next time.", job.name)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (feed refresh, daily digests, nightly reputation recompute, "
        "housekeeping) at their times. Safe to run on several machines: each job is enqueued once "
        "per period, never again after a restart, and a missed period is caught up once on start."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Show the jobs and their next times, then stop.")

    def handle(self, *args, list=False, **options):
        jobs = scheduler.jobs()
        runner = BlockingScheduler(job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None})
        for job in jobs:
            runner.add_job(fire, job.trigger, args=[job], id=job.name, name=job.name)
        for job in jobs:
            self.stdout.write(f"  {job.name}: {job.cron} -> {job.task}")
        if list:
            return
        caught_up = scheduler.catch_up()
        if caught_up:
            self.stdout.write("Caught up missed runs: " + ", ".join(caught_up))
        self.stdout.write("Scheduler started. Stop with Ctrl+C.")
        try:
            runner.start()
        except (KeyboardInterrupt, SystemExit):
            self.stdout.write("Scheduler stopped.")
