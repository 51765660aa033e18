import logging
import signal
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)

# (command, arguments, seconds between runs). A command that a part of the hub lacks is left out.
SCHEDULE = [
    ("refresh_feeds", ["--requested"], 60),
    ("refresh_feeds", [], 30 * 60),
    ("send_digests", [], 24 * 60 * 60),
    ("qa_recompute_reputation", [], 24 * 60 * 60),
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
        jobs = [(name, arguments, every) for name, arguments, every in SCHEDULE if name in available]
        described = (" ".join([name, *arguments]) + f" every {every // 60} min" for name, arguments, every in jobs)
        self.stdout.write("Worker jobs: " + ", ".join(described))
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        next_run = [0.0] * len(jobs)
        while not self._stopping:
            for number, (name, arguments, every) in enumerate(jobs):
                if time.monotonic() >= next_run[number]:
                    self._run(name, arguments)
                    next_run[number] = time.monotonic() + every
            if once:
                return
            time.sleep(5)

    def _run(self, name: str, arguments: list[str]) -> None:
        self.stdout.write("Running " + " ".join([name, *arguments]))
        try:
            call_command(name, *arguments, stdout=self.stdout, stderr=self.stderr)
        except Exception:
            # One failing job must not stop the others; the log says what went wrong.
            logger.exception("Worker job %s failed; it will run again at its next slot.", name)

    def _stop(self, *args) -> None:
        self._stopping = True
