"""manage.py hub_backup: the whole hub (every table's rows and every uploaded file) in one archive."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from hub import backup
from hub.management.progress import ProgressCommand


class Command(ProgressCommand):
    help = "Back up the database's content and the uploaded files into one .tar.gz with checksums (hub/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", help="The archive to write (default: hub-backup-<date>-<time>.tar.gz here)."
        )
        parser.add_argument("--database", default="default", help="The database alias to back up.")

    def handle(self, *args, output=None, database="default", **options):
        path = Path(output or f"hub-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz").resolve()
        try:
            result = backup.make_backup(path, using=database, progress=self._progress)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        if not self.verbosity:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {result.rows} rows from {result.tables} tables and {result.files} files to {result.path}."
            )
        )
        self.stdout.write("Keep it somewhere else than this machine. Restore with: manage.py hub_restore " + str(path))
