"""The map page's drawing: an SVG of Great Britain and Ireland with a marker for each place.

Positions are projected with a plain equirectangular projection, its east-west scale taken at the
map's middle latitude, which keeps the shapes recognisable at this size. No tiles, no other site.
"""

import math
from dataclasses import dataclass

from profiles.map_outline import EAST, NORTH, SHAPES, SOUTH, WEST
from profiles.models import REGION_CHOICES, HostProfilePage

SCALE = 100  # SVG units per degree of latitude
X_SCALE = SCALE * math.cos(math.radians((NORTH + SOUTH) / 2))
WIDTH = round((EAST - WEST) * X_SCALE)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    return round((longitude - WEST) * X_SCALE, 1), round((NORTH - latitude) * SCALE, 1)


def outline_paths() -> list[str]:
    """One SVG path per coastline shape."""
    paths = []
    for shape in SHAPES:
        points = [project(lat, lon) for lat, lon in shape]
        paths.append("M" + " L".join(f"{x},{y}" for x, y in points) + " Z")
    return paths


@dataclass(frozen=True)
class Marker:
    place: HostProfilePage
    x: float
    y: float

    @property
    def diamond(self) -> str:
        """Exemplar projects are diamonds, hosts circles: the shape tells them apart, not only colour."""
        size = 14
        return f"{self.x},{self.y - size} {self.x + size},{self.y} {self.x},{self.y + size} {self.x - size},{self.y}"


def markers(places: list[HostProfilePage]) -> list[Marker]:
    return [Marker(place, *project(float(place.latitude), float(place.longitude))) for place in places if place.on_map]


def by_region(places: list[HostProfilePage]) -> list[tuple[str, list[HostProfilePage]]]:
    """The list without JavaScript or sight: regions in a fixed order, places by name, unplaced last."""
    labels = dict(REGION_CHOICES)
    grouped: dict[str, list[HostProfilePage]] = {}
    for place in sorted(places, key=lambda item: item.title.lower()):
        grouped.setdefault(place.region, []).append(place)
    ordered = [(labels[key], grouped[key]) for key, _ in REGION_CHOICES if key in grouped]
    if "" in grouped:
        ordered.append(("Region not given", grouped[""]))
    return ordered
