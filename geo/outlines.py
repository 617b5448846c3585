"""Council-area outlines projected to the British National Grid, ready to draw as plain shapes.

Plotly's geographic choropleth fetches a world basemap from a CDN before it draws anything, so
it shows an empty map offline. Drawing the outlines as filled shapes on ordinary axes needs no
network at all, keeps Scotland's true proportions (metres on the National Grid), and lets the
same chart code draw the equal-area tile layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon

from geo.boundaries import load_boundaries

BRITISH_NATIONAL_GRID = "EPSG:27700"
# Coordinates are whole multiples of 100 m: far finer than a pixel at Scotland scale (about
# 1.3 km), and short integers keep the map figure small (it is re-sent on every change).
GRID_M = 100


@dataclass(frozen=True, slots=True)
class Outline:
    """One area's rings as x/y lists (None between rings) and a point inside it for labels."""

    code: str
    name: str
    xs: tuple[float | None, ...]
    ys: tuple[float | None, ...]
    label_x: float
    label_y: float


def _rings(geometry: Polygon | MultiPolygon) -> list[list[tuple[float, float]]]:
    polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    rings: list[list[tuple[float, float]]] = []
    for polygon in polygons:
        rings.append([(float(x), float(y)) for x, y, *_ in polygon.exterior.coords])
        rings += [[(float(x), float(y)) for x, y, *_ in ring.coords] for ring in polygon.interiors]
    return rings


@cache
def projected_outlines(boundaries_path: Path | None = None) -> tuple[Outline, ...]:
    """Every council area's outline in units of 100 m on the National Grid, ordered by code,
    from the committed boundaries or from the GeoJSON at `boundaries_path` (a refresh's)."""
    frame = load_boundaries(boundaries_path).to_crs(BRITISH_NATIONAL_GRID).sort_values("area_code")
    outlines = []
    for row in frame.itertuples(index=False):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in _rings(row.geometry):
            xs += [round(x / GRID_M) for x, _ in ring] + [None]
            ys += [round(y / GRID_M) for _, y in ring] + [None]
        point = row.geometry.representative_point()
        outlines.append(
            Outline(
                str(row.area_code),
                str(row.area_name),
                tuple(xs),
                tuple(ys),
                point.x / GRID_M,
                point.y / GRID_M,
            )
        )
    return tuple(outlines)
