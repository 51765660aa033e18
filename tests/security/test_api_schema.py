"""schemathesis over the OpenAPI schema at /api/schema/, anonymous and signed in, through the hub's
WSGI application: no 500 and no answer that breaks the schema. Examples per operation are bounded
(SCHEMATHESIS_EXAMPLES, 25 unless set) so the run stays short.

Each operation's cases come from schemathesis's hypothesis strategy and run inside one pytest test:
schemathesis 4.32's own pytest plugin (`schema.parametrize`) fails on pytest 9.2 ("'Function' object
has no attribute '_nodeid'"), so the loop below does what it would do.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from taggit.models import Tag

from tests.factories import make_user

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))

pytestmark = pytest.mark.django_db


@pytest.fixture
def operations(db):
    """The API's operations, from the schema as the hub serves it. Like Django's test client, requests
    do not close the test's database connection when they start or finish."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
        yield [result.ok() for result in schema.get_all_operations()]
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def signed_in(client):
    """A session cookie and a CSRF token pair for a member, as a browser signed in to the hub has;
    checked by asking one question with them, so the signed-in run is not 403s throughout."""
    client.force_login(make_user("api-tester"))
    token = _get_new_csrf_string()
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}"
    Tag.objects.create(name="door knocking")
    checker = Client(enforce_csrf_checks=True, HTTP_COOKIE=cookie, HTTP_X_CSRFTOKEN=token)
    question = {
        "title": "Door knocking in the rain",
        "body": "What do you do when it rains?",
        "tags": ["door knocking"],
    }
    assert checker.post("/api/v1/questions/", question, content_type="application/json").status_code == 201
    return {"Cookie": cookie, "X-CSRFToken": token}


def check_every_operation(operations, headers: dict | None = None) -> None:
    assert len(operations) >= 10, [operation.label for operation in operations]
    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def call(case):
            case.call_and_validate(headers=headers)

        call()


def test_anonymous_requests_answer_within_the_schema(operations):
    check_every_operation(operations)


def test_signed_in_requests_answer_within_the_schema(signed_in, operations):
    # signed_in first: the test client it uses reconnects what `operations` disconnects.
    check_every_operation(operations, signed_in)
