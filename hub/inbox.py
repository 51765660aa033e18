"""The in-site inbox: every notification a member gets, read or unread, whatever emails they chose.

`hub.notifications.notify()` puts each message here first; email is an option on top, per
subscription. The member's unread count is stored on their user row (`unread_notifications`), so
the bell in every page's header costs no query; every write here keeps it equal to the rows.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from hub.compiled import insert
from hub.models import Notification


def add(user, subject: str, text: str, url: str, kind: str = "") -> Notification:
    # No savepoint: the two writes stand or fall with the caller's transaction (two round trips fewer).
    with transaction.atomic(savepoint=False):
        item = add_uncounted(user, subject, text, url, kind)
        get_user_model().objects.filter(pk=user.pk).update(**{UNREAD_COUNT: F(UNREAD_COUNT) + 1})
    return item


UNREAD_COUNT = "unread_notifications"  # the field of the member's row that counts unread messages


def add_uncounted(user, subject: str, text: str, url: str, kind: str = "") -> Notification:
    """The message's row only, for a write that updates the member's row anyway (a rating moves
    their figures): that update adds one to `UNREAD_COUNT`, in the same transaction, so the unread
    count costs no statement of its own (qa/services/ratings.py, docs/adr/0109)."""
    # One of every rating's statements: written once, run prepared (hub.compiled.insert).
    return insert(Notification(user=user, kind=kind[:40], subject=subject[:200], text=text, url=url[:500]))


def for_user(user) -> QuerySet:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def _recount(user_id: int) -> int:
    """Store the member's unread count from the rows (one statement) and return it."""
    unread = (
        Notification.objects.filter(user_id=user_id, read_at__isnull=True)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    users = get_user_model().objects.filter(pk=user_id)
    users.update(unread_notifications=Coalesce(unread, 0))
    return users.values_list("unread_notifications", flat=True).first() or 0


def mark_read(user, pk: int) -> Notification | None:
    """Mark one of `user`'s messages read; None if it is not theirs."""
    item = Notification.objects.filter(user=user, pk=pk).first()
    if item is not None and item.read_at is None:
        Notification.objects.filter(pk=item.pk).update(read_at=timezone.now())
        user.unread_notifications = _recount(user.pk)
    return item


def mark_unread(user, pk: int) -> bool:
    changed = Notification.objects.filter(user=user, pk=pk).exclude(read_at__isnull=True).update(read_at=None)
    user.unread_notifications = _recount(user.pk)
    return bool(changed)


def mark_all_read(user) -> int:
    changed = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    user.unread_notifications = _recount(user.pk)
    return changed
