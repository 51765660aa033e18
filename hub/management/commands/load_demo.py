import time
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.demo_support import DEMO_PASSWORD, DemoContext

# Order matters: accounts first, then the parts that refer to them, search last.
DEMO_LOADERS = ["hub.demo", "wiki.demo", "profiles.demo", "qa.demo", "pathway.demo", "events.demo", "search.demo"]


class Command(BaseCommand):
    help = "Build a realistic demo hub on an empty database. Safe to run again: it adds only what is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when HUB_DEMO_ENABLED is off (not for production)."
        )

    def handle(self, *args, force=False, **options):
        if not (settings.HUB_DEMO_ENABLED or force):
            raise CommandError(
                "Demo content is off in these settings. Use the dev settings (the default of manage.py), "
                "or pass --force if you really want demo accounts on this database."
            )
        demo = DemoContext(out=self.stdout)
        started = time.monotonic()
        for number, dotted in enumerate(DEMO_LOADERS, start=1):
            module = import_module(dotted)
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/{len(DEMO_LOADERS)}] {dotted}"))
            module.load(demo)
        self.stdout.write(self.style.SUCCESS(f"Demo hub ready in {time.monotonic() - started:.1f} s."))
        if settings.DEBUG:
            self.stdout.write(
                f"Log in at /accounts/login/ as admin, amara (organiser), priya (trainer), host-riverside (host), "
                f"mod-yasmin (moderator) or member-alice (member). Every demo password is: {DEMO_PASSWORD}"
            )
