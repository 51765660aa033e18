"""/search/suggest/: titles and tags for the search box, cached and rate-limited."""

import pytest

from tests.search.conftest import index_doc

pytestmark = pytest.mark.django_db


def test_titles_and_tags_starting_with_the_last_word_are_suggested(client):
    index_doc(kind="article", title="Canvassing in the rain", body="umbrellas", tags=("canvassing", "weather"))
    index_doc(kind="question", title="Canvass scripts that work?", body="scripts")
    index_doc(kind="article", title="Rain gardens", body="canvas bags")

    data = client.get("/search/suggest/", {"q": "canvass"}).json()

    assert data["query"] == "canvass"
    assert sorted(item["title"] for item in data["titles"]) == ["Canvass scripts that work?", "Canvassing in the rain"]
    assert data["tags"] == ["canvassing"]


def test_earlier_words_must_match_whole(client):
    index_doc(title="Rent strike ballots", body="x")
    index_doc(title="Rent arrears advice", body="x")

    data = client.get("/search/suggest/", {"q": "rent stri"}).json()

    assert [item["title"] for item in data["titles"]] == ["Rent strike ballots"]
    assert data["titles"][0]["url"].startswith("/article/")


@pytest.mark.parametrize("text", ["", "   ", '"*', "AND", "x" * 5000, "nul\x00"])
def test_odd_input_gives_an_empty_or_normal_answer(client, text):
    response = client.get("/search/suggest/", {"q": text})

    assert response.status_code == 200
    assert set(response.json()) == {"query", "titles", "tags"}


def test_answers_are_cached_for_a_minute(client):
    index_doc(title="Zine making", body="x")
    first = client.get("/search/suggest/", {"q": "zine"}).json()
    index_doc(title="Zine library", body="x")

    second = client.get("/search/suggest/", {"q": "zine"}).json()

    assert second == first
    assert [item["title"] for item in second["titles"]] == ["Zine making"]


def test_too_many_requests_from_one_address_get_429(client, settings):
    settings.SEARCH_SUGGEST_RATE = (3, 60)

    codes = [client.get("/search/suggest/", {"q": f"q{n}"}).status_code for n in range(5)]

    assert codes == [200, 200, 200, 429, 429]


def test_a_busy_forum_does_not_crowd_articles_debates_and_profiles_out_of_the_suggestions(client):
    for number in range(10):
        index_doc(kind="question", title=f"Listening question {number}?", body="x", rating_score=50, answered=True)
    index_doc(kind="article", title="Listening one to one", body="x")
    index_doc(kind="debate", title="Listening online can replace the doorstep", body="x")
    index_doc(kind="organiser", title="Listening Lee", body="x")

    data = client.get("/search/suggest/", {"q": "listen"}).json()

    kinds = [item["kind"] for item in data["titles"]]
    assert len(kinds) == 8
    assert {"article", "debate", "organiser"} <= set(kinds)
    assert kinds.count("question") <= 5
    assert {item["label"] for item in data["titles"] if item["kind"] == "article"} == {"Article"}
