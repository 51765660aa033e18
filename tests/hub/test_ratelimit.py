"""The one rate-limit helper: the client address behind trusted proxies, exact counting, undo,
the fail direction of each limit when the shared cache is down, and the account limits."""

import socket

import pytest
from django.core import mail
from django.test import RequestFactory

from hub import cache as hub_cache
from hub import ratelimit
from tests.factories import PASSWORD, make_user

factory = RequestFactory()


def request_from(remote: str, forwarded: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **meta)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.HUB_TRUSTED_PROXIES = []
    assert ratelimit.client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(settings):
    settings.HUB_TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The visitor wrote the first address themselves; the proxies appended the rest.
    request = request_from("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.0.0.9")
    assert ratelimit.client_ip(request) == "198.51.100.7"


def test_a_request_straight_from_a_visitor_cannot_claim_another_address(settings):
    settings.HUB_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ratelimit.client_ip(request_from("198.51.100.7", "10.0.0.1")) == "198.51.100.7"


def test_ipv6_visitors_are_counted_per_64_network(settings):
    settings.HUB_TRUSTED_PROXIES = []
    assert ratelimit.client_ip(request_from("2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::"


def test_consume_counts_exactly_and_says_how_long_to_wait(settings):
    for _ in range(3):
        ratelimit.consume("signup", "ip:198.51.100.7", rate="3/h")
    with pytest.raises(ratelimit.RateLimited) as caught:
        ratelimit.consume("signup", "ip:198.51.100.7", rate="3/h")
    assert caught.value.message == settings.HUB_RATE_LIMITS["signup"]["message"]
    assert 1 <= caught.value.retry_after <= 3600
    ratelimit.consume("signup", "ip:198.51.100.8", rate="3/h")  # another visitor has their own count


def test_undo_gives_one_use_back():
    for _ in range(2):
        ratelimit.consume("login-failed-account", "account:sam", rate="2/5m")
    ratelimit.undo("login-failed-account", "account:sam", rate="2/5m")
    ratelimit.consume("login-failed-account", "account:sam", rate="2/5m")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.consume("login-failed-account", "account:sam", rate="2/5m")


def test_a_one_per_period_limit_is_a_cooldown_from_the_last_use():
    ratelimit.consume("feeds-refresh-now", "profile:1", rate=(1, 300))
    with pytest.raises(ratelimit.RateLimited) as caught:
        ratelimit.consume("feeds-refresh-now", "profile:1", rate=(1, 300))
    assert 299 <= caught.value.retry_after <= 300


def test_a_limit_missing_from_the_settings_is_a_clear_error():
    with pytest.raises(KeyError, match="add it to HUB_RATE_LIMITS"):
        ratelimit.consume("no-such-limit", "x")


@pytest.fixture
def dead_redis(settings):
    """The limits cache pointed at a port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "hub.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/1",
            "OPTIONS": {"FAIL_SILENTLY": False},
        },
    }
    hub_cache.reset_breakers()
    yield
    hub_cache.reset_breakers()


def test_with_the_cache_down_a_closed_limit_refuses_and_an_open_one_lets_through(dead_redis, settings):
    with pytest.raises(ratelimit.RateLimited) as caught:
        ratelimit.consume("login-failed-account", "account:sam")
    assert caught.value.message == settings.HUB_RATE_LIMITS["login-failed-account"]["unavailable"]
    ratelimit.consume("search-suggest", "ip:198.51.100.7", rate=(60, 60))  # fails open: no exception


def test_every_limit_says_which_way_it_fails(settings):
    assert {spec["fail"] for spec in settings.HUB_RATE_LIMITS.values()} <= {"open", "closed"}
    assert all(spec["message"] or name.startswith("qa-") for name, spec in settings.HUB_RATE_LIMITS.items())


def test_the_answer_is_json_for_the_api_and_a_page_for_people(rf):
    error = ratelimit.RateLimited("Slow down.", 42)
    api = ratelimit.respond(rf.post("/api/v1/questions/"), error)
    assert (api.status_code, api["Retry-After"], api["Content-Type"]) == (429, "42", "application/json")
    assert api.content == b'{"detail": "Slow down.", "retry_after": 42}'


@pytest.mark.django_db
def test_the_answer_for_people_is_the_plain_429_page(client, member, settings):
    settings.HUB_RATE_LIMITS = {
        **settings.HUB_RATE_LIMITS,
        "signup": {**settings.HUB_RATE_LIMITS["signup"], "rate": "1/h"},
    }
    data = {"email": "a@example.org", "username": "a", "password1": "x", "password2": "y"}
    client.post("/accounts/signup/", data)
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 429
    assert "Too many sign-ups from your address." in response.content.decode()
    assert response["Retry-After"]


@pytest.mark.django_db
def test_the_sixth_wrong_password_for_an_account_is_not_checked(client, member):
    answers = [client.post("/accounts/login/", {"login": "member", "password": "wrong-guess"}) for _ in range(6)]
    assert [response.status_code for response in answers] == [200, 200, 200, 200, 200, 429]
    assert "Too many failed log-in attempts for this account" in answers[-1].content.decode()
    # Even the right password waits now: it is not checked while the account is limited.
    assert client.post("/accounts/login/", {"login": "member", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_a_right_password_gives_its_attempt_back(client, member):
    for _ in range(4):
        client.post("/accounts/login/", {"login": "member", "password": "wrong-guess"})
    assert client.post("/accounts/login/", {"login": "member", "password": PASSWORD}).status_code == 302
    client.logout()
    assert client.post("/accounts/login/", {"login": "member", "password": "wrong-guess"}).status_code == 200
    assert client.post("/accounts/login/", {"login": "member", "password": "wrong-guess"}).status_code == 429


@pytest.mark.django_db
def test_password_reset_emails_are_limited_per_address(client, member):
    codes = [client.post("/accounts/password/reset/", {"email": member.email}).status_code for _ in range(6)]
    assert codes == [302, 302, 302, 302, 302, 429]
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_confirmation_emails_are_resent_at_most_once_in_three_minutes(client):
    make_user("unconfirmed", verified=False)
    for _ in range(3):
        client.post("/accounts/login/", {"login": "unconfirmed", "password": PASSWORD})
    assert len(mail.outbox) == 1
