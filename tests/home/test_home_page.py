import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_home_page_shows_every_section_and_one_h1(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<title>Home | CO Knowledge Hub</title>" in html
    for heading in ["New in the wiki", "Recently changed", "Questions waiting for an answer", "Recent questions"]:
        assert heading in html
    assert 'href="#main"' in html
    assert 'role="search"' in html


@pytest.mark.django_db
def test_home_page_sends_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_home_page_query_count_is_fixed(client):
    client.get("/")  # warm the site and page caches
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    first = len(queries)
    assert first <= 30, [q["sql"] for q in queries]


@pytest.mark.django_db
def test_signed_in_member_sees_their_name_and_a_log_out_button(client, member):
    client.force_login(member)
    html = client.get("/").content.decode()
    assert re.search(r'<button type="submit" class="link-button">Log out</button>', html)
    assert member.public_name in html
