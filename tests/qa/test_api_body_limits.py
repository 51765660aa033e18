"""API bodies are limited in size and nesting before they are parsed (hub/parsers.py)."""

import json

import pytest
from rest_framework.test import APIClient

from hub.parsers import nesting_depth
from qa.models import Question
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(tag):
    client = APIClient()
    client.force_authenticate(make_user("newcomer"))
    return client


def post_raw(api, body: bytes | str):
    return api.post("/api/v1/questions/", data=body, content_type="application/json")


def question(**changes) -> dict:
    return {"title": "Door knocking in the rain", "body": "What do you do when it rains all week?"} | {
        "tags": ["door knocking"],
        **changes,
    }


def test_a_deeply_nested_body_is_a_400_that_says_why_not_a_500(api):
    response = post_raw(api, "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400
    assert response.json() == {"detail": "The JSON is nested more than 32 levels deep; the API reads at most 32."}
    assert Question.objects.count() == 0


def test_nesting_inside_a_question_is_refused_past_32_levels(api):
    deep = {"tags": ["door knocking"], "title": "Door knocking in the rain", "body": "x" * 40}
    value: object = "leaf"
    for _ in range(32):  # the question object itself is one more level
        value = [value]
    deep["extra"] = value
    response = post_raw(api, json.dumps(deep))
    assert (response.status_code, "nested more than 32" in response.json()["detail"]) == (400, True)


def test_brackets_inside_strings_are_text_not_nesting(api):
    body = question(body="Link with [[" * 40 + ']] and {{ braces }} and an escaped quote \\" [' * 10)
    response = post_raw(api, json.dumps(body))
    assert response.status_code == 201
    assert Question.objects.get().body == body["body"]


def test_a_body_over_the_limit_is_a_413_and_nothing_is_saved(api, settings):
    settings.HUB_API_MAX_BODY_BYTES = 4096
    response = post_raw(api, json.dumps(question(body="x" * 5000)))
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than 4 KB, the most the API reads."}
    assert Question.objects.count() == 0


def test_the_largest_answer_the_forms_allow_fits_the_default_limit(api):
    body = question(body="\U0001f600" * 30_000)  # 30,000 characters, each escaped as \\ud83d\\ude00
    encoded = json.dumps(body)
    assert len(encoded) > 360_000
    response = post_raw(api, encoded)
    assert response.status_code == 201


def test_broken_json_is_still_a_plain_400(api):
    response = post_raw(api, b'{"title": "unfinished')
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        (b"1", 0),
        (b"[]", 1),
        (b'{"a": [{"b": []}]}', 4),
        (b'["[[[[", "\\"]]]"]', 1),
        (b"[[[[[[[[[[", 10),
    ],
)
def test_nesting_depth_counts_only_brackets_outside_strings(body, depth):
    assert nesting_depth(body, 100) == depth
