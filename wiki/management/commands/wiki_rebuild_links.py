"""Rebuild the wiki link table from every live page (after a bulk import or a restore)."""

from django.core.management.base import BaseCommand

from wiki import services
from wiki.models import WikiPage


class Command(BaseCommand):
    help = "Rebuild 'What links here' for every live wiki page. Safe to run at any time."

    def handle(self, *args, **options):
        pages = list(WikiPage.objects.live().order_by("pk"))
        if not pages:
            self.stdout.write(
                "No live wiki pages: nothing to do. Run `manage.py migrate` and publish some pages first."
            )
            return
        total = 0
        for done, page in enumerate(pages, start=1):
            total += services.record_links(page)
            if done % 50 == 0 or done == len(pages):
                self.stdout.write(f"  {done}/{len(pages)} pages")
        self.stdout.write(self.style.SUCCESS(f"Recorded {total} wiki links from {len(pages)} pages."))
