"""Rebuild the hub's search index from every registered adapter, with progress per kind."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import indexing, registry


class Command(BaseCommand):
    help = "Rebuild the hub's search index (database, and Elasticsearch when ELASTICSEARCH_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", dest="kinds", help="Only this kind (repeatable).")

    def handle(self, *args, kinds=None, **options):
        known = [adapter.kind for adapter in registry.adapters()]
        if not known:
            raise CommandError("No searchable content is registered: check INSTALLED_APPS and each app's ready().")
        unknown = sorted(set(kinds or []) - set(known))
        if unknown:
            raise CommandError(f"Unknown kind {', '.join(unknown)}. Known kinds: {', '.join(known)}.")
        target = "the database and Elasticsearch" if settings.ELASTICSEARCH_URL else "the database"
        self.stdout.write(f"Rebuilding the search index in {target}...")
        try:
            counts = indexing.reindex(progress=self._progress, kinds=kinds)
        except Exception as error:
            raise CommandError(
                f"Reindexing stopped: {error}. Nothing was half-replaced in the database for the kind that "
                "failed. If Elasticsearch is the problem, check ELASTICSEARCH_URL or unset it to use the database only."
            ) from error
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(counts.values())} entries in {len(counts)} kinds."))

    def _progress(self, kind: str, count: int) -> None:
        self.stdout.write(f"  {kind}: {count} indexed")
