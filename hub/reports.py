"""Reports on things that have no report of their own in their part (profiles), for the moderators'
queue (docs/adr/0081). A part registers what may be reported (`Reportable`) in its ready(); the
forum's flags and the discussions' comment reports stay where they are.

A report is refused to signed-out visitors and suspended members, limited per member
("report" in HUB_RATE_LIMITS), and open once per member and thing. A moderator dismisses it, or takes
a reported page offline (Wagtail's unpublish) with a reason, and can put it back; each decision is in
the audit trail and the owner is told in their inbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page

from hub import moderation, notifications, ratelimit
from hub.models import ModerationEntry, Report


@dataclass(frozen=True)
class Reportable:
    kind: str  # in addresses: /report/<kind>/<id>/
    label: str  # "profile"
    queryset: Callable[[], QuerySet]  # every row of the kind (moderators act on offline ones too)
    owner: Callable  # (obj) -> the member it belongs to, or None


_kinds: dict[str, Reportable] = {}


def register(reportable: Reportable) -> None:
    _kinds[reportable.kind] = reportable


def reportable(kind: str) -> Reportable | None:
    return _kinds.get(kind)


def target_of(report: Report):
    kind = reportable(report.kind)
    return kind.queryset().filter(pk=report.object_id).first() if kind else None


@transaction.atomic
def report(reporter, kind: str, target, reason: str, note: str = "", *, now: dt.datetime | None = None) -> Report:
    if not reporter.is_authenticated:
        raise moderation.ModerationError("Sign in to report this.")
    moderation.check_can_write(reporter)
    if reason not in dict(Report.REASON_CHOICES):
        raise moderation.ModerationError("Choose why you are reporting this.")
    if reason == Report.OTHER and not note.strip():
        raise moderation.ModerationError("Say briefly what is wrong.")
    ratelimit.consume("report", f"user:{reporter.pk}")
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter, kind=kind, object_id=target.pk, reason=reason, note=note.strip()[:300],
                created_at=now or timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        raise moderation.ModerationError("You have already reported this; a moderator will look at it.") from None


def open_reports() -> list[tuple[Report, object]]:
    """Open reports with what they are about, loaded with one query per kind."""
    reports = list(Report.objects.filter(status=Report.OPEN).select_related("reporter"))
    targets: dict[tuple[str, int], object] = {}
    for kind in {item.kind for item in reports}:
        registered = reportable(kind)
        if registered:
            ids = [item.object_id for item in reports if item.kind == kind]
            targets.update({(kind, obj.pk): obj for obj in registered.queryset().filter(pk__in=ids)})
    return [(item, targets.get((item.kind, item.object_id))) for item in reports]


def _close(target_kind: str, target, moderator, status: str, now) -> None:
    Report.objects.filter(kind=target_kind, object_id=target.pk, status=Report.OPEN).update(
        status=status, resolved_by=moderator, resolved_at=now
    )


def _record(moderator, action: str, kind: str, target, reason: str, now) -> None:
    target = target.specific if isinstance(target, Page) else target  # its own kind, in the audit trail
    owner = reportable(kind).owner(target)
    url = target.url if isinstance(target, Page) else ""
    label = f"{reportable(kind).label.capitalize()} “{target}”"
    moderation.record(moderator, action, target, reason=reason, member=owner, label=label, url=url or "", now=now)
    if owner is not None and action in (ModerationEntry.HIDE, ModerationEntry.RESTORE):
        words = "took your {label} offline" if action == ModerationEntry.HIDE else "put your {label} back online"
        subject = f"A moderator {words.format(label=reportable(kind).label)}"
        message = notifications.Message(subject=subject, text=f"The reason: {reason}" if reason else "",
                                         url=notifications.absolute_url("/"), kind="moderation")  # fmt: skip
        notifications.notify(owner, message, notifications.NO_EMAIL)


@transaction.atomic
def dismiss(moderator, item: Report, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    moderation.require_moderator(moderator)
    target = target_of(item)
    _close(item.kind, target or item, moderator, Report.DISMISSED, now)
    if target is not None:
        why = f"{item.get_reason_display()}: {item.note}".strip(": ")
        _record(moderator, ModerationEntry.DISMISS, item.kind, target, why, now)


@transaction.atomic
def take_offline(moderator, kind: str, target, reason: str, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    moderation.require_moderator(moderator)
    if not reason.strip():
        raise moderation.ModerationError("Give a reason for taking it offline (its owner will see it).")
    if not isinstance(target, Page) or not target.live:
        raise moderation.ModerationError("This is not online.")
    target.specific.unpublish(user=moderator)
    _close(kind, target, moderator, Report.ACTIONED, now)
    _record(moderator, ModerationEntry.HIDE, kind, target, reason.strip(), now)


@transaction.atomic
def put_back(moderator, kind: str, target, reason: str = "", *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    moderation.require_moderator(moderator)
    revision = target.get_latest_revision() if isinstance(target, Page) and not target.live else None
    if revision is None:
        raise moderation.ModerationError("This is online already, or was never published.")
    revision.publish(user=moderator)
    _record(moderator, ModerationEntry.RESTORE, kind, target, reason.strip(), now)


def queue_section(request) -> dict:
    """Reports on profiles (and anything else registered) for the moderators' queue."""
    return {"reports": open_reports(), "offline": _offline()}


def _offline() -> list[tuple[str, object]]:
    """Reported kinds of page that a moderator took offline and that are not back yet."""
    rows = []
    for kind, registered in _kinds.items():
        offline = {str(obj.pk): obj for obj in registered.queryset().filter(live=False)}
        taken = ModerationEntry.objects.filter(action=ModerationEntry.HIDE, object_id__in=list(offline))
        for object_id in dict.fromkeys(taken.values_list("object_id", flat=True)):
            rows.append((kind, offline[object_id]))
    return rows
