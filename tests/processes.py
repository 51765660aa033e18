"""Python run in a process of its own, from the project's folder with the test settings: for what a
test's own process cannot give (a database file of its own, Django set up from the start)."""

import os
import subprocess
import sys

from django.conf import settings


def run_python(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python *arguments`, its output captured as text."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "settings.test"},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
