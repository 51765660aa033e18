"""Every email the hub sends goes through the task queue, so no request waits for the mail server.

`TaskEmailBackend` is the hub's EMAIL_BACKEND: Django's `send_mail`, allauth's account mail,
django-comments-xtd and the notifications all hand it their messages, and it enqueues one
`deliver_email` task per message (on commit). The worker delivers through the backend that
EMAIL_URL chose (`settings.HUB_EMAIL_DELIVERY_BACKEND`, SMTP in production); a mail server that
is down or never answers makes the task retry with backoff until it is back.
"""

from __future__ import annotations

import base64
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from hub.tasks import enqueue_on_commit, retrying_task


class RefusedByMailServer(Exception):
    """The mail server refused every recipient for good (a 5xx answer): trying again will not help."""


def serialise(message: EmailMessage) -> dict:
    """A message as JSON values, for the task row."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(key): str(value) for key, value in (message.extra_headers or {}).items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_attachment(item) for item in message.attachments],
    }


def _attachment(item) -> list:
    filename, content, mimetype = item if isinstance(item, tuple) else (item.get_filename(), item.get_payload(), None)
    data = content.encode() if isinstance(content, str) else bytes(content or b"")
    return [filename, base64.b64encode(data).decode("ascii"), mimetype]


def rebuild(data: dict, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, encoded, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(encoded), mimetype)
    return message


@retrying_task(queue_name="mail", attempts=settings.HUB_EMAIL_ATTEMPTS, base_delay=60)
def deliver_email(data: dict) -> list[str]:
    """Send one message through the delivery backend. Connection errors and time-outs retry."""
    connection = get_connection(settings.HUB_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        rebuild(data, connection).send()
    except smtplib.SMTPRecipientsRefused as error:
        raise RefusedByMailServer(f"The mail server refused every recipient: {error.recipients}") from error
    return data["to"]


class TaskEmailBackend(BaseEmailBackend):
    """Queues each message as a `deliver_email` task; the task runs once the transaction commits."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            enqueue_on_commit(deliver_email, serialise(message))
            count += 1
        return count
