"""Property-based tests (hypothesis): the sanitiser, the wiki-link parser and search query handling
never raise on any text, and what they give back is harmless (tests/security/html_check.py)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.markdown import render
from hub.sanitise import ID_PREFIX, LINK_REL, clean, clean_feed_html
from search import services, terms
from search.backends.base import Filters
from tests.security.html_check import problems, read
from tests.security.payloads import EVASION
from wiki.links import LINK, link_keys, normalise

EMPTY = read("")
# Pieces that combine into markup: tags, attributes, quotes, schemes, entities, Markdown and wiki syntax.
PIECES = [
    *("<", ">", "</", "/>", '"', "'", "`", "=", " ", "\n", "\t", "\x00", "&", "&#", ";", "#", "x", "1", ":"),
    *("<script>", "</script>", "<img", " src=", " onerror=", " onclick=", " style=", " class=", " id=", " href="),
    *("<a", "</a>", "<svg", "<math", "<style>", "<iframe", "<!--", "-->", "<![CDATA[", "]]>"),
    *("javascript:", "JaVaScRiPt:", "java\tscript:", "data:text/html,", "vbscript:", "&#106;", "&#x6A;", "&colon;"),
    *("alert(1)", "skip-link", "message", "main-content", "user-content-", "wiki-link", "codehilite"),
    *("[x](", ")", "![", "](", "[[", "]]", "|", "{: ", " .", " #", " }", "```", "\n\n", "> ", "- ", "[^1]"),
    *EVASION[:20],
]
markup = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=40).map("".join)
any_text = st.text(max_size=300) | markup


@pytest.mark.django_db  # "[[...]]" in the text resolves wiki links with a query
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text)
def test_markdown_output_is_harmless_for_any_text(text):
    html = str(render(text, {"user": None}))
    assert problems(html, EMPTY) == []


@settings(max_examples=300, deadline=None)
@given(text=any_text)
def test_the_sanitiser_is_harmless_and_settles_after_one_pass(text):
    once = clean(text)
    assert problems(once, EMPTY) == []
    assert clean_feed_html(clean_feed_html(text)) == clean_feed_html(text)
    assert once.count("<a ") == once.count(f'rel="{LINK_REL}"')
    assert all(name.startswith(ID_PREFIX) for name in read(once).ids)


@settings(max_examples=300, deadline=None)
@given(text=any_text)
def test_wiki_link_keys_are_what_the_links_name(text):
    keys = link_keys(text)
    assert all(key == normalise(key) and key for key in keys)
    assert len(keys) <= len(LINK.findall(text))


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=st.text(max_size=60), target=st.text(max_size=60))
def test_wiki_links_render_harmless_for_any_target_and_label(label, target):
    html = str(render(f"See [[{target}|{label}]] and [[{target}]].", {"user": None}))
    assert problems(html, EMPTY) == []


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=any_text, sort=st.sampled_from(["", "newest", "relevance", "x' OR 1=1 --"]), page=st.integers(-5, 10**6))
def test_search_takes_any_query_without_an_error(query, sort, page):
    cleaned = terms.clean_text(query)
    assert all(char.isprintable() for char in cleaned)
    results = services.search(cleaned, Filters(), sort, page)
    assert results.total >= 0


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=any_text)
def test_the_search_page_answers_any_query_harmlessly(client, django_settings, query):
    response = client.get("/search/", {"q": query.replace("\x00", "")})
    assert response.status_code == 200
    assert problems(response.content.decode(), django_settings["baseline"]) == []


@pytest.fixture
def django_settings(settings, client):
    """No search limit for this test's many requests, and the page with a harmless query as its baseline."""
    settings.HUB_RATE_LIMITS = {
        **settings.HUB_RATE_LIMITS,
        "search-page": {**settings.HUB_RATE_LIMITS["search-page"], "rate": "100000/m"},
    }
    return {"baseline": read(client.get("/search/", {"q": "organising"}).content.decode())}
