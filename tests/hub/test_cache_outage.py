"""The shared cache is an accelerator: with Redis at a dead port, or at one that accepts and never
answers, every page answers from the database and every write answers without a 500. Limits that
need the cache fail in their chosen direction (settings.HUB_RATE_LIMITS)."""

import pytest
from django.core.cache import caches

from hub import cache as hub_cache
from qa.models import Comment
from tests.factories import make_user
from tests.qa.conftest import make_question
from tests.sockets import dead_port, silent_server

PAGES = ["/", "/wiki/", "/search/?q=listening", "/profiles/", "/questions/", "/accounts/login/", "/about/"]


@pytest.fixture(scope="module")
def silent_port():
    """A port that accepts connections and never answers (a Redis behind a black hole)."""
    with silent_server() as server:
        yield server.port


def redis_at(settings, port: int) -> None:
    url = f"redis://127.0.0.1:{port}/1"
    settings.CACHES = {
        "default": {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": url, "OPTIONS": {"FAIL_SILENTLY": True}},
        "limits": {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": url, "OPTIONS": {"FAIL_SILENTLY": False}},
        # As settings/env.py's caches_config: the pages (and, with them, the sessions) on the same Redis.
        "pages": {"BACKEND": "hub.cache.ResilientRedisCache", "LOCATION": url, "OPTIONS": {"FAIL_SILENTLY": True}},
    }
    hub_cache.reset_breakers()


@pytest.fixture(params=["dead port", "never answers"])
def redis_down(request, settings, silent_port):
    redis_at(settings, dead_port() if request.param == "dead port" else silent_port)
    yield request.param
    hub_cache.reset_breakers()


@pytest.mark.django_db
def test_every_page_answers_from_the_database(client, redis_down):
    assert {path: client.get(path).status_code for path in PAGES} == dict.fromkeys(PAGES, 200)


@pytest.mark.django_db
def test_pages_answer_for_a_signed_in_member_too(client, redis_down):
    client.force_login(make_user("reader"))
    assert {path: client.get(path).status_code for path in PAGES[:-2]} == dict.fromkeys(PAGES[:-2], 200)


@pytest.mark.django_db
def test_log_in_fails_closed_with_a_plain_429_not_a_500(client, redis_down):
    make_user("sam")
    response = client.post("/accounts/login/", {"login": "sam", "password": "a-test-password-1"})
    assert response.status_code == 429
    assert "paused for a minute while the hub recovers" in response.content.decode()


@pytest.mark.django_db
def test_search_suggestions_fail_open(client, redis_down):
    response = client.get("/search/suggest/?q=listen")
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_established_member_comments_with_the_cache_down_and_one_row_is_stored(client, redis_down, settings):
    settings.QA_NEW_ACCOUNT_SCORE = 0  # established: no new-account limit applies
    question = make_question(make_user("asker"))
    client.force_login(make_user("commenter"))
    response = client.post(f"/questions/comment/question/{question.pk}/", {"body": "Which street was this?"})
    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.django_db
def test_a_new_members_post_is_refused_with_429_while_its_limit_cannot_be_counted(client, redis_down):
    question = make_question(make_user("asker"))
    client.force_login(make_user("newcomer"))
    response = client.post(f"/questions/comment/question/{question.pk}/", {"body": "Which street was this?"})
    assert response.status_code == 429
    assert Comment.objects.count() == 0


def test_the_breaker_skips_redis_after_the_first_failure(settings, silent_port):
    redis_at(settings, silent_port)
    cache = caches["default"]
    assert cache.get("anything", "fallback") == "fallback"  # waits one socket time-out, opens the breaker
    assert hub_cache.breaker_open(cache.location)
    assert cache.set("key", "value") is None
    assert cache.add("key", "value") is False
