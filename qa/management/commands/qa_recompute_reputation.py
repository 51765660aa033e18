"""Rebuild every member's feedback score and percentage positive from the ratings.

Run daily (weeks age out of the 12-month window) and whenever the stored figures are in doubt.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from qa.services import ratings


class Command(BaseCommand):
    help = "Recompute every member's reputation from the ratings and report figures that differed."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Pretend it is this ISO 8601 moment (for checks and tests).")

    def handle(self, *args, now=None, **options):
        moment = self._parse(now)
        self.stdout.write("Recomputing reputation from the ratings…")

        def progress(done, total):
            if done == total or done % 500 == 0:
                self.stdout.write(f"  members: {done}/{total}")

        differed = ratings.recompute_all(now=moment, progress=progress)
        for user, before, after in differed:
            self.stdout.write(
                f"  {user.username}: score {before.score} -> {after.score}, "
                f"positive weeks {before.positive_weeks} -> {after.positive_weeks}, "
                f"negative weeks {before.negative_weeks} -> {after.negative_weeks}"
            )
        if differed:
            self.stdout.write(
                self.style.WARNING(f"{len(differed)} member(s) differed; their figures are now corrected.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Every stored figure matched the ratings."))

    def _parse(self, value):
        if not value:
            return None
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise CommandError(
                "--now must be an ISO 8601 date and time, for example 2026-06-10T12:00:00+00:00"
            ) from None
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
