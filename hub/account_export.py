"""The hub core's own part of a member's data export (hub/exports.py): the account, its email
addresses, the inbox and what the member follows."""

from allauth.account.models import EmailAddress

from hub import subscriptions
from hub.models import Notification


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
