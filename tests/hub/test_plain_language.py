"""Plain words everywhere (many members have learning disabilities): the easy-read guide, waits in
minutes, the hub's own form errors, allauth's pages in sentence case with a real contact route."""

import re
from html.parser import HTMLParser

import pytest
import textstat  # 0.7.3: later versions fetch a pronunciation dictionary over the network
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from hub.templatetags.hub_tags import wait
from hub.views import too_many_requests
from tests.factories import make_user

pytestmark = pytest.mark.django_db
MAX_WORDS = 15  # easy-read guidance: short sentences, one idea to a line


class _MainText(HTMLParser):
    """The text inside <main>, one entry per block element, and the easy-read list items."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd"}

    def __init__(self):
        super().__init__()
        self.in_main = 0
        self.blocks: list[str] = []
        self.items: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        if self.in_main and tag in self.BLOCKS:
            self._flush()
        if self.in_main and tag == "li" and ("class", None) not in attrs:
            self.items.append(tag)
        if tag in ("svg",) and self.in_main:
            self.items.append("icon")

    def handle_endtag(self, tag):
        if self.in_main and tag in self.BLOCKS:
            self._flush()
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        if self.in_main:
            self._current.append(data)

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []


def _sentences(blocks: list[str]) -> list[str]:
    return [s.strip() for block in blocks for s in re.split(r"(?<=[.?!])\s+", block) if s.strip()]


def test_easy_read_guide_is_easy_to_read(client):
    html = client.get("/easy-read/").content.decode()
    parser = _MainText()
    parser.feed(html)
    text = " ".join(parser.blocks)
    assert textstat.flesch_reading_ease(text) >= 80, textstat.flesch_reading_ease(text)
    long = [s for s in _sentences(parser.blocks) if len(s.split()) > MAX_WORDS]
    assert not long, f"sentences over {MAX_WORDS} words: {long}"


def test_every_easy_read_point_has_a_picture_beside_it(client):
    html = client.get("/easy-read/").content.decode()
    items = re.findall(r'<ul class="easy-read__list">(.*?)</ul>', html, re.S)
    points = [point for block in items for point in re.findall(r"<li>(.*?)</li>", block, re.S)]
    assert len(points) >= 15
    assert all(point.lstrip().startswith("<svg") for point in points)


def test_easy_read_guide_is_linked_from_every_footer_and_the_sign_up_confirmation(client):
    assert 'href="/easy-read/"' in client.get("/").content.decode()
    response = client.post(
        "/accounts/signup/",
        {
            "email": "sam@example.org",
            "username": "sam",
            "display_name": "Sam Patel",
            "password1": "listen-first-2026",
            "password2": "listen-first-2026",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "<h1>Check your email</h1>" in html
    main = html[html.index("<main") : html.index("</main>")]
    assert 'href="/easy-read/"' in main and 'href="/contact/"' in main
    assert get_user_model().objects.get(username="sam").display_name == "Sam Patel"


def test_waits_are_said_in_minutes_and_hours():
    assert wait(40) == "about a minute"
    assert wait(600) == "about 10 minutes"
    assert wait(3600) == "about 60 minutes"
    assert wait(7200) == "about 2 hours"
    assert wait(86400 * 2) == "about 2 days"
    request = RequestFactory().get("/")
    request.user = make_user("hurried")
    html = too_many_requests(request, "You asked a question a moment ago.", 600).content.decode()
    assert "Try again in about 10 minutes." in html
    assert "seconds" not in html


def test_form_errors_are_in_the_hubs_own_words(client):
    client.force_login(make_user("asker"))
    html = client.post("/questions/ask/", {"title": "Short", "body": "", "tags": ""}).content.decode()
    assert "This field is required." not in html
    assert "Please fill this in." in html
    assert "Write at least 10 characters. You wrote 5." in html


def test_account_pages_speak_in_sentence_case_with_a_contact_route(client):
    for path, heading in [
        ("/accounts/login/", "Log in"),
        ("/accounts/signup/", "Create an account"),
        ("/accounts/password/reset/", "Reset your password"),
    ]:
        html = client.get(path).content.decode()
        assert f"<h1>{heading}</h1>" in html, path
        assert not re.search(r"<h1>[^<]*\b(Sign In|Sign Up|Password Reset)\b", html)
        assert "label" in html and not re.search(r"<label[^>]*>[^<]*:</label>", html), f"colon label on {path}"
    assert 'href="/contact/"' in client.get("/accounts/password/reset/").content.decode()
    client.force_login(make_user("leaving"))
    html = client.get("/accounts/logout/").content.decode()
    assert "Log out" in html and "Sign Out" not in html
    contact = client.get("/contact/").content.decode()
    assert 'href="mailto:hub@localhost"' in contact


def test_member_page_has_no_internal_terms(client):
    member = make_user("rated")
    get_user_model().objects.filter(pk=member.pk).update(feedback_positive_weeks=3, feedback_negative_weeks=1)
    html = client.get(f"/members/{member.username}/").content.decode()
    assert "3 good weeks and 1 bad week of ratings" in html
    assert "rater-week" not in html


def test_limit_messages_count_in_plain_plurals(settings):
    from qa.services.limits import _message

    assert _message("question", 1, 600) == "New members can ask 1 question every 10 minutes."
    assert _message("rating", 20, 86400) == "New members can give 20 ratings every day."
    assert "(s)" not in _message("flag", 2, 3600)
