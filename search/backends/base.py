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

    @property
    def kind_keys(self) -> tuple[str, ...]:
        """Kinds in the one normal form every backend compares (as terms.kind_key and the facets)."""
        return tuple(dict.fromkeys(kind.strip().lower() for kind in self.kinds if kind.strip()))

    def admits(self, entry) -> bool:
        """Whether an index entry passes these filters (for entries found outside the full-text match)."""
        tags = {tag.strip().lower() for tag in entry.tag_list}
        return (
            (not self.kinds or entry.kind.strip().lower() in self.kind_keys)
            and all(tag.strip().lower() in tags for tag in self.tags)
            and (not self.area or (entry.area or "").strip().lower() == self.area.strip().lower())
            and (self.answered is None or entry.answered == self.answered)
        )


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
    estimated: bool = False  # total and counts are estimates (very broad queries on PostgreSQL)
    broadened: bool = False  # too few documents held every word: these hold some of them
    every_total: int | None = None  # documents holding every concept (None: the same as total)

    @property
    def complete_matches(self) -> int:
        return self.total if self.every_total is None else self.every_total


class BackendUnavailable(Exception):
    """The backend could not answer (down, timed out, refused): the service falls back."""
