"""Addresses built once per pattern (hub_tags' member and avatar links, the forum's question links)
are the strings `reverse()` gives, including usernames that need quoting and a script prefix."""

from types import SimpleNamespace

import pytest
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
