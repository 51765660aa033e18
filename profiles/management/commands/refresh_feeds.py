"""Fetch every profile's feeds. Run it on a schedule (cron or a systemd timer), never in a web request."""

from django.core.management.base import BaseCommand

from profiles.feeds.refresh import refresh_all


class Command(BaseCommand):
    help = (
        "Refresh the blog, Mastodon and Bluesky feeds of every live profile. "
        "Schedule it every 30 minutes, for example from cron: "
        "*/30 * * * * cd /srv/hub && .venv/bin/python manage.py refresh_feeds"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requested",
            action="store_true",
            help="Only the feeds whose owners pressed 'Refresh my feeds now' (the worker runs this every minute).",
        )

    def handle(self, *args, requested=False, **options):
        results = refresh_all(progress=self._progress, requested_only=requested)
        failed = [result for result in results if not result.ok]
        new = sum(result.new_items for result in results)
        self.stdout.write(self.style.SUCCESS(f"Done: {len(results)} feeds, {new} new items, {len(failed)} failed."))
        if failed:
            self.stdout.write(
                "Failed feeds keep their last good items. Owners see the error on their edit page; "
                "check the addresses there, or run this command again later if a site was down."
            )

    def _progress(self, number, total, source, result):
        state = (
            "not modified"
            if result.not_modified
            else f"{result.new_items} new"
            if result.ok
            else f"error: {result.error}"
        )
        self.stdout.write(f"  [{number}/{total}] {source.get_kind_display()} of page {source.page_id}: {state}")
