"""A mail server that is down, or accepts and never answers, costs no page and no write: the row is
stored once, the email waits in the task queue, and a real SMTP server (aiosmtpd on 127.0.0.1)
receives it once it is back."""

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from qa.models import Answer, Comment
from qa.services import follows
from tests.factories import make_user
from tests.qa.conftest import make_question
from tests.queue import rows, run_queue
from tests.sockets import dead_port, silent_server

pytestmark = pytest.mark.django_db


class Inbox:
    """aiosmtpd's handler: keeps every message it accepts."""

    def __init__(self):
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf8", "replace")))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_port(settings, database_queue):
    """Every email goes through the task queue to SMTP at this port, where nothing listens yet."""
    port = dead_port()
    settings.EMAIL_BACKEND = "hub.mail.TaskEmailBackend"
    settings.HUB_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    return port


@pytest.fixture
def silent_smtp_port(smtp_port):
    """Something at the SMTP port accepts connections and never says hello."""
    with silent_server(smtp_port, backlog=8):
        yield smtp_port


def mail_server_back(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


def due_now() -> None:
    """Skip the backoff wait of every waiting task (as time passing would)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def comment_and_answer_with_mail_down(client, django_capture_on_commit_callbacks):
    asker = make_user("asker")
    question = make_question(asker)
    follows.follow(asker, question=question)
    client.force_login(make_user("commenter"))
    api = APIClient()
    api.force_authenticate(make_user("answerer"))
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/questions/comment/question/{question.pk}/", {"body": "Which street was this?"})
    with django_capture_on_commit_callbacks(execute=True):
        answer = api.post(
            f"/api/v1/questions/{question.pk}/answers/", {"body": "Start with the neighbours you know."}, format="json"
        )
    return page, answer


def test_posting_with_the_mail_server_down_stores_one_row_and_mails_once_it_is_back(
    client, smtp_port, settings, django_capture_on_commit_callbacks
):
    settings.QA_NEW_ACCOUNT_SCORE = 0
    page, answer = comment_and_answer_with_mail_down(client, django_capture_on_commit_callbacks)
    assert (page.status_code, answer.status_code) == (302, 201)
    assert (Comment.objects.count(), Answer.objects.count()) == (1, 1)
    assert [row.status for row in rows("deliver_email")] == ["READY", "READY"]  # nothing tried yet

    run_queue()  # the mail server is down: both deliveries fail and wait to retry
    waiting = rows("deliver_email")
    assert [(row.status, len(row.worker_ids)) for row in waiting] == [("READY", 1), ("READY", 1)]
    assert all(row.exception_class_path == "builtins.ConnectionRefusedError" for row in waiting)

    controller, inbox = mail_server_back(smtp_port)
    try:
        due_now()
        run_queue()
        due_now()
        run_queue()  # a second pass finds nothing left to send
    finally:
        controller.stop()
    assert [row.status for row in rows("deliver_email")] == ["SUCCESSFUL", "SUCCESSFUL"]
    assert sorted(recipients for recipients, _ in inbox.messages) == [["asker@example.org"], ["asker@example.org"]]
    subjects = sorted(content.split("Subject: ", 1)[1].splitlines()[0] for _, content in inbox.messages)
    assert subjects == ["New answer: How do I start door knocking?", "New comment: How do I start door knocking?"]


def test_a_mail_server_that_never_answers_costs_no_request_and_the_task_retries(
    client, silent_smtp_port, settings, django_capture_on_commit_callbacks
):
    settings.QA_NEW_ACCOUNT_SCORE = 0
    page, answer = comment_and_answer_with_mail_down(client, django_capture_on_commit_callbacks)
    assert (page.status_code, answer.status_code) == (302, 201)
    run_queue()
    waiting = rows("deliver_email")
    assert [(row.status, row.exception_class_path) for row in waiting] == [
        ("READY", "smtplib.SMTPServerDisconnected"),
        ("READY", "smtplib.SMTPServerDisconnected"),
    ]
    assert all("timed out" in row.traceback for row in waiting)  # cut by EMAIL_TIMEOUT, then retried


def test_password_reset_answers_with_the_mail_server_down_and_the_link_arrives_later(client, smtp_port):
    member = make_user("forgetful")
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    run_queue()
    controller, inbox = mail_server_back(smtp_port)
    try:
        due_now()
        run_queue()
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert "/accounts/password/reset/key/" in inbox.messages[0][1]


def test_the_last_failed_delivery_is_kept_for_the_admin(smtp_port, settings):
    from django.core.mail import send_mail

    settings.HUB_TASKS_TRANSIENT_ERRORS = []  # as if every attempt were spent: the first failure is final
    send_mail("Hello", "Body", None, ["someone@example.org"])
    run_queue()
    (row,) = rows("deliver_email")
    assert (row.status, row.exception_class_path) == ("FAILED", "builtins.ConnectionRefusedError")
    assert row.args_kwargs["args"][0]["to"] == ["someone@example.org"]
