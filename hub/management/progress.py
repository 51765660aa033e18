"""A management command that says what it is doing unless run with --verbosity 0."""

from django.core.management.base import BaseCommand


class ProgressCommand(BaseCommand):
    verbosity = 1

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)

    def _progress(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)
