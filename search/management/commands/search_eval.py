"""Score the search against the judged queries (search/judged_queries.toml) on this database's content."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import evaluation, services
from search.backends import elastic


def runner(backend):
    def run(text: str) -> list[str]:
        results = services.search(text, backend=backend)
        return [evaluation.key(hit.kind, hit.title) for hit in results.hits]

    return run


class Command(BaseCommand):
    help = "Print nDCG@10, MRR and success@3 for each backend on the judged queries, and the worst queries."

    def add_arguments(self, parser):
        parser.add_argument("--json", help="Also write every query's results to this file (for the parity report).")
        parser.add_argument("--label", help="Name this database's backend in the report (default: its name).")

    def handle(self, *args, json=None, label=None, **options):
        judged = evaluation.load()
        missing = evaluation.missing_documents(judged)
        if missing:
            raise CommandError(
                "These judged documents are not in the index: " + "; ".join(missing) + ". Load the demo content "
                "(manage.py load_demo) or fix search/judged_queries.toml."
            )
        backends = [services.database_backend()]
        if settings.ELASTICSEARCH_URL:
            backends.append(elastic.ElasticsearchBackend())
        reports = []
        for backend in backends:
            name = label if label and backend.name != "elasticsearch" else backend.name
            report = evaluation.evaluate(name, runner(backend), judged)
            reports.append(report)
            self.stdout.write(evaluation.format_report(report))
        if json:
            self._write(json, reports)
        if not all(report.passes_gate for report in reports):
            raise CommandError("The relevance gate failed: see the worst queries above.")

    @staticmethod
    def _write(path: str, reports) -> None:
        data = {report.backend: {item.judged.q: item.found for item in report.scored} for report in reports}
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
