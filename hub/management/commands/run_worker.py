import logging
import signal
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)

# (command, seconds between runs). A command that a part of the hub does not provide is left out.
SCHEDULE = [
    ("refresh_feeds", 15 * 60),
    ("send_digests", 24 * 60 * 60),
    ("qa_recompute_reputation", 24 * 60 * 60),
]


class Command(BaseCommand):
    help = (
        "The background worker: runs feed refreshes, daily digests and the nightly reputation "
        "recompute on a schedule. Run exactly one per deployment (docker-compose's `worker`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then stop.")

    def handle(self, *args, once=False, **options):
        available = get_commands()
        jobs = [(name, every) for name, every in SCHEDULE if name in available]
        self.stdout.write("Worker jobs: " + ", ".join(f"{name} every {every // 60} min" for name, every in jobs))
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        next_run = dict.fromkeys((name for name, _ in jobs), 0.0)
        while not self._stopping:
            for name, every in jobs:
                if time.monotonic() >= next_run[name]:
                    self._run(name)
                    next_run[name] = time.monotonic() + every
            if once:
                return
            time.sleep(5)

    def _run(self, name: str) -> None:
        self.stdout.write(f"Running {name}")
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        except Exception:
            # One failing job must not stop the others; the log says what went wrong.
            logger.exception("Worker job %s failed; it will run again at its next slot.", name)

    def _stop(self, *args) -> None:
        self._stopping = True
