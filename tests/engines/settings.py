"""Settings for the processes the multi-process test starts: app servers, workers and schedulers on
PostgreSQL (the test database) and Redis, with every email a task delivered to a local SMTP server."""

import os

from settings.env import caches_config
from settings.test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
CACHES = caches_config(os.environ["CACHE_URL"])
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": HUB_TASK_QUEUES}}  # noqa: F405
EMAIL_BACKEND = "hub.mail.TaskEmailBackend"
HUB_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST, EMAIL_PORT = "127.0.0.1", int(os.environ["TEST_SMTP_PORT"])
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 5
# Short periods, so that a test of a few seconds sees several of each.
HUB_PERIODIC_TASKS = {
    "send-digests": {"task": "hub.notifications.send_daily_digests", "cron": "*/3 * * * * *"},
    "tidy-task-records": {"task": "hub.housekeeping.tidy_task_records", "cron": "*/3 * * * * *"},
}
