"""The places an organiser can visit: host organisations and exemplar projects.

They are profiles, which this part never imports. The layer above both sets the source once, from
its AppConfig.ready() (home/apps.py); without one, visits are typed in by name.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    page_id: int
    name: str
    town: str = ""
    is_exemplar: bool = False

    @property
    def label(self) -> str:
        kind = "exemplar project" if self.is_exemplar else "host"
        return f"{self.name} ({kind}{', ' + self.town if self.town else ''})"


PlaceSource = Callable[[object], list[Place]]  # the visitor -> the places they may see
_source: PlaceSource | None = None


def set_source(source: PlaceSource | None) -> None:
    global _source
    _source = source


def visit_places(user) -> list[Place]:
    return _source(user) if _source else []
