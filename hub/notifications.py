"""Notifications shared by the wiki (watching), the Q&A forum (following) and the hub's own events.

A subscription belongs to its own app and carries its frequency; this module only delivers:
`notify()` puts every message in the member's in-site inbox (hub/inbox.py), then, as the
subscription asks, emails it at once (after the surrounding transaction commits), keeps it for
the daily digest, which sends each member one email with everything waiting, or sends no email
at all (NO_EMAIL: the inbox only). Every email goes through the task queue (hub/mail.py), so no
request waits for the mail server.
Unsubscribe links carry a signed token naming what to stop, so they work without logging in.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.utils import timezone

from hub import inbox
from hub.models import PendingNotification
from hub.tasks import retrying_task

IMMEDIATE = "immediate"
DAILY = "daily"
NO_EMAIL = "none"
FREQUENCY_CHOICES = [
    (IMMEDIATE, "Email me straight away"),
    (DAILY, "One email a day (daily digest)"),
    (NO_EMAIL, "No email: only in my inbox"),
]
UNSUBSCRIBE_SALT = "hub.notifications.unsubscribe"


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    url: str  # absolute URL of what changed
    unsubscribe_url: str = ""  # absolute URL that stops this subscription
    kind: str = ""  # what it is about, for the inbox: "answer", "reply", "rating", "watch", ...


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify(user, message: Message, frequency: str) -> None:
    if not user.is_active:
        return
    inbox.add(user, message.subject, message.text, message.url, message.kind)
    if frequency == NO_EMAIL or not user.email:
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
    """Send every member with waiting notifications one digest email now. Returns how many were sent."""
    return sum(send_digest(user_id, now) for user_id in _members_with_pending())


def _members_with_pending() -> list[int]:
    pending = PendingNotification.objects.filter(sent_at__isnull=True)
    return list(pending.order_by("user_id").values_list("user_id", flat=True).distinct())


@transaction.atomic
def send_digest(user_id: int, now=None) -> int:
    """One member's digest: their waiting items are marked sent in the transaction that queues the
    email, so two runs at once (or a rerun) send it once. Returns 1 if an email went out."""
    pending = PendingNotification.objects.select_for_update().filter(user_id=user_id, sent_at__isnull=True)
    items = list(pending.select_related("user").order_by("pk"))
    if not items:
        return 0
    user = items[0].user
    body = render_to_string("hub/email/notification.txt", {"user": user, "messages": items, "digest": True})
    updates = f"{len(items)} update{pluralize(len(items))}"
    send_mail(f"Your daily digest from the hub: {updates}", body, None, [user.email])
    PendingNotification.objects.filter(pk__in=[item.pk for item in items]).update(sent_at=now or timezone.now())
    return 1


@retrying_task(queue_name="mail")
def send_digest_task(user_id: int) -> int:
    return send_digest(user_id)


@retrying_task(queue_name="mail")
def send_daily_digests() -> int:
    """Daily (settings.HUB_PERIODIC_TASKS): one digest task per member with waiting notifications."""
    members = _members_with_pending()
    for user_id in members:
        send_digest_task.enqueue(user_id)
    return len(members)


def make_unsubscribe_token(kind: str, pk: int) -> str:
    return signing.dumps({"kind": kind, "pk": pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str, kind: str) -> int | None:
    """The subscription's primary key, or None if the token is forged or for another kind."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data.get("pk") if data.get("kind") == kind else None
