"""An organiser's progress worked out from their records: pure functions, no queries.

Overdue rule: a stage with `due_month` (Confirmation of plan: 7, Graduation: 13) is overdue from
the day after that many calendar months have passed since the organiser's Foundations date, while
it has no record. Without a Foundations date nothing is measured.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from pathway.models import Stage, StageRecord


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class StageStatus:
    stage: Stage
    completed_on: dt.date | None
    due_on: dt.date | None
    overdue: bool

    @property
    def done(self) -> bool:
        return self.completed_on is not None


@dataclass
class Progress:
    stages: list[StageStatus]
    foundations_on: dt.date | None
    current: Stage | None  # the stage after the furthest one done; None once graduated
    graduated_on: dt.date | None
    overdue: list[StageStatus] = field(default_factory=list)

    @property
    def done(self) -> list[StageStatus]:
        return [status for status in self.stages if status.done]

    @property
    def furthest(self) -> StageStatus | None:
        done = self.done
        return done[-1] if done else None


def _foundations_date(stages: list[Stage], dates: dict[int, dt.date]) -> dt.date | None:
    first = next((stage for stage in stages if stage.kind == Stage.FOUNDATIONS), None)
    return dates.get(first.pk) if first else None


def progress_for(stages: list[Stage], records: list[StageRecord], today: dt.date) -> Progress:
    """`stages` in pathway order; `records` of one organiser."""
    dates = {record.stage_id: record.completed_on for record in records}
    foundations_on = _foundations_date(stages, dates)
    statuses = []
    for stage in stages:
        due_on = add_months(foundations_on, stage.due_month) if foundations_on and stage.due_month else None
        overdue = due_on is not None and stage.pk not in dates and today > due_on
        statuses.append(StageStatus(stage, dates.get(stage.pk), due_on, overdue))
    furthest = max((index for index, status in enumerate(statuses) if status.done), default=-1)
    graduation = next((s for s in statuses if s.stage.kind == Stage.GRADUATION), None)
    graduated_on = graduation.completed_on if graduation else None
    current = None if graduated_on or furthest + 1 >= len(statuses) else statuses[furthest + 1].stage
    return Progress(statuses, foundations_on, current, graduated_on, [s for s in statuses if s.overdue])
