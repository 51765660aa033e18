"""The hub core's own part of a member's data export (hub/exports.py): the account, its email
addresses, the inbox, what the member follows, and what they reported to the moderators (profiles
through hub/reports.py, discussion comments through the comments library's flags)."""

from allauth.account.models import EmailAddress
from django_comments.models import CommentFlag

from hub import subscriptions
from hub.models import Notification, Report


def account(user) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "public_name": user.public_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "avatar": user.avatar.name or None,
        "feedback_score": user.feedback_score,
        "suspended_at": user.suspended_at,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
    }


def inbox(user) -> list[dict]:
    return [
        {
            "kind": item.kind,
            "subject": item.subject,
            "text": item.text,
            "url": item.url,
            "created_at": item.created_at,
            "read_at": item.read_at,
        }
        for item in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


def following(user) -> list[dict]:
    return [
        {
            "kind": item.kind,
            "title": item.title,
            "url": item.url,
            "frequency": item.frequency,
            "since": item.created_at,
        }
        for item in subscriptions.for_user(user)
    ]


def reports(user) -> list[dict]:
    return [
        {
            "about": report.kind,
            "id": report.object_id,
            "reason": report.get_reason_display(),
            "note": report.note,
            "created_at": report.created_at,
        }
        for report in Report.objects.filter(reporter=user).order_by("created_at", "pk")
    ]


def discussion_reports(user) -> list[dict]:
    """Flags the member put on discussion comments (the library's CommentFlag rows)."""
    return [
        {"comment_id": flag.comment_id, "flag": flag.flag, "flagged_at": flag.flag_date}
        for flag in CommentFlag.objects.filter(user=user).order_by("flag_date", "pk")
    ]
