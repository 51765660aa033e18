"""The page frame kept per process (hub/frame.py, docs/adr/0105): one member's header (name,
picture, inbox count, admin link, CSRF token) never reaches another member or an anonymous visitor,
whoever was served first; every change shows on the next request; pages work with Redis down."""

import re

import pytest
from django.contrib.auth.models import Group
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from hub import fragments, frame, notifications, roles
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _header(client, url="/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _notify(user, subject="News") -> None:
    message = notifications.Message(subject=subject, text="Details.", url="http://127.0.0.1:8000/", kind="answer")
    notifications.notify(user, message, notifications.NO_EMAIL)


@pytest.fixture
def people(db):
    boss = make_user("boss", role=roles.MODERATOR, display_name="Bea Boss")
    plain = make_user("plain", display_name="Pat Plain")
    _notify(boss, "One")
    _notify(boss, "Two")
    return boss, plain


@pytest.mark.parametrize("first", ["boss", "plain", "anonymous"])
def test_each_viewer_gets_their_own_header_whoever_came_first(people, first):
    boss, plain = people
    clients = {"boss": _signed_in(boss), "plain": _signed_in(plain), "anonymous": Client()}
    order = [first, *(name for name in clients if name != first)]
    headers = {name: _header(clients[name]) for name in order}
    headers.update({name: _header(clients[name], "/about/") for name in order})  # kept ones served again

    assert "Bea Boss" in headers["boss"] and "Pat Plain" not in headers["boss"]
    assert 'class="inbox-count">2<' in headers["boss"] and ">Admin</a>" in headers["boss"]
    assert "Pat Plain" in headers["plain"] and "Bea Boss" not in headers["plain"]
    assert "inbox-count" not in headers["plain"] and ">Admin</a>" not in headers["plain"]
    anonymous = headers["anonymous"]
    assert "Bea Boss" not in anonymous and "Pat Plain" not in anonymous and "Log out" not in anonymous
    assert ">Log in</a>" in anonymous and "csrfmiddlewaretoken" not in anonymous
    assert all(fragments.CSRF not in html for html in headers.values())


def test_each_member_gets_their_own_csrf_token_in_the_log_out_form(people):
    boss, plain = people
    tokens = {}
    for name, user in (("boss", boss), ("plain", plain)):
        client = _signed_in(user)
        _header(client)  # the first request sets the CSRF cookie
        (token,) = CSRF_FIELD.findall(_header(client))
        assert _unmask_cipher_token(token) == client.cookies["csrftoken"].value
        tokens[name] = client.cookies["csrftoken"].value
    assert tokens["boss"] != tokens["plain"]


def test_an_inbox_message_shows_in_the_bell_on_the_next_request(people):
    _boss, plain = people
    client = _signed_in(plain)
    assert "inbox-count" not in _header(client)
    _notify(plain)
    assert 'class="inbox-count">1<span class="visually-hidden"> new</span>' in _header(client)


def test_a_new_name_picture_or_role_shows_on_the_next_request(people):
    _boss, plain = people
    client = _signed_in(plain)
    before = _header(client)
    assert ">Admin</a>" not in before and f'src="{reverse("hub:avatar", args=["plain"])}?v=PP"' in before
    plain.display_name = "Pat Renamed"
    plain.save()
    plain.groups.add(Group.objects.get(name=roles.MODERATOR))
    after = _header(client)
    assert "Pat Renamed" in after and "Pat Plain" not in after and ">Admin</a>" in after
    assert f'src="{reverse("hub:avatar", args=["plain"])}?v=PR"' in after


def test_the_current_section_is_marked_in_the_navigation(people):
    _boss, plain = people
    client = _signed_in(plain)
    assert "aria-current" not in _header(client, "/about/")
    marked = re.findall(r'<a class="inbox-link" href="/inbox/" aria-current="page">', _header(client, "/inbox/"))
    assert len(marked) == 1 and _header(client, "/inbox/").count("aria-current") == 1
    questions = _header(client, "/questions/")
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', questions) == ["/questions/"]


def test_the_search_box_shows_a_query_escaped_and_never_keeps_it():
    frame.forget()
    request = RequestFactory().get("/search/?q=x")
    request.user = None
    template = Template("{% load hub_tags %}{% site_header %}")
    html = template.render(Context({"request": request, "search_query": '"><script>'}))
    assert 'value="&quot;&gt;&lt;script&gt;"' in html
    assert frame._kept == {}


def test_the_kept_frame_is_bounded(monkeypatch, people):
    monkeypatch.setattr(frame, "MAX_KEPT", 2)
    frame.forget()
    boss, plain = people
    for client in (_signed_in(boss), _signed_in(plain), Client()):
        _header(client, "/about/")
    assert len(frame._kept) == 2


def test_signed_in_pages_work_with_the_cache_down(people, pages_redis_down):
    boss, _plain = people
    client = _signed_in(boss)
    assert "Bea Boss" in _header(client)
    assert "Bea Boss" in _header(client, "/about/")


def test_asset_gives_what_static_gives_and_looks_it_up_once(monkeypatch):
    frame.forget()
    expected = Template("{% load static %}{% static 'css/hub.css' %}").render(Context())
    calls = []
    monkeypatch.setattr(frame, "static", lambda path: calls.append(path) or expected)
    rendered = [Template("{% load hub_tags %}{% asset 'css/hub.css' %}").render(Context()) for _ in range(3)]
    assert rendered == [expected] * 3 and calls == ["css/hub.css"]
