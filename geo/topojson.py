"""Decode TopoJSON (quantised arcs, Polygons, MultiPolygons) to coordinates with no extra library.

Arcs stay the unit of work: `decode_arcs` turns the topology's arcs into absolute lon/lat
lines once, and `stitch_ring` assembles a ring from arc indices over *any* list of arcs. The
builder can therefore simplify each shared border once and rebuild every polygon from the
same simplified arcs, so neighbouring areas keep identical borders.

Format reference: https://github.com/topojson/topojson-specification
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]
Arc = list[Point]
# A polygon is a list of rings; a ring is a list of arc indices (negative = reversed, ~i).
ArcPolygon = list[list[int]]


class TopoJSONError(ValueError):
    """Raised when a TopoJSON document does not have the structure this decoder expects."""


@dataclass(frozen=True, slots=True)
class TopoGeometry:
    """One geometry of a TopoJSON object, with its polygons as nested arc indices."""

    properties: Mapping[str, Any]
    polygons: tuple[ArcPolygon, ...]


def decode_arcs(topology: Mapping[str, Any]) -> list[Arc]:
    """Absolute lon/lat coordinates of every arc, undoing delta-encoding and quantisation.

    In a quantised topology (one with a "transform") each arc's first position is absolute and
    the rest are deltas from the previous position, in integer grid units; an unquantised
    topology stores absolute positions directly.
    """
    if topology.get("type") != "Topology":
        raise TopoJSONError(f"expected a TopoJSON Topology, got type {topology.get('type')!r}")
    raw_arcs = topology.get("arcs")
    if not isinstance(raw_arcs, list):
        raise TopoJSONError("TopoJSON topology has no 'arcs' list")
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in raw_arcs]
    try:
        scale_x, scale_y = (float(v) for v in transform["scale"])
        shift_x, shift_y = (float(v) for v in transform["translate"])
    except (KeyError, TypeError, ValueError) as error:
        raise TopoJSONError(f"TopoJSON transform is malformed: {transform!r}") from error
    arcs: list[Arc] = []
    for raw_arc in raw_arcs:
        x = y = 0
        arc: Arc = []
        for position in raw_arc:
            x += int(position[0])
            y += int(position[1])
            arc.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(arc)
    return arcs


def arc_points(arcs: Sequence[Sequence[Point]], index: int) -> list[Point]:
    """The points of arc `index`; a negative index ~i means arc i traversed backwards."""
    if index >= 0:
        return list(arcs[index])
    return list(reversed(arcs[~index]))


def stitch_ring(arcs: Sequence[Sequence[Point]], ring: Sequence[int]) -> list[Point]:
    """Join a ring's arcs into one closed list of points.

    Consecutive arcs share their joining point, so it is kept once.
    """
    points: list[Point] = []
    for index in ring:
        segment = arc_points(arcs, index)
        points.extend(segment[1:] if points else segment)
    return points


def object_geometries(topology: Mapping[str, Any], name: str) -> list[TopoGeometry]:
    """The geometries of object `name`, with Polygon and MultiPolygon both as lists of polygons.

    Raises:
        TopoJSONError: if the object is missing or holds a geometry type other than (Multi)Polygon.
    """
    objects = topology.get("objects")
    if not isinstance(objects, Mapping) or name not in objects:
        available = sorted(objects) if isinstance(objects, Mapping) else []
        raise TopoJSONError(f"TopoJSON has no object {name!r}; objects are {available}")
    collection = objects[name]
    members = (
        collection["geometries"] if collection.get("type") == "GeometryCollection" else [collection]
    )
    geometries: list[TopoGeometry] = []
    for member in members:
        kind = member.get("type")
        if kind == "Polygon":
            polygons = [member["arcs"]]
        elif kind == "MultiPolygon":
            polygons = member["arcs"]
        else:
            raise TopoJSONError(
                f"object {name!r} holds a {kind!r} geometry; "
                "only Polygon and MultiPolygon are supported"
            )
        geometries.append(
            TopoGeometry(
                properties=dict(member.get("properties") or {}),
                polygons=tuple(
                    [[int(i) for i in ring] for ring in polygon] for polygon in polygons
                ),
            )
        )
    return geometries


def polygon_coordinates(
    arcs: Sequence[Sequence[Point]], polygons: Sequence[ArcPolygon]
) -> list[list[list[Point]]]:
    """GeoJSON-style MultiPolygon coordinates for polygons given as arc indices."""
    return [[stitch_ring(arcs, ring) for ring in polygon] for polygon in polygons]
