"""Shared pieces for `manage.py generate_corpus`: a large synthetic hub for the benchmarks.

Each part of the hub has a `corpus.py` with `generate(corpus: CorpusContext) -> None`, run in the
order of `CORPUS_GENERATORS` in the command. Unlike the demo loaders, generators write rows in
bulk (one INSERT per few thousand rows, ids chosen up front) so that 10,000 articles and 20,000
questions with their answers take minutes, not hours; the rows are the same rows the services
would write, counters and reputation included, so every page reads them as real content.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

BATCH = 2000

# Words organisers use, so searches and tag pages behave like real text (weighted towards the
# front of the list, as natural language is), with ordinary English around them.
_TOPIC_TEXT = (
    "community listening power mapping door knocking one to one tenants housing campaign meeting "
    "organiser leaders action council landlord repairs rent union workers youth school parents "
    "neighbours church mosque estate residents training reflection pathway foundations confirmation "
    "graduation visit host trust relationships agitation evaluation research negotiation turnout "
    "volunteers budget funding accountability assembly petition press media strategy tactics story "
    "public narrative self interest anger hope faith dignity justice wages transport health care"
)
_COMMON_TEXT = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or "
    "have an they which one you were her all she there would their we him been has when who will more "
    "no if out so said what up its about into than them can only other new some could time these two "
    "may then do first any my now such like our over man me even most made after also did many before "
    "must through back years where much your way well down should because each just those people how "
    "too little state good very make world still own see men work long get here between both life being "
    "under never day same another know while last might us great old year off come since against go came "
    "right used take three"
)
TOPIC_WORDS = tuple(_TOPIC_TEXT.split())
COMMON_WORDS = tuple(_COMMON_TEXT.split())


@dataclass
class CorpusContext:
    """What every generator shares: the sizes asked for, a seeded random source, the clock, the accounts."""

    articles: int = 10_000
    debates: int = 100
    questions: int = 20_000
    profiles: int = 2_000
    members: int = 3_000
    out: TextIO = sys.stdout
    rng: random.Random = field(default_factory=lambda: random.Random(2026))  # noqa: S311 - synthetic data only
    now: dt.datetime = field(default_factory=timezone.now)
    # Filled as generators run: account ids by group, and the tag ids every part shares.
    member_ids: list[int] = field(default_factory=list)
    organiser_ids: list[int] = field(default_factory=list)
    tag_ids: list[int] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def step(self, message: str) -> None:
        self.out.write(f"  [{time.monotonic() - self.started:6.1f} s] {message}\n")
        self.out.flush()

    def progress(self, label: str, done: int, total: int) -> None:
        """About ten lines per long step, as the demo loaders print."""
        every = max(1, total // 10)
        if done == total or done % every == 0:
            self.step(f"{label}: {done:,}/{total:,}")

    def words(self, count: int) -> str:
        topic = self.rng.choices(TOPIC_WORDS, k=count // 4 + 1)
        common = self.rng.choices(COMMON_WORDS, k=count - len(topic) + 1)
        mixed = topic + common
        self.rng.shuffle(mixed)
        return " ".join(mixed[:count])

    def sentence(self, low: int = 6, high: int = 18) -> str:
        return self.words(self.rng.randint(low, high)).capitalize() + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self, low: int = 2, high: int = 6) -> str:
        return " ".join(self.rng.choices(TOPIC_WORDS, k=self.rng.randint(low, high))).capitalize()

    def moment(self, days_back: int = 3 * 365) -> dt.datetime:
        return self.now - dt.timedelta(seconds=self.rng.randint(3600, days_back * 86400))

    def skewed(self, high: int) -> int:
        """0..high, mostly small: most posts get a few replies, a few get very many."""
        return min(high, int(self.rng.paretovariate(1.2)) - 1)


def next_id(model: type[models.Model]) -> int:
    """The first free primary key of `model`'s table: generators choose ids up front to link rows."""
    top = model._base_manager.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1


def _tables(model: type[models.Model]) -> list[type[models.Model]]:
    """The concrete models whose tables hold a row of `model`, the top parent first."""
    chain, current = [], model
    while current is not None:
        chain.append(current)
        parents = [parent for parent in current._meta.parents if not parent._meta.abstract]
        current = parents[0] if parents else None
    return list(reversed(chain))


def insert(objects: Sequence[models.Model], batch_size: int = BATCH) -> None:
    """INSERT `objects` (primary keys set) into every table of each one's model.

    `bulk_create` refuses multi-table inheritance (Wagtail pages, threaded comments); this writes
    each table's own columns with the field's own database conversion instead, so the rows read
    back exactly as if `save()` had written them.
    """
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, rows in by_model.items():
        for table_model in _tables(model):
            _insert_table(table_model, rows, batch_size)


def _insert_table(table_model: type[models.Model], objects: list[models.Model], batch_size: int) -> None:
    fields = table_model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(table_model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - names from model metadata
    for start in range(0, len(objects), batch_size):
        rows = [
            [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
            for obj in objects[start : start + batch_size]
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def reset_sequences(models_: Iterable[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the ids chosen by the generators (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def child_paths(parent, count: int) -> list[str]:
    """Materialised paths for `count` new children appended under a treebeard (Wagtail) page."""
    node = type(parent)
    last = parent.get_last_child()
    first = 1 if last is None else node._str2int(last.path[-node.steplen :]) + 1
    return [parent.path + node._int2str(number).rjust(node.steplen, "0") for number in range(first, first + count)]


def chunks(items: Sequence, size: int = BATCH) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
