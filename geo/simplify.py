"""Simplify the council-area boundaries so neighbours keep one shared border line.

Each arc of a TopoJSON topology (a stretch of border between two junctions) is simplified once
(Douglas-Peucker, with longitudes scaled to ground distance) and every polygon is rebuilt from
the simplified arcs, so two neighbouring councils share exactly the same border line: no gaps
or slivers at any zoom. An arc that would cross another is re-simplified with less tolerance.
Used by `python -m geo.build` on the committed ONS TopoJSON and by the live refresh on the
boundaries it fetches (data_sources.live.ons_boundaries).
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.council_areas import UnknownAreaError, council_areas, normalise_code
from geo.topojson import (
    Arc,
    ArcPolygon,
    Point,
    TopoGeometry,
    decode_arcs,
    object_geometries,
    stitch_ring,
)

TOPOJSON_OBJECT = "ltla"
COUNCIL_CODE_PREFIX = "S12"
# Douglas-Peucker tolerance, in degrees of latitude (longitudes are scaled by cos 57°N first so
# the tolerance means the same ground distance east-west as north-south). 0.003° ≈ 330 m: about
# a third of a pixel on a whole-Scotland map, and a few pixels when zoomed to one city.
SIMPLIFY_TOLERANCE_DEG = 0.003
REFERENCE_LATITUDE_DEG = 57.0
# 4 decimals is ~11 m north-south and ~6 m east-west, about the source's own quantisation step.
COORDINATE_DECIMALS = 4
# Islands smaller than this (15 hectares) cannot be seen on a Scotland map, yet hundreds of
# them would make up a large share of the vertices.
MIN_ISLAND_KM2 = 0.15
KM_PER_DEGREE_LATITUDE = 111.32
# An arc that would cross another is re-simplified with half the tolerance, at most this many
# times before it is kept as published.
MAX_TOLERANCE_HALVINGS = 6
# Arcs are simplified in pieces of this many source points, so that a conflict forces extra
# detail only locally.
PIECE_VERTICES = 40
# Shared arcs make neighbours meet exactly; anything above float noise is a real overlap.
MAX_OVERLAP_DEG2 = 1e-10


class BuildError(ValueError):
    """Raised when an input is missing or malformed; nothing has been written when it is."""


def current_council_geometries(topology: Mapping[str, Any]) -> dict[str, TopoGeometry]:
    """The 32 current council areas in the topology's `ltla` object, keyed by code.

    Current means an S12 code with no "end" year; the file also keeps the four councils'
    pre-2018/2019 versions with an "end" year.

    Raises:
        BuildError: on an unknown or outdated code, a duplicate, or a missing council.
    """
    found: dict[str, TopoGeometry] = {}
    for geometry in object_geometries(topology, TOPOJSON_OBJECT):
        code = str(geometry.properties.get("areacd", ""))
        if not code.startswith(COUNCIL_CODE_PREFIX) or "end" in geometry.properties:
            continue
        try:
            current = normalise_code(code)
        except UnknownAreaError as error:
            raise BuildError(f"boundary file has an unknown council area code: {error}") from error
        if current != code:
            raise BuildError(
                f"boundary file has {code} ({geometry.properties.get('areanm')}) without an end "
                f"year, but that code was replaced by {current}; the file is out of date."
            )
        if code in found:
            raise BuildError(f"boundary file has council area {code} more than once")
        found[code] = geometry
    expected = {area.code: area.name for area in council_areas()}
    missing = sorted(set(expected) - set(found))
    if missing:
        listed = ", ".join(f"{code} ({expected[code]})" for code in missing)
        raise BuildError(
            f"boundary file has {len(found)} current council areas, expected {len(expected)}; "
            f"missing: {listed}"
        )
    return found


# --- geometry ----------------------------------------------------------------------------------


def _segment_distance(point: Point, start: Point, end: Point, x_scale: float) -> float:
    """Distance from `point` to the segment start-end, with longitudes multiplied by x_scale."""
    px, py = point[0] * x_scale, point[1]
    ax, ay = start[0] * x_scale, start[1]
    bx, by = end[0] * x_scale, end[1]
    dx, dy = bx - ax, by - ay
    length_squared = dx * dx + dy * dy
    if length_squared == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length_squared))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify_arc(points: Sequence[Point], tolerance: float) -> Arc:
    """Douglas-Peucker simplification that always keeps both ends of the arc.

    Written out rather than taken from GEOS so that which vertices are kept cannot change with
    the GEOS version, and so that a closed arc (an island) keeps its start point.
    """
    count = len(points)
    if count < 3 or tolerance <= 0:
        return list(points)
    x_scale = math.cos(math.radians(REFERENCE_LATITUDE_DEG))
    keep = [False] * count
    keep[0] = keep[-1] = True
    stack = [(0, count - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = -1, tolerance
        for index in range(first + 1, last):
            d = _segment_distance(points[index], points[first], points[last], x_scale)
            if d > distance:
                farthest, distance = index, d
        if farthest > 0:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _round_point(point: Point) -> Point:
    return (round(point[0], COORDINATE_DECIMALS), round(point[1], COORDINATE_DECIMALS))


def _without_repeats(points: Iterable[Point]) -> list[Point]:
    result: list[Point] = []
    for point in points:
        if not result or point != result[-1]:
            result.append(point)
    return result


def _ring_area_km2(ring: Sequence[Point]) -> float:
    """Approximate area of a closed lon/lat ring (shoelace, scaled at the ring's latitude)."""
    twice_area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    latitude = sum(y for _, y in ring) / len(ring)
    km_per_degree_longitude = KM_PER_DEGREE_LATITUDE * math.cos(math.radians(latitude))
    return abs(twice_area) / 2 * KM_PER_DEGREE_LATITUDE * km_per_degree_longitude


def _arc_index(index: int) -> int:
    return index if index >= 0 else ~index


def _arc_uses(polygons: Iterable[ArcPolygon]) -> Counter[int]:
    return Counter(_arc_index(i) for polygon in polygons for ring in polygon for i in ring)


def kept_polygons(
    geometries: Mapping[str, TopoGeometry], arcs: Sequence[Arc]
) -> dict[str, list[ArcPolygon]]:
    """Each area's polygons without islands smaller than MIN_ISLAND_KM2 (measured unsimplified).

    An island here is a part none of whose arcs is shared with another council, so dropping it
    can never open a gap against a neighbour.
    """
    uses = _arc_uses(polygon for geometry in geometries.values() for polygon in geometry.polygons)
    kept: dict[str, list[ArcPolygon]] = {}
    for code, geometry in geometries.items():
        kept[code] = [
            polygon
            for polygon in geometry.polygons
            if any(uses[_arc_index(i)] > 1 for ring in polygon for i in ring)
            or _ring_area_km2(stitch_ring(arcs, polygon[0])) >= MIN_ISLAND_KM2
        ]
    return kept


def crossing_lines(lines: Sequence[Sequence[Point]]) -> set[int]:
    """Indices of lines that cross or touch themselves or another line except at a shared end.

    In the source, arcs meet only at their ends; simplifying and rounding can make a narrow
    estuary's banks cross, which would leave an invalid polygon or, between two councils, an
    overlap.
    """
    conflicts: set[int] = set()
    shapes: list[LineString] = []
    owners: list[int] = []
    for index, points in enumerate(lines):
        if len(points) < 2:
            continue  # collapsed to a single point: it can only meet others at that point
        line = LineString(points)
        if not line.is_simple:
            conflicts.add(index)
        shapes.append(line)
        owners.append(index)
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        if a >= b:
            continue
        first, second = lines[owners[a]], lines[owners[b]]
        shared_ends = {first[0], first[-1]} & {second[0], second[-1]}
        crossing = shapes[a].intersection(shapes[b])
        if shared_ends:
            crossing = crossing.difference(shapely.MultiPoint(sorted(shared_ends)))
        if not crossing.is_empty:
            conflicts.update((owners[a], owners[b]))
    return conflicts


def _pieces(arc: Sequence[Point]) -> list[tuple[int, int]]:
    """Split points 0..n-1 into (start, stop) pieces of at most PIECE_VERTICES that share ends."""
    last = len(arc) - 1
    if last <= 0:
        return [(0, last)]
    starts = range(0, last, PIECE_VERTICES)
    return [(start, min(start + PIECE_VERTICES, last)) for start in starts]


def simplified_arcs(arcs: Sequence[Arc], used: Iterable[int], tolerance: float) -> list[Arc]:
    """Each used arc simplified once and rounded, so a shared border is identical for both sides.

    Arcs are simplified in pieces of at most PIECE_VERTICES points. A piece that ends up crossing
    another (or an island that would be squashed flat) is simplified again with half the
    tolerance, down to none, so simplification never creates an invalid polygon or an overlap,
    and a single narrow estuary does not keep detail along a whole coastline. Indices match the
    topology's; unused arcs are left empty.
    """
    pieces = [(arc, start, stop) for arc in sorted(set(used)) for start, stop in _pieces(arcs[arc])]
    islands: dict[int, list[int]] = {}  # closed arcs (whole islands) -> their pieces
    for index, (arc, _, _) in enumerate(pieces):
        if len(arcs[arc]) > 1 and arcs[arc][0] == arcs[arc][-1]:
            islands.setdefault(arc, []).append(index)
    tolerances = [tolerance] * len(pieces)
    floor = tolerance / 2**MAX_TOLERANCE_HALVINGS
    simplified: list[Arc] = [[] for _ in pieces]
    pending = set(range(len(pieces)))
    while pending:
        for index in pending:
            arc, start, stop = pieces[index]
            points = simplify_arc(arcs[arc][start : stop + 1], tolerances[index])
            simplified[index] = _without_repeats(_round_point(p) for p in points)
        conflicts = crossing_lines(simplified)
        for members in islands.values():
            if len(_without_repeats(p for i in members for p in simplified[i])) < 4:
                conflicts.update(members)  # squashed flat: it would vanish from the map
        pending = {i for i in conflicts if tolerances[i] > 0}
        for index in pending:
            halved = tolerances[index] / 2
            tolerances[index] = halved if halved >= floor else 0.0
    result: list[Arc] = [[] for _ in arcs]
    for index, (arc, _, _) in enumerate(pieces):
        result[arc] = _without_repeats([*result[arc], *simplified[index]])
    return result


def _area_geometry(code: str, polygons: Sequence[ArcPolygon], arcs: Sequence[Arc]) -> MultiPolygon:
    """Rebuild one area from simplified arcs, dropping any ring that collapsed."""
    parts: list[Polygon] = []
    for polygon in polygons:
        rings: list[list[Point]] = []
        for ring_arcs in polygon:
            ring = _without_repeats(stitch_ring(arcs, ring_arcs))
            if len(ring) < 4 or ring[0] != ring[-1] or _ring_area_km2(ring) == 0.0:
                if not rings:
                    break  # the exterior collapsed, so the whole part goes
                continue
            rings.append(ring)
        if rings:
            parts.append(Polygon(rings[0], rings[1:]))
    if not parts:
        raise BuildError(f"{code} has no polygon left after simplifying")
    result = MultiPolygon(parts)
    if not result.is_valid:
        # A few coastal rings are pinched or self-touching in the source itself; repair them
        # without moving any vertex (new vertices appear only where lines cross).
        # (Only Dumfries and Galloway needs this today, for one crossing in the Cree estuary.)
        repaired = shapely.make_valid(result, method="structure", keep_collapsed=False)
        result = _as_multipolygon(_rounded(repaired))
    if not result.is_valid or result.is_empty:
        raise BuildError(
            f"{code}: could not make a valid polygon ({shapely.is_valid_reason(result)})"
        )
    return result


def _check_no_overlaps(shapes: Mapping[str, MultiPolygon]) -> None:
    """Neighbours must meet along shared arcs, never overlap (a sliver would double-count)."""
    codes = list(shapes)
    geometries = [shapes[code] for code in codes]
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    for a, b in zip(left.tolist(), right.tolist(), strict=True):
        if a < b:
            overlap = geometries[a].intersection(geometries[b]).area
            if overlap > MAX_OVERLAP_DEG2:
                raise BuildError(
                    f"simplified boundaries of {codes[a]} and {codes[b]} overlap "
                    f"by {overlap:.3g} square degrees"
                )


def _rounded(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, lambda xy: xy.round(COORDINATE_DECIMALS))


def _as_multipolygon(geometry: BaseGeometry) -> MultiPolygon:
    if isinstance(geometry, MultiPolygon):
        return geometry
    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    polygons: list[Polygon] = []
    for part in getattr(geometry, "geoms", ()):
        if isinstance(part, Polygon):
            polygons.append(part)
        elif isinstance(part, MultiPolygon):
            polygons.extend(part.geoms)
    return MultiPolygon(polygons)


def _coordinates(ring: Any) -> list[list[float]]:
    return [
        [round(float(x), COORDINATE_DECIMALS), round(float(y), COORDINATE_DECIMALS)]
        for x, y in ring.coords
    ]


def _geojson_geometry(geometry: MultiPolygon) -> dict[str, Any]:
    """GeoJSON geometry with exterior rings clockwise and holes anticlockwise.

    That is the d3 winding that Plotly's `choropleth` (geo) needs: the RFC 7946 winding makes it
    fill the whole world except the area. MapLibre-based maps and geopandas ignore winding.
    """
    oriented = shapely.orient_polygons(geometry, exterior_cw=True)
    polygons = [
        [_coordinates(part.exterior), *(_coordinates(hole) for hole in part.interiors)]
        for part in oriented.geoms
    ]
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def build_boundaries(
    topology: Mapping[str, Any], tolerance: float = SIMPLIFY_TOLERANCE_DEG
) -> dict[str, Any]:
    """The simplified FeatureCollection of the 32 council areas, sorted by code."""
    geometries = current_council_geometries(topology)
    source_arcs = decode_arcs(topology)
    polygons = kept_polygons(geometries, source_arcs)
    used = _arc_uses(polygon for parts in polygons.values() for polygon in parts)
    arcs = simplified_arcs(source_arcs, used, tolerance)
    shapes = {code: _area_geometry(code, polygons[code], arcs) for code in sorted(polygons)}
    _check_no_overlaps(shapes)
    names = {area.code: area.name for area in council_areas()}
    features = [
        {
            "type": "Feature",
            "properties": {"area_code": code, "area_name": names[code]},
            "geometry": _geojson_geometry(shape),
        }
        for code, shape in shapes.items()
    ]
    return {"type": "FeatureCollection", "features": features}


# --- rendering and writing ---------------------------------------------------------------------


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def render_geojson(collection: Mapping[str, Any]) -> bytes:
    """Compact GeoJSON with one feature per line, so a diff shows which councils changed."""
    features = ",\n".join(_compact(feature) for feature in collection["features"])
    return f'{{"type":"FeatureCollection","features":[\n{features}\n]}}\n'.encode()
