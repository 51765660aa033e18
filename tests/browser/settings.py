"""Settings for the hub server that the browser tests start as a subprocess.

Production-like where it matters to a browser (DEBUG off, so the real error pages show; the strict
CSP; static files served by WhiteNoise as in production), and isolated where it matters to tests:
a fresh SQLite database and mail folder under HUB_VAR_DIR, which the session fixture creates.
"""

from settings.base import VAR_DIR
from settings.env import database_config
from settings.test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Always the embedded SQLite file in the session's own folder, whatever DATABASE_URL says.
DATABASES = {"default": database_config(None, VAR_DIR / "hub.sqlite3")}
MEDIA_ROOT = VAR_DIR / "media"
# The sign-up journey reads the confirmation email from this folder.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
# WhiteNoise serves the apps' static files straight from their folders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
HUB_DEMO_ENABLED = True
HUB_BASE_URL = "http://127.0.0.1"
# The feed journey refreshes a profile from a tiny feed server on 127.0.0.1. Only these test
# settings switch the loopback allowance on.
HUB_FEEDS_ALLOW_LOOPBACK = True
# Test-only routes that raise 403, 429 and 500, so the real error pages can be checked.
ROOT_URLCONF = "tests.browser.urls"
# Every browser test signs in from 127.0.0.1, dozens of times a minute on a fast machine: the
# per-address sign-in and search limits would refuse the suite itself. Their behaviour is tested
# in tests/hub/test_ratelimit.py and tests/search/test_search_limits.py; the 429 page is checked above.
HUB_RATE_LIMITS = {
    **HUB_RATE_LIMITS,  # noqa: F405
    "login": {**HUB_RATE_LIMITS["login"], "rate": "1000/m"},  # noqa: F405
    "search-page": {**HUB_RATE_LIMITS["search-page"], "rate": "1000/m"},  # noqa: F405
}
