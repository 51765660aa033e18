"""One row for one submission. A double click, a browser's retry or a resent API call must not store a
question, answer or comment twice: the member is shown the row that was stored. See docs/adr/0054.

A repeat is either the same form again (its hidden `submission_token`, rendered by the
`{% submission_token %}` tag, or an API call's `Idempotency-Key` header) or the same text from the
same member on the same target within `settings.HUB_REPEAT_WINDOW_SECONDS`. A service that stores
a submission does, inside its transaction::

    submissions.hold(author)                       # one submission of a member at a time
    earlier = submissions.earlier(author, token, Comment, same_text_queryset)
    if earlier: return submissions.as_repeat(earlier)
    ... create the row ...
    submissions.remember(author, token, row)

and the view tells the member "you had posted this already" when `is_repeat(row)`.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from hub.models import SubmissionToken

FIELD = "submission_token"
_TOKEN = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def clean_token(value: str | None) -> str:
    """A usable token, or "" for a missing or malformed one (which then only the text check covers)."""
    value = (value or "").strip()
    return value if _TOKEN.match(value) else ""


def token_from(request) -> str:
    """The form's hidden token, or the API's Idempotency-Key header."""
    return clean_token(request.POST.get(FIELD) or request.headers.get("Idempotency-Key"))


def hold(user) -> None:
    """Lock the member's row until the transaction ends: their submissions are checked one at a time."""
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))


def earlier(
    user,
    token: str,
    model: type[models.Model],
    same_text: models.QuerySet,
    since_field: str = "created_at",
    now: dt.datetime | None = None,
):
    """The row this submission repeats, if any: the one stored for the same token, or the latest with
    the same text (`same_text`, already narrowed to this member and target) within the window."""
    if token:
        record = SubmissionToken.objects.filter(user=user, token=token).first()
        if record and record.content_type_id == ContentType.objects.get_for_model(model).pk:
            found = model._default_manager.filter(pk=record.object_id).first()
            if found is not None:
                return found
    since = (now or timezone.now()) - dt.timedelta(seconds=settings.HUB_REPEAT_WINDOW_SECONDS)
    return same_text.filter(**{f"{since_field}__gte": since}).order_by("-pk").first()


def remember(user, token: str, row: models.Model) -> None:
    if token:
        SubmissionToken.objects.create(
            user=user, token=token, content_type=ContentType.objects.get_for_model(row), object_id=str(row.pk)
        )


def as_repeat(row: models.Model) -> models.Model:
    row.is_repeat = True
    return row


def is_repeat(row: models.Model) -> bool:
    return getattr(row, "is_repeat", False)
