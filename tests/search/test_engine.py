"""The database search engine (SQLite FTS5 here, PostgreSQL in the PostgreSQL pass):
matching, ranking, facets, filters, sorting and paging through the one search service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search import services
from search.backends.base import Filters
from search.models import IndexEntry
from search.query import parse
from tests.search.conftest import index_doc

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for hit in results.hits]


def test_a_word_of_the_body_finds_the_document(search_backend):
    index_doc(title="Rent strike basics", body="Tenants withheld payment until the landlord fixed the boilers.")
    index_doc(title="Door knocking", body="Knock, listen, and write down what people care about.")

    results = services.search("boilers")

    assert titles(results) == ["Rent strike basics"]
    assert results.total == 1
    assert results.backend == search_backend.name
    assert results.degraded is False


def test_every_word_must_match_when_enough_documents_hold_them_all():
    for number in range(3):
        index_doc(title=f"Listening campaign {number}", body="We listened to forty tenants.")
    index_doc(title="Tenant meeting", body="The meeting agreed demands.")

    results = services.search("tenants listened")

    assert sorted(titles(results)) == ["Listening campaign 0", "Listening campaign 1", "Listening campaign 2"]
    assert results.broadened is False


def test_too_few_documents_with_every_word_broaden_the_search_to_any_word():
    index_doc(title="Listening campaign", body="We listened to forty tenants.")
    index_doc(title="Tenant meeting", body="The meeting agreed demands.")
    index_doc(title="Allotments", body="Nothing in common.")

    results = services.search("tenants listened")

    assert titles(results) == ["Listening campaign", "Tenant meeting"]
    assert results.broadened is True
    assert results.total == 2


def test_stemming_matches_other_forms_of_a_word():
    index_doc(title="How we organised the estate", body="Organising started with one family.")

    assert titles(services.search("organise")) == ["How we organised the estate"]


def test_a_title_match_outranks_a_body_match():
    index_doc(title="Meeting notes", body="We talked about the food bank and then about power mapping.")
    index_doc(title="Power mapping", body="Draw who decides and who influences them.")

    assert titles(services.search("power mapping")) == ["Power mapping", "Meeting notes"]


def test_a_well_rated_answered_question_outranks_an_equally_matching_unrated_one():
    published = timezone.now() - timedelta(days=100)
    same = {"kind": "question", "title": "How do we run a house meeting?", "body": "Hosting neighbours at home."}
    rated = index_doc(**same, answered=True, accepted=True, rating_score=12, author_score=40, published_at=published)
    unrated = index_doc(**same, answered=False, published_at=published)

    results = services.search("house meeting")

    # Ties would put the newer row first: the rated one is older, so only quality lifts it.
    assert rated.object_id < unrated.object_id
    assert [hit.object_id for hit in results.hits] == [rated.object_id, unrated.object_id]
    assert results.hits[0].score > results.hits[1].score


def test_recency_lifts_the_newer_of_two_equal_documents():
    same = {"title": "Phone banking script", "body": "What to say first."}
    old = index_doc(**same, published_at=timezone.now() - timedelta(days=2000))
    new = index_doc(**same, published_at=timezone.now() - timedelta(days=1))
    index_doc(**same, published_at=timezone.now() - timedelta(days=4000))

    hits = services.search("phone banking").hits

    assert [hit.object_id for hit in hits[:2]] == [new.object_id, old.object_id]


def test_facets_count_every_match_by_kind_and_by_tag():
    index_doc(kind="article", title="Housing one", body="eviction", tags=("housing", "law"))
    index_doc(kind="article", title="Housing two", body="eviction", tags=("housing",))
    index_doc(kind="question", title="Housing three", body="eviction", tags=("law",), answered=False)
    index_doc(kind="host", title="Housing four", body="eviction", area="Leeds")
    index_doc(kind="article", title="Unrelated", body="allotments", tags=("housing",))

    results = services.search("eviction")

    assert results.total == 4
    assert sorted((f.value, f.count) for f in results.kind_facets) == [("article", 2), ("host", 1), ("question", 1)]
    assert [(f.value, f.count) for f in results.tag_facets] == [("housing", 2), ("law", 2)]


def test_kind_facets_keep_other_kinds_while_one_is_selected():
    index_doc(kind="article", title="A", body="picket", tags=("strike",))
    index_doc(kind="question", title="B", body="picket", tags=("safety",), answered=True)

    results = services.search("picket", Filters(kinds=("question",)))

    assert titles(results) == ["B"]
    assert results.total == 1
    assert sorted((f.value, f.count, f.selected) for f in results.kind_facets) == [
        ("article", 1, False),
        ("question", 1, True),
    ]
    assert [(f.value, f.count) for f in results.tag_facets] == [("safety", 1)]


def test_filters_by_tag_area_and_answered():
    index_doc(kind="question", title="Open question", body="budget", answered=False, tags=("money",))
    index_doc(kind="question", title="Answered question", body="budget", answered=True, tags=("money",))
    index_doc(kind="organiser", title="Leeds organiser", body="budget", area="Leeds")
    index_doc(kind="organiser", title="Hull organiser", body="budget", area="Hull")

    assert titles(services.search("budget", Filters(answered=False))) == ["Open question"]
    assert titles(services.search("budget", Filters(answered=True))) == ["Answered question"]
    assert titles(services.search("budget", Filters(area="leeds"))) == ["Leeds organiser"]
    assert sorted(titles(services.search("budget", Filters(tags=("Money",))))) == ["Answered question", "Open question"]
    assert services.search("budget", Filters(tags=("money",), area="Leeds")).total == 0


def test_newest_first_sorts_by_publication_date():
    now = timezone.now()
    index_doc(title="Middle", body="canvass", published_at=now - timedelta(days=5))
    index_doc(title="Newest", body="canvass", published_at=now - timedelta(days=1))
    index_doc(title="Oldest", body="canvass canvass canvass", published_at=now - timedelta(days=9))

    assert titles(services.search("canvass", sort="newest")) == ["Newest", "Middle", "Oldest"]


def test_pages_cover_every_match_once():
    for number in range(25):
        index_doc(title=f"Leaflet {number}", body="leaflet drop", rating_score=number % 4)

    pages = [services.search("leaflet", page=number) for number in (1, 2, 3)]

    assert [len(page.hits) for page in pages] == [10, 10, 5]
    assert [page.num_pages for page in pages] == [3, 3, 3]
    ids = [hit.object_id for page in pages for hit in page.hits]
    assert len(set(ids)) == 25
    assert services.search("leaflet", page=9).hits == []


def test_words_not_in_the_index_find_nothing():
    index_doc(title="Rota", body="Who opens the hall.")

    results = services.search("zzyzx")

    assert (results.total, results.hits, results.kind_facets) == (0, [], [])


def test_the_snippet_marks_the_words_and_escapes_the_body():
    index_doc(title="Safety", body="Never paste <script>alert(1)</script> into a leaflet about the vigil tonight.")

    snippet = services.search("vigil").hits[0].snippet

    assert "<mark>vigil</mark>" in snippet
    assert "&lt;script&gt;" in snippet
    assert "<script>" not in snippet


def test_an_answer_on_the_same_page_as_its_question_is_grouped_under_it():
    question = index_doc(kind="question", title="Quorum rules?", body="What quorum for a tenants AGM?", answered=True)
    index_doc(
        kind="answer",
        title="Answer to Quorum rules?",
        body="Our quorum is a fifth of members.",
        parent_title="Quorum rules?",
        parent_url=question.url,
        answered=True,
    )

    results = services.search("quorum")

    grouped = results.grouped_hits
    assert [hit.kind for hit in grouped] == ["question"]
    assert [hit.parent_url for hit in grouped[0].answers] == [question.url]


def test_removing_from_the_index_drops_the_row_and_its_text():
    doc = index_doc(title="Temporary", body="ephemeral")
    IndexEntry.objects.filter(kind=doc.kind, object_id=doc.object_id).delete()

    assert services.search("ephemeral").total == 0


def test_tag_counts_stay_exact_when_matches_outnumber_the_reranking_window(settings):
    settings.SEARCH_RERANK_POOL = 3
    for number in range(8):
        tags = ("rota", "food") if number % 2 else ("rota",)
        index_doc(kind=("article", "question")[number % 2], title=f"Pantry {number}", body="pantry", tags=tags)

    results = services.search("pantry")

    assert results.total == 8
    assert sorted((f.value, f.count) for f in results.tag_facets) == [("food", 4), ("rota", 8)]
    assert sorted((f.value, f.count) for f in results.kind_facets) == [("article", 4), ("question", 4)]


def test_a_very_broad_query_ranks_the_most_recently_indexed_matches_but_counts_all(settings):
    settings.SEARCH_BROAD_MATCHES = 4
    best_but_indexed_first = index_doc(title="Assembly assembly", body="assembly", rating_score=50, accepted=True)
    later = [index_doc(title=f"Note {number}", body="assembly") for number in range(5)]

    results = services.search("assembly")

    assert results.total == 6
    assert best_but_indexed_first.object_id not in [hit.object_id for hit in results.hits]
    assert sorted(hit.object_id for hit in results.hits) == sorted(doc.object_id for doc in later[1:])
    settings.SEARCH_BROAD_MATCHES = 5000
    assert services.search("assembly").hits[0].object_id == best_but_indexed_first.object_id


@pytest.mark.postgres
def test_a_search_on_postgresql_leaves_the_sessions_planner_settings_as_they_were():
    """PostgreSQL only (runs in the PostgreSQL pass): the search sets enable_seqscan, work_mem and jit."""
    from django.db import connection

    assert connection.vendor == "postgresql"
    index_doc(title="Rota", body="pantry rota")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '5MB'")

    assert services.search("pantry").total == 1

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('work_mem'), current_setting('jit')")
        assert cursor.fetchone() == ("on", "5MB", "on")


@pytest.mark.postgres
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_on_postgresql_walking_the_key_and_sorting_the_bitmap_find_the_same_newest_matches(settings, monkeypatch, sort):
    """PostgreSQL only: past SEARCH_BROAD_MATCHES the newest matches come from walking the primary
    key (a word in most documents) or from sorting every match (a rarer word); the same ones."""
    from search.backends.postgres import PostgresBackend

    settings.SEARCH_BROAD_MATCHES = 4
    for number in range(9):
        index_doc(kind=("article", "question")[number % 2], title=f"Rota {number}", body="rota", tags=("care",))
    index_doc(title="Pantry", body="pantry")

    def found(walk: bool):
        monkeypatch.setattr(PostgresBackend, "_walk", lambda self, estimate, table: walk)
        results = services.search("rota", sort=sort)
        return [hit.object_id for hit in results.hits], [(f.value, f.count) for f in results.kind_facets]

    walked, sorted_bitmap = found(True), found(False)
    assert len(walked[0]) == (4 if sort == "relevance" else 9)  # relevance ranks the newest four only
    assert walked == sorted_bitmap


def test_a_kind_filter_in_capitals_counts_the_same_as_in_lower_case():
    index_doc(kind="question", title="Quorum rules", body="quorum")
    index_doc(kind="article", title="Quorum guide", body="quorum")

    results = services.search("quorum", Filters(kinds=("Question",)))

    assert (results.total, titles(results)) == (1, ["Quorum rules"])


def test_past_the_broad_limit_facets_are_estimated_from_the_newest_matches(settings):
    settings.SEARCH_BROAD_MATCHES = 4
    for number in range(6):
        index_doc(kind="article", title=f"Rota {number}", body="rota", tags=("care",))
    for number in range(3):
        index_doc(kind="question", title=f"Rota question {number}", body="rota", answered=False)

    results = services.search("rota")
    analysed = services.search("rota", Filters(kinds=("question",)))

    assert results.estimated is True
    assert 8 <= results.total <= 10  # exact on SQLite, the planner's estimate on PostgreSQL
    assert {facet.value for facet in results.kind_facets} <= {"article", "question"}
    assert sum(facet.count for facet in results.kind_facets) == pytest.approx(results.total, abs=2)
    assert len(results.hits) == 4  # the newest four matches were ranked
    assert {hit.kind for hit in analysed.hits} <= {"question"}


def test_a_page_whose_title_is_the_query_is_ranked_from_outside_the_pool_when_the_filters_admit_it():
    """The ranked rows and the pages whose title is the query are read in one query (load_rows)."""
    titled = index_doc(kind="article", title="Pantry rota", body="Who opens the pantry.")
    other = index_doc(kind="question", title="Pantry rota swaps", body="pantry rota")
    entry = {doc.title: IndexEntry.objects.get(kind=doc.kind, object_id=doc.object_id).pk for doc in (titled, other)}
    backend = services.database_backend()
    query = parse("pantry rota")

    ranked = backend.rank(query, Filters(), [entry["Pantry rota swaps"]])
    questions_only = backend.rank(query, Filters(kinds=("question",)), [entry["Pantry rota swaps"]])

    assert [hit.entry.pk for hit in ranked] == [entry["Pantry rota"], entry["Pantry rota swaps"]]
    assert [hit.entry.pk for hit in questions_only] == [entry["Pantry rota swaps"]]
