"""What moderators do across the hub: the audit trail every action writes, account suspension, and
the queue's registry of sections (docs/adr/0081-moderation-audit-and-suspension.md).

- `record()` adds one `ModerationEntry` (who, what, on what, when, why). Each part's moderation
  service calls it inside the transaction of the action, so an action and its entry are written
  together or not at all. Entries are never changed: a restore is a new entry beside the hide.
- `suspend()` and `unsuspend()`: a suspended member may sign in and read, but every write is refused
  (`check_can_write`, called by each part's services) and their posts leave every list
  (hub/visibility.py). Parts that keep something per author (the search index) register a listener.
- The moderators' queue in the admin is composed from sections the parts register (`QueueSection`),
  so the hub shows the forum's flags and the wiki's reported discussion comments without importing
  either part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from hub import notifications, roles
from hub.models import ModerationEntry


class ModerationError(Exception):
    """A refused moderation action; `message` is for the moderator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Suspended(ModerationError):
    """A suspended member tried to write."""


SUSPENDED_MESSAGE = (
    "Your account is suspended: you can read the hub, but you cannot post, rate, report or edit. "
    "A moderator told you why in your inbox."
)


def is_moderator(user) -> bool:
    return bool(user is not None and user.is_authenticated and roles.user_has_role(user, roles.MODERATOR))


def require_moderator(user) -> None:
    if not is_moderator(user):
        raise ModerationError("Only moderators can do this.")


def check_can_write(user) -> None:
    """Refuse every write of a suspended member (each part's services call this first)."""
    if getattr(user, "suspended_at", None) is not None:
        raise Suspended(SUSPENDED_MESSAGE)


def _label(target) -> str:
    return str(getattr(target, "title", "") or target)[:200]


def record(
    moderator, action: str, target, *, reason: str = "", member=None, label: str = "", url: str = "", now=None
) -> ModerationEntry:
    """Add one entry to the audit trail. `target` is the model instance acted on (a post, a comment,
    an account); `member` is whose it is (its author, or the account itself)."""
    return ModerationEntry.objects.create(
        moderator=moderator,
        moderator_name=moderator.get_username() if moderator else "",
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        target=(label or _label(target))[:200],
        target_url=(url or (target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""))[:500],
        member=member,
        reason=reason.strip()[:300],
        created_at=now or timezone.now(),
    )


def trail(limit: int = 100) -> list[ModerationEntry]:
    """The newest entries, with the moderator and the member loaded."""
    return list(ModerationEntry.objects.select_related("moderator", "member")[:limit])


def entries_for(target) -> QuerySet:
    content_type = ContentType.objects.get_for_model(target)
    return ModerationEntry.objects.filter(content_type=content_type, object_id=str(target.pk))


# --- suspension ---------------------------------------------------------------------------------

_account_listeners: list[Callable[[int], None]] = []


def on_account_change(listener: Callable[[int], None]) -> None:
    """`listener(user_id)` runs after a member is suspended or the suspension is lifted (registered
    in a part's ready(): the search refreshes everything they wrote)."""
    if listener not in _account_listeners:
        _account_listeners.append(listener)


def _member_url(member) -> str:
    return reverse("hub:member", args=[member.get_username()])


@transaction.atomic
def suspend(moderator, member, reason: str, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    require_moderator(moderator)
    if not reason.strip():
        raise ModerationError("Give a reason for the suspension (the member will see it).")
    if member.pk == moderator.pk or member.is_superuser:
        raise ModerationError("This account cannot be suspended here.")
    if member.suspended_at is not None:
        raise ModerationError("This account is already suspended.")
    get_user_model().objects.filter(pk=member.pk).update(suspended_at=now)
    member.suspended_at = now
    record(moderator, ModerationEntry.SUSPEND, member, reason=reason, member=member, url=_member_url(member), now=now)
    _tell(member, "A moderator suspended your account", f"The reason: {reason.strip()}\n{SUSPENDED_MESSAGE}")
    _changed(member.pk)


@transaction.atomic
def unsuspend(moderator, member, reason: str = "", *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    require_moderator(moderator)
    if member.suspended_at is None:
        raise ModerationError("This account is not suspended.")
    get_user_model().objects.filter(pk=member.pk).update(suspended_at=None)
    member.suspended_at = None
    record(moderator, ModerationEntry.UNSUSPEND, member, reason=reason, member=member, url=_member_url(member), now=now)
    _tell(member, "A moderator lifted the suspension of your account", "You can post, rate and report again.")
    _changed(member.pk)


def _tell(member, subject: str, text: str) -> None:
    message = notifications.Message(subject=subject, text=text, url=notifications.absolute_url("/"), kind="moderation")
    notifications.notify(member, message, notifications.NO_EMAIL)


def _changed(user_id: int) -> None:
    for listener in _account_listeners:
        listener(user_id)


def suspended_members() -> list:
    return list(get_user_model().objects.filter(suspended_at__isnull=False).order_by("-suspended_at"))


# --- the queue's sections -----------------------------------------------------------------------


@dataclass(frozen=True)
class QueueSection:
    """A part's share of the moderators' queue: `load(request) -> dict` gives the context of its
    template (`<app>/moderation/<name>.html`, rendered with `section`); `order` sorts the sections."""

    name: str
    template: str
    load: Callable
    order: int = 100


_sections: dict[str, QueueSection] = {}


def register_section(section: QueueSection) -> None:
    _sections[section.name] = section


def sections(request) -> list[tuple[QueueSection, dict]]:
    return [(section, section.load(request)) for section in sorted(_sections.values(), key=lambda s: s.order)]
