"""What every backend receives and returns, so the service can swap them freely."""

from __future__ import annotations

from dataclasses import dataclass, field

RELEVANCE = "relevance"
NEWEST = "newest"
SORTS = (RELEVANCE, NEWEST)


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    area: str = ""
    answered: bool | None = None

    def without_kinds(self) -> Filters:
        return Filters(tags=self.tags, area=self.area, answered=self.answered)

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.tags or self.area or self.answered is not None)


@dataclass
class RawHit:
    """One result as a backend found it: the entry's fields and, if the backend made one, a snippet."""

    entry: object  # an IndexEntry, or an object with the same attributes
    score: float
    snippet_html: str | None = None  # already escaped, with <mark> around matches


@dataclass
class RawResults:
    hits: list[RawHit]
    total: int
    kind_counts: dict[str, int] = field(default_factory=dict)
    tag_counts: dict[str, int] = field(default_factory=dict)


class BackendUnavailable(Exception):
    """The backend could not answer (down, timed out, refused): the service falls back."""
