"""Periodic jobs: once per period across schedulers, never again on restart, a missed run caught up once."""

import datetime as dt
import zoneinfo

import pytest
from django.core.management import call_command

from hub import scheduler
from hub.models import ScheduledRun
from tests.queue import rows

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
DIGESTS = scheduler.Job(name="send-digests", task="tests.hub.sample_tasks.works_on_third_try", cron="0 7 * * *")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, minute, tzinfo=LONDON)


def test_latest_period_is_the_last_scheduled_time_at_or_before_now():
    assert scheduler.latest_period(DIGESTS, at(10, 6, 59)) == at(9, 7)
    assert scheduler.latest_period(DIGESTS, at(10, 7, 0)) == at(10, 7)
    assert scheduler.latest_period(DIGESTS, at(10, 23, 30)) == at(10, 7)
    every_half_hour = scheduler.Job(name="feeds", task="x.y", cron="*/30 * * * *")
    assert scheduler.latest_period(every_half_hour, at(10, 9, 44)) == at(10, 9, 30)
    every_two_seconds = scheduler.Job(name="fast", task="x.y", cron="*/2 * * * * *")
    assert scheduler.latest_period(every_two_seconds, at(10, 9, 44) + dt.timedelta(seconds=5)) == at(
        10, 9, 44
    ) + dt.timedelta(seconds=4)


def test_two_schedulers_firing_for_the_same_period_enqueue_the_job_once(database_queue):
    assert scheduler.run_due(DIGESTS, at(10, 7, 0)) is True
    assert scheduler.run_due(DIGESTS, at(10, 7, 0)) is False  # the second replica
    assert scheduler.run_due(DIGESTS, at(10, 9, 0)) is False  # a restart later that day
    assert list(ScheduledRun.objects.values_list("job", "period")) == [("send-digests", at(10, 7))]
    assert len(rows("works_on_third_try")) == 1
    assert ScheduledRun.objects.get().task_id == str(rows()[0].id)


def test_the_next_period_runs_again(database_queue):
    scheduler.run_due(DIGESTS, at(10, 7, 0))
    scheduler.run_due(DIGESTS, at(11, 7, 0))
    assert ScheduledRun.objects.count() == 2
    assert len(rows()) == 2


def test_a_missed_run_is_caught_up_once_on_start(database_queue, settings):
    settings.HUB_PERIODIC_TASKS = {"send-digests": {"task": DIGESTS.task, "cron": DIGESTS.cron}}
    scheduler.run_due(DIGESTS, at(8, 7, 0))
    # The scheduler was down from the 8th to the 10th at noon: two periods missed, one run.
    assert scheduler.catch_up(at(10, 12, 0)) == ["send-digests"]
    assert scheduler.catch_up(at(10, 12, 5)) == []
    assert list(ScheduledRun.objects.order_by("period").values_list("period", flat=True)) == [at(8, 7), at(10, 7)]


def test_every_configured_job_names_a_task_that_exists(settings):
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    for job in scheduler.jobs():
        assert isinstance(import_string(job.task), Task), job.name
        assert job.trigger is not None


def test_run_scheduler_lists_its_jobs(capsys):
    call_command("run_scheduler", "--list")
    output = capsys.readouterr().out
    assert "refresh-feeds: */30 * * * * -> profiles.tasks.refresh_due_feeds" in output
    assert "send-digests: 0 7 * * * -> hub.notifications.send_daily_digests" in output
