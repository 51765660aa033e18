import time
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hub import corpus
from hub.corpus_support import CorpusContext

# Order matters: accounts and tags first, then the parts that refer to them, the search index last.
CORPUS_GENERATORS = ["hub.corpus", "wiki.corpus", "profiles.corpus", "qa.corpus", "search.corpus"]


class Command(BaseCommand):
    help = (
        "Add a large synthetic hub for the benchmarks (bench/pages.py): articles, debates, questions with "
        "answers and ratings, profiles with feed items, by bulk inserts, then rebuild the search index. "
        "Never on a production database: the accounts it makes share one published password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--debates", type=int, default=100)
        parser.add_argument("--questions", type=int, default=20_000, help="each with 0 to 100 answers")
        parser.add_argument("--profiles", type=int, default=2_000, help="nine in ten organisers, the rest hosts")
        parser.add_argument("--members", type=int, default=3_000, help="accounts that ask, answer and rate")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if corpus.already_generated():
            raise CommandError(
                "This database already holds a generated corpus (accounts named corpus-*). "
                "Generate into a fresh copy of the database instead."
            )
        context = CorpusContext(
            articles=options["articles"],
            debates=options["debates"],
            questions=options["questions"],
            profiles=options["profiles"],
            members=options["members"],
            out=self.stdout,
        )
        context.rng.seed(options["seed"])
        started = time.monotonic()
        for number, dotted in enumerate(CORPUS_GENERATORS, start=1):
            self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/{len(CORPUS_GENERATORS)}] {dotted}"))
            with transaction.atomic():
                import_module(dotted).generate(context)
        self.stdout.write(self.style.SUCCESS(f"Corpus ready in {time.monotonic() - started:.0f} s."))
