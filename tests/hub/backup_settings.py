"""The second hub of tests/hub/test_backup.py: the test settings, with the database (DATABASE_URL)
and the uploads folder (HUB_TEST_MEDIA_ROOT) that the test gives it."""

import os
from pathlib import Path

from settings.test import *  # noqa: F403

MEDIA_ROOT = Path(os.environ["HUB_TEST_MEDIA_ROOT"])
