"""The anonymous page cache (hub/page_cache.py, docs/adr/0100): a page is served from the cache on
the next request, costs no query there, and every kind of change shows on the very next request."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments import get_form
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from hub import cache as hub_cache
from hub import page_cache, roles
from profiles.feeds.parse import ParsedItem
from profiles.feeds.refresh import store_items
from profiles.services import publish_changes
from qa.services import moderation, posts, ratings
from tests import local_redis
from tests.hub.world import build as build_world
from tests.wiki.conftest import make_article, publish

REDIS_URL = local_redis.redis_url(local_redis.PAGE_CACHE)


@pytest.fixture
def world(db, pages_on):
    """One of each thing the benchmark's pages show, made before any page is cached."""
    return build_world()


def _comment_on_debate(world, client):
    client.force_login(world["member"])
    data = get_form()(world["debate"]).generate_security_data()
    data.update({"comment": "Paid organisers stay longer.", "reply_to": 0, "honeypot": "", "followup": ""})
    data["next"] = world["debate"].url
    assert client.post("/comments/post/", data).status_code == 302
    client.logout()


def _publish_title(world, _client):
    article = world["article"]
    article.title = "Door knocking, step by step"
    publish(article, world["organiser"], "Clearer title")


def _move(world, _client):
    world["article"].move(world["other"], pos="last-child")


def _edit_profile(world, _client):
    profile = world["profile"]
    profile.bio = "Organiser in Bradford now."
    publish_changes(profile, world["organiser"])


def _refresh_feed(world, _client):
    item = ParsedItem("post-1", "Our first action", "https://blog.example.org/1", "We met.", timezone.now())
    store_items(world["source"], [item])


def _link_to_article(world, _client):
    make_article(world["organiser"], "Street stalls", "Read [[Door knocking basics]] first.")


def _tag_question(world, _client):
    question = world["question"]
    Tag.objects.create(name="listening")
    posts.edit_question(world["member"], question, question.title, question.body, ["listening", "meetings"])


# (name, what to watch, the change): each change made through the code path the hub uses for it.
CHANGES = [
    ("publish", lambda w: w["article"].url, _publish_title),
    ("unpublish", lambda w: w["article"].url, lambda w, c: w["article"].unpublish()),
    ("move", lambda w: w["article"].url, _move),
    ("delete", lambda w: w["article"].url, lambda w, c: w["article"].delete()),
    ("wiki index after publish", lambda w: "/wiki/", _publish_title),
    (
        "question",
        lambda w: "/questions/",
        lambda w, c: posts.ask(w["member"], "Where do we meet?", "We need a room for twenty people.", ["meetings"]),
    ),
    (
        "answer",
        lambda w: w["question"].get_absolute_url(),
        lambda w, c: posts.answer(w["moderator"], w["question"], "Ask three people you trust first."),
    ),
    (
        "comment",
        lambda w: w["question"].get_absolute_url(),
        lambda w, c: posts.comment(w["member"], w["answer"], "Thank you, that is clear."),
    ),
    ("debate comment", lambda w: w["debate"].url, _comment_on_debate),
    ("rating", lambda w: w["question"].get_absolute_url(), lambda w, c: ratings.rate(w["moderator"], w["answer"], 1)),
    ("rating on member page", lambda w: "/members/org/", lambda w, c: ratings.rate(w["moderator"], w["answer"], 1)),
    ("profile edit", lambda w: w["profile"].url, _edit_profile),
    ("feed refresh", lambda w: w["profile"].url, _refresh_feed),
    (
        "hide",
        lambda w: w["question"].get_absolute_url(),
        lambda w, c: moderation.hide(w["moderator"], w["question"], "Spam"),
    ),
    (
        "restore",
        lambda w: w["hidden"].get_absolute_url(),
        lambda w, c: moderation.restore(w["moderator"], w["hidden"]),
    ),
    ("tags", lambda w: "/questions/", _tag_question),
    (
        "home after a question",
        lambda w: "/",
        lambda w, c: posts.ask(w["member"], "Where do we meet?", "We need a room for twenty people.", ["meetings"]),
    ),
    ("article sidebar after a new link", lambda w: w["article"].url, _link_to_article),
    (
        "questions about an article",
        lambda w: w["article"].url,
        lambda w, c: posts.ask(
            w["member"], "Door knocking alone?", "I read [[Door knocking basics]] twice.", ["meetings"]
        ),
    ),
    (
        "related questions and tag counts",
        lambda w: w["question"].get_absolute_url(),
        lambda w, c: posts.ask(
            w["member"], "More campaigns?", "How many campaigns at once is too many?", ["campaigns"]
        ),
    ),
    (
        "search index",
        lambda w: "/search/?q=meet",
        lambda w, c: posts.ask(w["member"], "Where do we meet?", "x" * 30, ["meetings"]),
    ),
]


def _fresh(client, url, settings):
    """What the page is with no cache at all."""
    settings.HUB_PAGE_CACHE = False
    try:
        response = client.get(url)
    finally:
        settings.HUB_PAGE_CACHE = True
    return response.status_code, response.content


@pytest.mark.parametrize(("watch", "change"), [(c[1], c[2]) for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_each_change_shows_on_the_very_next_anonymous_request(
    client, world, watch, change, settings, django_capture_on_commit_callbacks
):
    url = watch(world)
    first = client.get(url)
    again = client.get(url)
    if first.status_code == 200:
        assert (first["X-Hub-Cache"], again["X-Hub-Cache"]) == ("miss", "hit")
    before = (again.status_code, again.content)

    with django_capture_on_commit_callbacks(execute=True):  # what follows its commit runs too (indexing)
        change(world, client)

    after = client.get(url)
    assert after.get("X-Hub-Cache") != "hit"
    assert (after.status_code, after.content) == _fresh(client, url, settings)
    assert (after.status_code, after.content) != before


BENCHMARK_PAGES = [
    lambda w: "/",
    lambda w: "/wiki/",
    lambda w: w["article"].url,
    lambda w: w["debate"].url,
    lambda w: "/questions/",
    lambda w: w["question"].get_absolute_url(),
    lambda w: "/profiles/",
    lambda w: w["profile"].url,
    lambda w: "/members/org/",
    lambda w: "/search/?q=door+knocking",
]
PAGE_NAMES = ["home", "wiki", "article", "debate", "questions", "question", "profiles", "profile", "member", "search"]


@pytest.mark.parametrize("page", BENCHMARK_PAGES, ids=PAGE_NAMES)
def test_the_second_anonymous_request_is_served_from_the_cache_without_a_query(client, world, page):
    url = page(world)
    first = client.get(url)
    assert (first.status_code, first["X-Hub-Cache"]) == (200, "miss")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert (second.status_code, second["X-Hub-Cache"], len(queries)) == (200, "hit", 0)
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_reading_pages_signed_in_or_not_changes_no_generation(client, world):
    """A GET that wrote would drop every cached page on every visit."""
    client.get("/")
    generation = caches[page_cache.CACHE_ALIAS].get(page_cache.GENERATION_KEY)
    for visitor in (None, world["member"], world["organiser"]):
        if visitor:
            client.force_login(visitor)
        for page in BENCHMARK_PAGES:
            assert client.get(page(world)).status_code == 200
    assert caches[page_cache.CACHE_ALIAS].get(page_cache.GENERATION_KEY) == generation


def test_signed_in_members_never_get_or_leave_a_cached_page(client, world):
    url = world["question"].get_absolute_url()
    client.force_login(world["member"])
    for _ in range(2):
        signed_in = client.get(url)
        assert "X-Hub-Cache" not in signed_in
        assert b"Follow" in signed_in.content  # the member's own form, never to be served to others
    client.logout()
    anonymous = client.get(url)
    assert anonymous["X-Hub-Cache"] == "miss"  # nothing was stored from the member's visits
    assert b"csrfmiddlewaretoken" not in anonymous.content
    client.force_login(world["member"])
    assert "X-Hub-Cache" not in client.get(url)  # nor is the anonymous page served to a member


def _without_token(content: bytes) -> bytes:
    """A signed-in page with its CSRF tokens (masked afresh on every request) taken out."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_signed_in_pages_show_a_change_at_once_though_parts_of_them_are_kept(
    client, world, settings, django_capture_on_commit_callbacks
):
    """Parts every visitor sees the same (home panels, a wiki page's sidebar, a profile's feeds)
    are kept until the next write, for members too."""
    client.force_login(world["organiser"])
    pages = ["/", "/wiki/", world["article"].url, world["profile"].url]
    before = [_without_token(client.get(url).content) for url in pages]
    assert [_without_token(client.get(url).content) for url in pages] == before
    with django_capture_on_commit_callbacks(execute=True):
        _link_to_article(world, client)
        _publish_title(world, client)
        _refresh_feed(world, client)
    pages[2] = world["article"].url
    after = [client.get(url) for url in pages]
    for url, response, old in zip(pages, after, before, strict=True):
        status, fresh = _fresh(client, url, settings)
        assert (response.status_code, _without_token(response.content)) == (status, _without_token(fresh))
        assert _without_token(response.content) != old


def test_each_query_string_is_its_own_page(client, world):
    door = client.get("/search/?q=door")
    listen = client.get("/search/?q=listening")
    assert (door["X-Hub-Cache"], listen["X-Hub-Cache"]) == ("miss", "miss")
    assert door.content != listen.content
    assert client.get("/search/?q=door").content == door.content


def _view(kind):
    def view(request):
        response = HttpResponse(b"<p>page</p>")
        if kind == "csrf token":
            get_token(request)
        elif kind == "cookie":
            response.set_cookie("seen", "1")
        elif kind == "not found":
            response.status_code = 404
        elif kind == "private":
            response["Cache-Control"] = "private"
        elif kind == "varies by accept":
            response["Vary"] = "Accept"
        return response

    return view


@pytest.mark.parametrize("kind", ["csrf token", "cookie", "not found", "private", "varies by accept"])
def test_responses_that_are_not_the_same_for_everyone_are_not_stored(pages_on, kind):
    middleware = page_cache.PageCacheMiddleware(_view(kind))
    for _ in range(2):
        request = RequestFactory().get("/somewhere/")
        request.COOKIES = {}
        response = middleware(request)
        assert "X-Hub-Cache" not in response


@pytest.mark.parametrize(
    "cookies", [{"sessionid": "abc"}, {"messages": "x"}], ids=["session cookie", "messages cookie"]
)
def test_requests_with_a_session_or_messages_are_never_answered_from_the_cache(pages_on, cookies):
    middleware = page_cache.PageCacheMiddleware(_view("plain"))
    request = RequestFactory().get("/somewhere/")
    assert middleware(request)["X-Hub-Cache"] == "miss"
    request = RequestFactory().get("/somewhere/")
    request.COOKIES = cookies
    assert "X-Hub-Cache" not in middleware(request)


@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_inside_a_write_transaction_is_dropped_when_it_commits(pages_on):
    """The page of a request that read old rows while a write was under way is stored under the
    token of that moment; the commit replaces the token, so it is never served."""
    middleware = page_cache.PageCacheMiddleware(_view("plain"))
    store = caches[page_cache.CACHE_ALIAS]
    with transaction.atomic():
        Tag.objects.create(name="written in a transaction")
        assert middleware(RequestFactory().get("/during/"))["X-Hub-Cache"] == "miss"
        during = store.get(page_cache.GENERATION_KEY)
        assert middleware(RequestFactory().get("/during/"))["X-Hub-Cache"] == "hit"
    assert store.get(page_cache.GENERATION_KEY) not in (None, during)
    assert middleware(RequestFactory().get("/during/"))["X-Hub-Cache"] == "miss"


@pytest.mark.parametrize(
    ("sql", "write"),
    [
        ('SELECT "qa_question"."id" FROM "qa_question"', False),
        ('(SELECT "auth_group"."name" FROM "auth_group") UNION (SELECT "auth_group"."name" FROM "auth_group")', False),
        ('UPDATE "qa_answer" SET "rating_score" = 1', True),
        ('INSERT INTO "wagtailcore_page" ("path") VALUES (%s)', True),
        ('DELETE FROM "profiles_feeditem" WHERE id = 1', True),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('INSERT INTO "django_tasks_database_dbtaskresult" ("id") VALUES (%s)', False),
        ("WITH moved AS (UPDATE wagtailcore_page SET depth = 2 RETURNING id) SELECT * FROM moved", True),
        ("TRUNCATE qa_rating", True),
        ("WITH m AS MATERIALIZED (SELECT e.id, e.updated_at FROM search_indexentry e) SELECT * FROM m", False),
        ("SAVEPOINT s1", False),
        ('UPDATE "hub_user" SET "last_login" = %s WHERE "hub_user"."id" = %s', False),
        ('UPDATE "hub_user" SET "last_login" = %s, "feedback_score" = 3 WHERE "hub_user"."id" = %s', True),
    ],
)
def test_which_statements_count_as_writes(sql, write):
    assert page_cache.is_write(sql) is write


@pytest.fixture
def redis_pages(pages_on):
    config = {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": REDIS_URL, "OPTIONS": {"FAIL_SILENTLY": True}}
    pages_on.CACHES = {**pages_on.CACHES, "pages": config}
    hub_cache.reset_breakers()
    caches[page_cache.CACHE_ALIAS].clear()
    yield caches[page_cache.CACHE_ALIAS]
    hub_cache.reset_breakers()
    caches[page_cache.CACHE_ALIAS].clear()


def test_a_write_while_redis_is_unreachable_still_drops_the_pages_once_it_is_back(client, world, redis_pages):
    url = world["question"].get_absolute_url()
    assert client.get(url)["X-Hub-Cache"] == "miss"
    assert client.get(url)["X-Hub-Cache"] == "hit"
    hub_cache.open_breaker(REDIS_URL, 60, ConnectionError("test: Redis unreachable"))

    posts.answer(world["moderator"], world["question"], "Written while the cache was away.")
    during = client.get(url)  # pages still answer, rendered, while the cache is away
    assert (during.status_code, "X-Hub-Cache" in during) == (200, False)
    assert b"Written while the cache was away." in during.content

    hub_cache.reset_breakers()  # Redis is back, with the page stored before the answer
    back = client.get(url)
    assert back["X-Hub-Cache"] == "miss"
    assert b"Written while the cache was away." in back.content


def test_the_redis_cache_keeps_one_client_and_answers_with_it_again_after_an_outage(redis_pages):
    """hub.cache.OneClientPerPool: one redis.Redis per connection pool, used by every call."""
    kept = redis_pages._cache.get_client("a")
    assert redis_pages._cache.get_client("b", write=True) is kept
    redis_pages.set("hub:test:kept", 41)
    assert redis_pages.get("hub:test:kept") == 41
    hub_cache.open_breaker(REDIS_URL, 60, ConnectionError("test: Redis unreachable"))
    assert redis_pages.get("hub:test:kept", "skipped") == "skipped"
    hub_cache.reset_breakers()
    assert redis_pages.get_many(["hub:test:kept"]) == {"hub:test:kept": 41}
    assert redis_pages._cache.get_client("c") is kept


def test_the_generation_is_never_a_fixed_value_after_the_cache_loses_it(pages_on, db):
    middleware = page_cache.PageCacheMiddleware(_view("plain"))
    assert middleware(RequestFactory().get("/a/"))["X-Hub-Cache"] == "miss"
    first = caches[page_cache.CACHE_ALIAS].get(page_cache.GENERATION_KEY)
    caches[page_cache.CACHE_ALIAS].delete(page_cache.GENERATION_KEY)  # evicted
    assert middleware(RequestFactory().get("/a/"))["X-Hub-Cache"] == "miss"
    assert caches[page_cache.CACHE_ALIAS].get(page_cache.GENERATION_KEY) not in (None, first)


def test_hidden_question_is_not_shown_from_an_earlier_cached_list(client, world):
    assert b"How do I start a listening campaign?" in client.get("/questions/").content
    moderation.hide(world["moderator"], world["question"], "Spam", now=timezone.now() + dt.timedelta(seconds=1))
    assert b"How do I start a listening campaign?" not in client.get("/questions/").content


def test_parts_kept_for_members_are_kept_per_audience(client, world):
    """A page only moderators may see links to the article: a moderator's sidebar lists it, and
    neither a member nor an anonymous visitor is ever shown the moderator's kept list."""
    secret = make_article(world["organiser"], "Moderators' notes", "About [[Door knocking basics]].")
    restriction = PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name=roles.MODERATOR))
    url = world["article"].url
    client.force_login(world["moderator"])
    assert b"Moderators&#x27; notes" in client.get(url).content or b"Moderators' notes" in client.get(url).content
    client.force_login(world["member"])
    assert b"Moderators" not in client.get(url).content
    client.logout()
    assert b"Moderators" not in client.get(url).content
    assert page_cache.audience(world["moderator"]) != page_cache.audience(world["member"])


def test_the_site_and_its_root_page_are_read_once_until_the_next_write(client, world):
    client.force_login(world["member"])
    url = world["article"].url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert [q["sql"] for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]] == []
    world["article"].title = "Door knocking, in pairs"
    publish(world["article"], world["organiser"], "Retitled")  # a write: the site is read again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(world["article"].url).status_code == 200
    assert len([q for q in queries.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]) == 1


def test_the_home_page_reads_no_restriction_while_its_site_is_kept_and_obeys_a_new_one(client, world):
    """Whether a restriction covers the site's root page is read with the kept site (_site_for)."""
    client.force_login(world["member"])
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert [q["sql"] for q in queries.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]] == []
    home = world["article"].get_parent().get_parent()
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.GROUPS).groups.add(
        Group.objects.get(name=roles.MODERATOR)
    )
    response = client.get("/")  # the member is not a moderator: the next request is refused
    assert response.status_code in (302, 403) and b"home-hero" not in response.content
    client.force_login(world["moderator"])
    assert client.get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_does_not_lose_the_bump_at_commit(pages_on):
    """The commit's bump was registered inside a savepoint that rolled back: the next write
    registers it again, so the commit still drops the pages."""
    store = caches[page_cache.CACHE_ALIAS]
    middleware = page_cache.PageCacheMiddleware(_view("plain"))
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            Tag.objects.create(name="rolled back")
            raise RuntimeError
        Tag.objects.create(name="kept")
        assert middleware(RequestFactory().get("/during/"))["X-Hub-Cache"] == "miss"
        during = store.get(page_cache.GENERATION_KEY)
    assert store.get(page_cache.GENERATION_KEY) not in (None, during)
    assert middleware(RequestFactory().get("/during/"))["X-Hub-Cache"] == "miss"
