"""Ids a database cannot hold, and digits that are not ASCII, are answered as "no such post", never 500.
(Found by schemathesis: ?question=18446744073709551617 overflowed SQLite's integer.)"""

import pytest
from rest_framework.test import APIClient

from tests.factories import make_user

pytestmark = pytest.mark.django_db
HUGE = str(2**64 + 1)


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.parametrize("name", ["question", "answer"])
@pytest.mark.parametrize("value", [HUGE, "\u00b2", "\u0663", "-1", "1e3"])
def test_comment_list_filters_take_only_ids_a_row_can_have(api, name, value):
    response = api.get("/api/v1/comments/", {name: value})
    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_commenting_on_an_id_too_large_for_any_row_is_a_404(api):
    api.force_authenticate(make_user("commenter"))
    response = api.post(f"/api/v1/comments/?question={HUGE}", {"body": "A comment long enough"}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("path", [f"/api/v1/questions/{HUGE}/", f"/api/v1/answers/{HUGE}/", "/api/v1/answers/-5/"])
def test_paths_with_impossible_ids_are_json_404s(api, path):
    response = api.get(path)
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_a_signed_in_api_write_without_its_csrf_token_is_a_json_403(client):
    client.force_login(make_user("writer"))
    csrf_client = type(client)(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    response = csrf_client.post("/api/v1/questions/", {"title": "x"}, content_type="application/json")
    assert (response.status_code, response["Content-Type"]) == (403, "application/json")
    assert "CSRF" in response.json()["detail"]


def test_a_form_without_its_csrf_token_gets_the_hubs_403_page_not_djangos(client):
    csrf_client = type(client)(enforce_csrf_checks=True)
    response = csrf_client.post("/accounts/login/", {"login": "a", "password": "b"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<style>" not in html and "You cannot do that here" in html
