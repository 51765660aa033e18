"""Email notifications shared by the wiki (watching) and the Q&A forum (following).

A subscription belongs to its own app and carries its frequency; this module only delivers:
`notify()` emails at once (after the surrounding transaction commits) or queues the message
for `manage.py send_digests`, which sends each member one email with everything waiting.
Unsubscribe links carry a signed token naming what to stop, so they work without logging in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from hub.models import PendingNotification

IMMEDIATE = "immediate"
DAILY = "daily"
FREQUENCY_CHOICES = [(IMMEDIATE, "Email me straight away"), (DAILY, "One email a day (daily digest)")]
UNSUBSCRIBE_SALT = "hub.notifications.unsubscribe"


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    url: str  # absolute URL of what changed
    unsubscribe_url: str = ""  # absolute URL that stops this subscription


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify(user, message: Message, frequency: str) -> None:
    if not user.email or not user.is_active:
        return
    if frequency == DAILY:
        PendingNotification.objects.create(
            user=user,
            subject=message.subject,
            text=message.text,
            url=message.url,
            unsubscribe_url=message.unsubscribe_url,
        )
        return
    body = render_to_string("hub/email/notification.txt", {"user": user, "messages": [message]})
    transaction.on_commit(lambda: send_mail(message.subject, body, None, [user.email]))


def send_digests(now=None) -> int:
    """Send every member with waiting notifications one digest email. Returns how many were sent."""
    now = now or timezone.now()
    pending = PendingNotification.objects.filter(sent_at__isnull=True).select_related("user").order_by("user_id", "pk")
    by_user: dict = {}
    for item in pending:
        by_user.setdefault(item.user, []).append(item)
    for user, items in by_user.items():
        body = render_to_string("hub/email/notification.txt", {"user": user, "messages": items, "digest": True})
        with transaction.atomic():
            send_mail(f"Your daily digest from the hub: {len(items)} update(s)", body, None, [user.email])
            PendingNotification.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=now)
    return len(by_user)


def make_unsubscribe_token(kind: str, pk: int) -> str:
    return signing.dumps({"kind": kind, "pk": pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str, kind: str) -> int | None:
    """The subscription's primary key, or None if the token is forged or for another kind."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data.get("pk") if data.get("kind") == kind else None
