"""Search results kept per audience under the page cache's generation (search/views.py, ADR 0107):
the results part of /search/ is the same for everyone in an audience whoever asked first, any
write shows on the next search, the rate limit still counts every search, results answered
while Elasticsearch is down are not kept, and the page works with the cache's Redis down."""

import re

import pytest

from hub import roles
from qa.services import moderation, posts
from search import services, views
from tests.factories import make_user
from tests.hub.conftest import pages_on, pages_redis_down  # noqa: F401 - fixtures
from tests.search.conftest import index_doc
from tests.search.test_search_limits import limit, shared_limits  # noqa: F401 - fixture
from tests.wiki.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def searches(monkeypatch):
    """How many times the search service ran (a kept result does not run it)."""
    calls = []
    real = services.search

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(views.services, "search", counted)
    return calls


@pytest.fixture
def members(db):
    return {
        "ann": make_user("ann-reader"),
        "bob": make_user("bob-reader"),
        "org": make_user("org-reader", role=roles.ORGANISER),
        "mod": make_user("mod-reader", role=roles.MODERATOR),
    }


def page(client, user, **params):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get("/search/", {"q": "tenant", **params})
    assert response.status_code == 200
    return response.content.decode()


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_members_of_one_audience_share_the_kept_results(client, pages_on, members, searches):  # noqa: F811
    """Without this, the other tests here could pass with nothing kept at all."""
    index_doc(title="Tenant meetings", body="How a tenant association meets.")
    first = page(client, members["ann"])
    second = page(client, members["bob"])
    assert len(searches) == 1
    assert main(first) == main(second)
    assert "Tenant meetings" in second
    page(client, members["org"])  # another audience: its own results
    assert len(searches) == 2


def test_other_filters_sorts_and_pages_are_kept_apart(client, pages_on, members, searches):  # noqa: F811
    index_doc(kind="article", title="Tenant article", body="tenant")
    index_doc(kind="question", title="Tenant question", body="tenant", answered=False)
    everything = page(client, members["ann"])
    questions = page(client, members["bob"], type="question")
    newest = page(client, members["bob"], sort="newest")
    assert len(searches) == 3
    assert "Tenant article" in everything and "Tenant article" not in questions
    assert 'value="newest" selected' in newest and 'value="newest" selected' not in everything


def test_nothing_of_the_first_viewer_reaches_another(client, pages_on, members, searches):  # noqa: F811
    index_doc(title="Tenant rights", body="tenant")
    for first, second in ((members["mod"], members["ann"]), (members["ann"], members["bob"])):
        warmed = page(client, first)
        html = page(client, second)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', warmed).group(1)
        assert token not in html
        assert first.username not in html
        assert second.username in html  # the header is the viewer's own
    anonymous = page(client, None)
    assert "ann-reader" not in anonymous and "Log in" in anonymous


def test_a_new_document_shows_on_the_next_search(client, pages_on, members, searches):  # noqa: F811
    index_doc(title="Tenant rights", body="tenant")
    assert "Tenant ballots" not in page(client, members["ann"])
    index_doc(title="Tenant ballots", body="tenant")
    assert "Tenant ballots" in page(client, members["bob"])


def test_a_published_wiki_page_and_a_hidden_question_show_on_the_next_search(
    client,
    pages_on,  # noqa: F811
    members,
    committed,
):
    author = make_user("writer", role=roles.ORGANISER)
    with committed():
        question = posts.ask(author, "Tenant question about damp?", "The flats are damp and nobody listens.", ["damp"])
    assert "Tenant question about damp?" in page(client, members["ann"])
    with committed():
        make_article(author, "Tenant organising", "A tenant union starts with one stairwell.")
    html = page(client, members["bob"])
    assert "Tenant organising" in html and "Tenant question about damp?" in html
    with committed():
        moderation.hide(members["mod"], question, "Off topic")
    assert "Tenant question about damp?" not in page(client, members["ann"])


def test_did_you_mean_follows_the_index(client, pages_on, members):  # noqa: F811
    index_doc(title="Power mapping", body="Who decides.")
    index_doc(title="Power and self-interest", body="People act on what they care about.")
    before = page(client, members["ann"], q="tenantz")
    assert "Did you mean" not in before and "Nothing in the hub matches" in before
    index_doc(title="Tenants", body="tenants")
    after = page(client, members["bob"], q="tenantz")
    assert "Nothing in the hub matches" not in after
    assert "Tenants" in after


def test_every_kept_search_still_counts_against_the_limit(client, settings, pages_on, members, shared_limits):  # noqa: F811
    limit(settings, "search-page", "2/m")
    index_doc(title="Tenant rights", body="tenant")
    client.force_login(members["ann"])
    codes = [client.get("/search/", {"q": "tenant"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_results_from_the_fallback_are_not_kept(client, pages_on, members, searches, monkeypatch):  # noqa: F811
    index_doc(title="Tenant rights", body="tenant")
    real = services.search

    def degraded(*args, **kwargs):
        results = real(*args, **kwargs)
        results.degraded = True
        return results

    monkeypatch.setattr(services, "search", degraded)
    first = page(client, members["ann"])
    page(client, members["bob"])
    assert "The main search service is not answering" in first
    assert len(searches) == 2


def test_the_page_works_with_the_caches_redis_down(client, pages_redis_down, members, searches):  # noqa: F811
    index_doc(title="Tenant rights", body="tenant")
    assert "Tenant rights" in page(client, members["ann"])
    assert "Tenant rights" in page(client, members["bob"])
    assert len(searches) == 2
