"""eBay-style reputation: the feedback score and percentage positive computed from ratings, and privileges.

The score counts, for each rater and each ISO week (UTC), at most one point: the sign of the sum
of that rater's ratings of the member's posts in that week. A rating counts in the week it was
last changed. See docs/adr/0030-ebay-style-reputation.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.db.models.functions import TruncWeek

from hub import roles
from hub.feedback import percentage_positive
from qa.models import Rating

UTC = dt.UTC


@dataclass(frozen=True)
class Figures:
    score: int
    positive_weeks: int
    negative_weeks: int

    @property
    def percentage_positive(self) -> float | None:
        return percentage_positive(self.positive_weeks, self.negative_weeks)


NO_CHANGE = Figures(0, 0, 0)


def week_start(moment: dt.datetime) -> dt.date:
    """The Monday (UTC) of the ISO week that `moment` falls in."""
    day = moment.astimezone(UTC).date()
    return day - dt.timedelta(days=day.weekday())


def window_start(now: dt.datetime) -> dt.date:
    """The first week of the 12-month window: the week containing the moment a year before `now`."""
    return week_start(now - dt.timedelta(days=365))


def rater_weeks(recipient_id: int):
    """(rater_id, week, total) for every rater-week of ratings the member received that count."""
    return (
        Rating.objects.filter(recipient_id=recipient_id, held=False)
        .annotate(week=TruncWeek("updated_at", tzinfo=UTC))
        .values("rater_id", "week")
        .annotate(total=Sum("value"))
        .values_list("rater_id", "week", "total")
        .order_by()
    )


def figures_from_rows(rows, now: dt.datetime) -> Figures:
    first_week = window_start(now)
    score = positive = negative = 0
    for _rater, week, total in rows:
        sign = (total > 0) - (total < 0)
        score += sign
        in_window = _as_date(week) >= first_week
        positive += int(in_window and sign > 0)
        negative += int(in_window and sign < 0)
    return Figures(score, positive, negative)


def _as_date(week) -> dt.date:
    return week.astimezone(UTC).date() if isinstance(week, dt.datetime) else week


def _sign(total: int) -> int:
    return (total > 0) - (total < 0)


def change(before: dict[dt.date, int], after: dict[dt.date, int], now: dt.datetime) -> Figures:
    """How a member's figures move when one rater's week totals go from `before` to `after`.

    Only the weeks given are compared (the one or two a rating write touched): every other rater-week
    keeps its point, so the difference of these weeks' points is the difference of the figures. Each
    field of the result is a delta and may be negative."""
    first_week = window_start(now)
    score = positive = negative = 0
    for week in before.keys() | after.keys():
        old, new = _sign(before.get(week, 0)), _sign(after.get(week, 0))
        score += new - old
        if week >= first_week:
            positive += int(new > 0) - int(old > 0)
            negative += int(new < 0) - int(old < 0)
    return Figures(score, positive, negative)


def compute(recipient_id: int, now: dt.datetime) -> Figures:
    return figures_from_rows(rater_weeks(recipient_id), now)


def store(user_id: int, figures: Figures, now: dt.datetime | None = None) -> None:
    """Store figures computed from every row. Given `now` (the moment they were computed for), the
    member's window start is stored too, so that later ratings may move them by deltas (`add`)."""
    get_user_model().objects.filter(pk=user_id).update(
        feedback_score=figures.score,
        feedback_positive_weeks=figures.positive_weeks,
        feedback_negative_weeks=figures.negative_weeks,
        feedback_window_start=window_start(now) if now else None,
    )


def deltas_apply(user, now: dt.datetime) -> bool:
    """May a rating move `user`'s stored figures by deltas? Only while their week counts were made
    for the window that holds at `now`: once the window has moved on, the oldest week must leave
    them, which takes a full recount (`compute`)."""
    return user.feedback_window_start == window_start(now)


def moved(delta: Figures) -> dict[str, int]:
    """How far each stored field of the member's figures moves by `delta`, for one UPDATE of their
    row that adds these amounts (the caller holds the member's row lock, so nothing else moves them
    meanwhile); a rating adds its inbox count in the same statement. Empty when nothing moves."""
    if delta == NO_CHANGE:
        return {}
    return {
        "feedback_score": delta.score,
        "feedback_positive_weeks": delta.positive_weeks,
        "feedback_negative_weeks": delta.negative_weeks,
    }


def stored(user) -> Figures:
    return Figures(user.feedback_score, user.feedback_positive_weeks, user.feedback_negative_weeks)


# --- Privileges -------------------------------------------------------------------------------

RATE_NEGATIVE = "rate_negative"
CREATE_TAGS = "create_tags"
EDIT_OTHERS = "edit_others"
CLOSE_DUPLICATES = "close_duplicates"
PRIVILEGE_LABELS = {
    RATE_NEGATIVE: "give negative ratings",
    CREATE_TAGS: "create new tags",
    EDIT_OTHERS: "edit other members' posts",
    CLOSE_DUPLICATES: "close and reopen duplicates",
}


def privilege_threshold(privilege: str) -> int:
    return settings.QA_PRIVILEGES[privilege]


def has_privilege(user, privilege: str) -> bool:
    """Members earn privileges by feedback score; Organisers and Moderators hold them all."""
    if not user.is_authenticated:
        return False
    if roles.user_has_role(user, roles.ORGANISER) or roles.user_has_role(user, roles.MODERATOR):
        return True
    return user.feedback_score >= privilege_threshold(privilege)


def is_moderator(user) -> bool:
    return roles.user_has_role(user, roles.MODERATOR)
