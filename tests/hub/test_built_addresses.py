"""Addresses built once per pattern (hub_tags' member and avatar links, the forum's question links)
are the strings `reverse()` gives, including usernames that need quoting and a script prefix."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from hub.templatetags import hub_tags
from qa import selectors

USERNAMES = ["amara", "kofi.m", "a+b@example.org", "under_score-dash", "ünïcode"]


@pytest.mark.parametrize("username", USERNAMES)
@pytest.mark.parametrize("prefix", ["/", "/hub/"])
def test_member_and_avatar_addresses_match_reverse(username, prefix):
    set_script_prefix(prefix)
    try:
        user = SimpleNamespace(username=username)
        assert hub_tags.member_url(user) == reverse("hub:member", args=[username])
        assert hub_tags._by_username("hub:avatar", username) == reverse("hub:avatar", args=[username])
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize("prefix", ["/", "/hub/"])
def test_question_addresses_match_reverse(prefix):
    set_script_prefix(prefix)
    try:
        address = selectors.question_addresses()
        assert address(42, "how-to-run-a-one-to-one") == reverse("qa:question", args=[42, "how-to-run-a-one-to-one"])
        assert address(7, "question") == "/".join([prefix.rstrip("/"), "questions", "7", "question", ""])
    finally:
        set_script_prefix("/")


def test_author_badges_rendered_once_per_author_state_and_never_mixed():
    """A page showing one author again reuses their badge; another author, or the same one with
    another score, gets their own."""
    user_model = get_user_model()
    amara = user_model(pk=1, username="amara", feedback_score=12)
    kofi = user_model(pk=2, username="kofi", feedback_score=3)
    amara_later = user_model(pk=1, username="amara", feedback_score=13)
    page = Template("{% load hub_tags %}{% for a in authors %}{% author_badge a %}|{% endfor %}")
    badges = page.render(Context({"authors": [amara, kofi, amara, amara_later]})).split("|")[:4]
    assert badges[0] == badges[2]
    assert reverse("hub:member", args=["kofi"]) in badges[1] and "amara" not in badges[1]
    assert "feedback score</span> 12" in badges[0] and "feedback score</span> 13" in badges[3]
