"""Local development: the embedded default (SQLite, local-memory cache, database search)."""

import contextlib

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
# The embedded default keeps its database, media and mail under var/.
VAR_DIR.mkdir(parents=True, exist_ok=True)
# Only for a developer's own machine: production refuses to start without a real key.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
HUB_DEMO_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
