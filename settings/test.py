"""Test settings: fast, repeatable, and isolated from the developer's own data."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import database_config, env_str

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {"default": database_config(env_str("DATABASE_URL"), Path(tempfile.gettempdir()) / "cohub-test.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's shared in-memory database: worker threads in the task-queue tests then
    # meet SQLite's real locking (WAL, busy time-out) as in production, not shared-cache errors.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"cohub-test-{os.getpid()}.sqlite3")}
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-pages"},
}
# As production with Redis (docs/adr/0103): one process, so the local-memory cache is shared enough.
SESSION_ENGINE = "hub.sessions"
SESSION_CACHE_ALIAS = "pages"
# Page tests look at what each request renders and what it costs; the page cache's own tests
# (tests/hub/test_page_cache.py) turn it on.
HUB_PAGE_CACHE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
HUB_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cohub-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="cohub-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run where they are enqueued (on commit); tests of the real queue switch to the database
# backend with the `database_queue` fixture (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": HUB_TASK_QUEUES}}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH_URL = None
# Feed tests talk to a real HTTP server on 127.0.0.1; only tests may allow it.
HUB_FEEDS_ALLOW_LOOPBACK = False
