"""The /search/ page: results, filters, paging, odd input, editors' picks, Find leads to Ask."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.search.conftest import index_doc
from tests.wiki.conftest import make_article

pytestmark = pytest.mark.django_db

ODD_INPUTS = [
    '"unbalanced quote',
    "(brackets] {braces} [x",
    "nul\x00byte",
    "title:x AND body:y OR NOT z* ~2 ^3",
    "AND OR NOT * ~ ^ :",
    '- + && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
    "NEAR(a b) a* ^b {title}:c",
    "x" * 10_000,
    "word " * 2_000,
    "🙂 émigré straße",
    "'; DROP TABLE search_indexentry; --",
]


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_without_a_query_invites_a_search(client):
    html = get(client)

    assert "<h1>Search the hub</h1>" in html
    assert "result" not in html.split("<main", 1)[1].split("</main>")[0].lower().replace("results for", "")


def test_results_show_type_title_snippet_tags_and_question_status(client):
    index_doc(
        kind="question",
        title="Who chairs the AGM?",
        body="Choosing a chair for the annual general meeting.",
        tags=("meetings",),
        answered=True,
        accepted=True,
        rating_score=4,
    )
    index_doc(kind="article", title="Chairing well", body="A chair keeps the general meeting on time.")

    html = get(client, q="general meeting")

    assert "2 results" in html
    assert '<a href="/question/' in html and "Who chairs the AGM?" in html
    assert "<mark>general</mark> <mark>meeting</mark>" in html
    assert "Accepted answer" in html and "Score 4" in html
    assert 'class="tag"' in html and ">meetings</a>" in html
    assert "<title>Search results for “general meeting” |" in html


def test_an_answer_shows_under_its_question_title_when_found_alone(client):
    index_doc(
        kind="answer",
        title="Answer",
        body="Use a sign-in sheet.",
        parent_title="How to count attendance?",
        parent_url="/questions/9/",
    )

    html = get(client, q="sheet")

    assert 'to <a href="/questions/9/">How to count attendance?</a>' in html


def test_facets_show_exact_counts_and_filters_narrow_the_list(client):
    index_doc(kind="article", title="Alpha", body="strike fund", tags=("money",))
    index_doc(kind="question", title="Beta", body="strike fund", tags=("money",), answered=False)
    index_doc(kind="question", title="Gamma", body="strike fund", answered=True)

    html = get(client, q="strike fund")
    assert '<span class="search-facet-count">(1)</span>' in html
    assert '<span class="search-facet-count">(2)</span>' in html

    filtered = get(client, q="strike fund", type="question", answered="no")
    assert "1 result" in filtered and "Beta" in filtered and "Gamma" not in filtered and "Alpha" not in filtered
    assert 'value="question" checked' in filtered


def test_pagination_keeps_the_query_and_filters(client):
    for number in range(12):
        index_doc(kind="article", title=f"Picket {number}", body="picket line")

    html = get(client, q="picket", type="article")

    assert "12 results, page 1 of 2" in html
    assert 'href="?q=picket&amp;type=article&amp;page=2"' in html
    assert "page 2 of 2" in get(client, q="picket", type="article", page="2")


def test_nothing_found_offers_to_ask_it_as_a_question(client):
    html = get(client, q="heat pumps & co-ops")

    assert "0 results" in html
    assert 'href="/questions/ask/?title=heat+pumps+%26+co-ops"' in html
    assert "Ask this as a question" in html


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_returns_a_normal_results_page(client, text):
    index_doc(title="Word search", body="word word")

    html = get(client, q=text, page="x", sort="sideways", answered="maybe")

    assert "<h1>" in html


def test_a_very_long_query_is_cut_to_the_limit(client):
    html = get(client, q="a" * 10_000)

    assert "a" * 200 in html and "a" * 201 not in html


def test_editors_picks_come_first_and_link_to_the_page_or_the_external_address(client, organiser):
    index_doc(title="Phone tree", body="Call three people.")
    page = make_article(organiser, "Phone trees that work")
    query = Query.get("Phone tree")
    SearchPromotion.objects.create(query=query, page=page, description="Start here.", sort_order=0)
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/trees", external_link_text="A tree guide", sort_order=1
    )

    html = get(client, q="phone tree")

    assert html.index("Editors' picks") < html.index('<ol class="search-results">')
    assert (
        '<a href="/wiki/phone-trees-that-work/">Phone trees that work</a> <span class="meta">Start here.</span>' in html
    )
    assert '<a href="https://example.org/trees">A tree guide</a>' in html


def test_the_number_of_queries_does_not_grow_with_the_results(client):
    index_doc(kind="question", title="Banner one", body="banner", tags=("art",), answered=True)
    get(client, q="banner")  # warms the caches (indexed kinds, corpus statistics), as any earlier search would
    with CaptureQueriesContext(connection) as few:
        get(client, q="banner")
    for number in range(30):
        index_doc(kind=("question", "answer", "article")[number % 3], title=f"Banner {number}", body="banner")
    get(client, q="banner")  # new kinds were indexed: the cached list of kinds is read once again
    with CaptureQueriesContext(connection) as many:
        html = get(client, q="banner")

    assert "31 results" in html
    assert len(many) == len(few)
    # PostgreSQL: the vocabulary, the search statement between its planner settings (a savepoint,
    # set, restore and release inside the test's transaction), the ranked rows with any page whose
    # title is the query, the candidates' vectors, the shown bodies and the editors' picks.
    assert len(many) == {"sqlite": 8, "postgresql": 10}[connection.vendor]


def test_a_misspelt_query_that_finds_nothing_shows_the_results_of_the_closest_indexed_word(client):
    index_doc(title="Marshall Ganz", body="Public narrative: the story of self, of us and of now.")

    html = get(client, q="mashall ganz")

    assert "No page matched all of “mashall ganz”, so these are results for “marshall ganz”." in html
    assert '<a href="/article/' in html and ">Marshall Ganz</a>" in html


def test_did_you_mean_is_offered_when_the_correction_finds_no_more_than_the_query(client):
    index_doc(title="Power mapping", body="Who decides.")
    index_doc(title="Power and self-interest", body="People act on what they care about.")

    html = get(client, q="power mappping self")

    assert 'Did you mean <a href="/search/?q=power%20mapping%20self">power mapping self</a>?' in html
    assert "No page has all of your words, so these have some of them." in html
