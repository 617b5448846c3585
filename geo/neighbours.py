"""Which council areas border each other, from the committed boundaries, for "compare with
neighbours" views.

Borders are exact: the build makes neighbouring councils share identical border lines, so two
areas border each other when their outlines share a stretch of line (touching at a single point
does not count). Orkney, Shetland and Na h-Eileanan Siar have no land border, so they get
their two nearest areas instead, measured boundary to boundary on the British National Grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import shapely

from geo.boundaries import load_boundaries
from geo.council_areas import area_name, council_code

NEAREST_COUNT = 2
# Equal-distance metres on the British National Grid, for boundary-to-boundary distances.
DISTANCE_CRS = "EPSG:27700"

Relation = Literal["border", "nearest"]


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A council area next to another, and whether it shares a land border or is just nearest."""

    code: str
    name: str
    relation: Relation


@cache
def _adjacency() -> dict[str, tuple[str, ...]]:
    """Border neighbours of every council area, sorted by name (computed once)."""
    frame = load_boundaries()
    codes = frame["area_code"].tolist()
    geometries = frame.geometry.to_numpy()
    borders: dict[str, set[str]] = {code: set() for code in codes}
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        shared = shapely.intersection(geometries[a].boundary, geometries[b].boundary)
        if a != b and shapely.length(shared) > 0:
            borders[codes[a]].add(codes[b])
            borders[codes[b]].add(codes[a])
    return {code: tuple(sorted(found, key=area_name)) for code, found in borders.items()}


@cache
def _nearest() -> dict[str, tuple[str, ...]]:
    """For each area without a land border, the NEAREST_COUNT closest areas, nearest first."""
    frame = load_boundaries().to_crs(DISTANCE_CRS).set_index("area_code")
    nearest: dict[str, tuple[str, ...]] = {}
    for code, borders in _adjacency().items():
        if borders:
            continue
        others = frame.drop(index=code)
        distances = others.geometry.distance(frame.geometry[code])
        ranked = sorted(zip(distances.tolist(), others.index.tolist(), strict=True))
        nearest[code] = tuple(other for _, other in ranked[:NEAREST_COUNT])
    return nearest


def bordering_areas(code: str) -> tuple[str, ...]:
    """Codes of the council areas sharing a land border with `code`, sorted by name.

    Old codes are accepted. Raises UnknownAreaError for anything that is not a council area.
    """
    return _adjacency()[council_code(code)]


def geographic_neighbours(code: str) -> tuple[Neighbour, ...]:
    """The areas to compare `code` with: its border neighbours (by name) or, for the island
    councils with no land border, the NEAREST_COUNT nearest areas (nearest first).

    Old codes are accepted. Raises UnknownAreaError for anything that is not a council area.
    """
    current = council_code(code)
    borders = _adjacency()[current]
    if borders:
        return tuple(Neighbour(other, area_name(other), "border") for other in borders)
    return tuple(Neighbour(other, area_name(other), "nearest") for other in _nearest()[current])
