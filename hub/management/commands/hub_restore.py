"""manage.py hub_restore ARCHIVE: a hub_backup archive into an empty database (any engine) and the uploads folder."""

from pathlib import Path

from django.core.management.base import CommandError

from hub import backup
from hub.management.progress import ProgressCommand


class Command(ProgressCommand):
    help = (
        "Restore a hub_backup archive: checks every checksum first, refuses a database with accounts in it "
        "unless --force, loads all rows in one transaction, copies the uploads, rebuilds the search indexes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by hub_backup.")
        parser.add_argument("--force", action="store_true", help="Replace everything in a database that is not empty.")
        parser.add_argument("--database", default="default", help="The database alias to restore into.")

    def handle(self, *args, archive, force=False, database="default", **options):
        try:
            result = backup.restore(Path(archive).resolve(), force=force, using=database, progress=self._progress)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if not self.verbosity:
            return
        self.stdout.write(
            self.style.SUCCESS(f"Restored {result.rows} rows into {result.tables} tables and {result.files} files.")
        )
        self.stdout.write(
            "Next: members sign in again (sessions are not in backups); check the site address in the admin "
            "(Settings > Sites) if the hub moved."
        )
