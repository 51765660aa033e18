"""PostgreSQL's cheaper ways to the same answer (ADR 0047) give exactly that answer.

A query with a phrase option is matched as an OR of parts so the GIN index checks the plain
ones without re-reading vectors; a broad search reads only the rows past a floor when the
statistics say the newest matches are there, and reads them all when they were not; a search
the statistics call broad but that matches fewer than SEARCH_BROAD_MATCHES documents is counted
exactly. Each test compares the cheap way with the plain one on the same documents.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from search import services
from search.backends.base import Filters
from search.backends.postgres import Match, PostgresBackend, match_parts, text_tsquery
from search.query import Concept, Option, ParsedQuery, parse
from tests.search.conftest import index_doc

pytestmark = pytest.mark.django_db


def concept(*options: tuple[tuple[str, ...], ...]) -> Concept:
    return Concept(tuple(Option(phrases) for phrases in options), ("word",))


def test_a_query_without_phrases_is_one_part():
    query = ParsedQuery("pantry rota", [concept((("pantri",),)), concept((("rota",),))])

    assert match_parts(query, every=True) == (text_tsquery(query, every=True),)


def test_a_split_word_is_matched_as_the_word_or_the_phrase_apart():
    query = ParsedQuery("doorknocking", [concept((("doorknock",),), (("door", "knock"),))])

    assert match_parts(query, every=True) == ("((('doorknock')))", "((('door' <-> 'knock')))")
    assert match_parts(query, every=False) == ("((('doorknock')))", "((('door' <-> 'knock')))")


def test_with_other_words_each_phrase_part_keeps_every_other_concept():
    query = ParsedQuery(
        "safety doorknocking",
        [concept((("safeti",),)), concept((("doorknock",),), (("door", "knock"),))],
    )

    assert match_parts(query, every=True) == (
        "((('safeti'))) & ((('doorknock')))",
        "((('door' <-> 'knock'))) & ((('safeti')))",
    )
    assert match_parts(query, every=False) == ("((('safeti')) | (('doorknock')))", "((('door' <-> 'knock')))")


def test_a_concept_written_only_as_a_phrase_has_no_plain_part():
    query = ParsedQuery("door-knocking rota", [concept((("door", "knock"),)), concept((("rota",),))])

    assert match_parts(query, every=True) == ("((('door' <-> 'knock'))) & ((('rota')))",)


DOCUMENTS = [
    ("Doorknocking rota", "doorknocking rota safety"),
    ("Door knocking", "door knocking in the rain"),
    ("Knock on the door", "knock twice at the door"),  # both words, not together: no phrase
    ("Door-knocking safety", "door-knocking safety first"),
    ("Rota", "the rota for the pantry"),
    ("Safety", "safety at the door"),
    ("Door rota", "a rota for knocking on each door"),
]
QUERIES = ["doorknocking", "door knocking", "door-knocking", "doorknocking safety", "door-knocking rota", "rota door"]


@pytest.mark.postgres
@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("every", [True, False])
def test_on_postgresql_the_parts_match_exactly_what_the_whole_query_matches(text, every):
    assert connection.vendor == "postgresql"
    for title, body in DOCUMENTS:
        index_doc(title=title, body=body)
    query = parse(text)
    where, params = PostgresBackend.where(Match.of(query, every), Filters())

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM search_indexentry e WHERE {where} ORDER BY id", params)  # noqa: S608
        by_parts = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT id FROM search_indexentry WHERE search_vector @@ to_tsquery('simple', %s) ORDER BY id",
            [text_tsquery(query, every)],
        )
        whole = [row[0] for row in cursor.fetchall()]

    assert by_parts == whole
    assert whole  # every query here finds something


def _answer(results):
    return (
        results.total,
        results.estimated,
        [hit.object_id for hit in results.hits],
        sorted((facet.value, facet.count) for facet in results.kind_facets),
        sorted((facet.value, facet.count) for facet in results.tag_facets),
    )


def _rota_documents():
    for number in range(12):
        index_doc(
            kind=("article", "question", "debate")[number % 3],
            title=f"Rota {number}",
            body="rota " * (number % 4 + 1),
            tags=(("care", "food")[number % 2],),
            published_at=timezone.now() - timedelta(days=30 + number * 7 % 12),
        )
    index_doc(title="Pantry", body="pantry")


@pytest.mark.postgres
@pytest.mark.parametrize("sort", ["relevance", "newest"])
@pytest.mark.parametrize("cut", ["enough", "too few"])
def test_on_postgresql_floors_give_the_same_answer_as_reading_every_match(settings, monkeypatch, sort, cut):
    """The floors cut the rows read to those past an id (and, newest first, to the newest by
    date); when the cut held too few matches the statement runs again uncut."""
    settings.SEARCH_BROAD_MATCHES = 4
    settings.SEARCH_RERANK_POOL = 3
    _rota_documents()
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_indexentry")
        highest = cursor.fetchone()[0]
    floors = {
        "enough": {"id_floor": highest - 9, "date_rows": 12},
        "too few": {"id_floor": highest - 2, "date_rows": 1},
    }
    monkeypatch.setattr(PostgresBackend, "_walk", lambda self, estimate, table: False)
    statements = []
    original = PostgresBackend.broad_sql

    def recorded(self, *args, **kwargs):
        statements.append(kwargs.get("id_floor"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(PostgresBackend, "broad_sql", recorded)

    monkeypatch.setattr(PostgresBackend, "_floors", lambda self, *args: {})
    uncut = _answer(services.search("rota", sort=sort))
    monkeypatch.setattr(PostgresBackend, "_floors", lambda self, *args: floors[cut])
    statements.clear()
    with_floors = _answer(services.search("rota", sort=sort))

    assert with_floors == uncut
    assert statements == ([highest - 9] if cut == "enough" else [highest - 2, None])
    assert uncut[1] is True  # 12 matches, a sample of 4: estimated


@pytest.mark.postgres
@pytest.mark.parametrize("sort", ["relevance", "newest"])
@pytest.mark.parametrize("filters", [Filters(), Filters(kinds=("question",)), Filters(tags=("care",))])
def test_on_postgresql_a_search_wrongly_called_broad_is_counted_exactly(settings, monkeypatch, sort, filters):
    """The statistics call a search broad (past twice SEARCH_BROAD_MATCHES) and it goes straight
    to the broad statement; when that finds fewer matches than the sample holds, the answer is
    the exact one."""
    settings.SEARCH_BROAD_MATCHES = 40
    settings.SEARCH_RERANK_POOL = 3
    _rota_documents()
    exact = _answer(services.search("rota", filters, sort=sort))
    monkeypatch.setattr(ParsedQuery, "most_matches", lambda self, every: None)  # as if the vocabulary were not read
    monkeypatch.setattr(PostgresBackend, "_estimate", lambda self, where, params: 100_000)

    broad = _answer(services.search("rota", filters, sort=sort))

    assert broad == exact
    assert exact[1] is False


def test_the_vocabulary_bounds_the_matches_by_each_concepts_rarest_spelling():
    query = ParsedQuery(
        "safety doorknocking",
        [concept((("safeti",),)), concept((("doorknock",),), (("door", "knock"),))],
        frequencies={"safeti": 40, "doorknock": 3, "door": 20, "knock": 7},
        counted=True,
    )

    assert query.most_matches(every=True) == 10  # doorknock 3 + (door and knock) at most 7
    assert query.most_matches(every=False) == 50
    assert ParsedQuery("safety", query.concepts[:1]).most_matches(every=True) is None  # not read: no bound
    unknown = ParsedQuery("zzz", [concept((("zzz",),))], counted=True)
    assert unknown.most_matches(every=True) == 0
