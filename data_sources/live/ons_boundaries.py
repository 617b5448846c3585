"""ONS council-area boundaries from the ArcGIS FeatureServer, simplified like the committed ones.

The committed boundaries (geo/simplify.py) are simplified arc by arc from a TopoJSON topology so
that neighbours share exactly the same border. The FeatureServer returns GeoJSON, which has no
arcs, so `features_to_topology` first builds them, as TopoJSON's own "join" step does: a vertex
where the neighbouring vertices differ between rings (a border meets a third area or the
coast) is a junction; rings are cut at junctions into arcs, and an arc traversed by two areas
is stored once (the second use refers to it reversed). Rings with no junction (islands,
enclaves) become one closed arc, rotated to start at their smallest vertex so a shared enclave
ring is still found twice. The unquantised topology then goes through geo.simplify's
`build_boundaries` unchanged: the same islands filter, the same simplification, the same
crossing and overlap checks. Shared borders must share their vertices exactly (ONS boundary
sets do); if they did not, the overlap check would stop the refresh rather than draw slivers.

Output goes only to the refreshed snapshot's directory, never to geo/reference.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from data_sources.live.http import HttpClient, LiveSourceError
from data_sources.live.settings import Settings
from geo.simplify import (
    COORDINATE_DECIMALS,
    MIN_ISLAND_KM2,
    SIMPLIFY_TOLERANCE_DEG,
    TOPOJSON_OBJECT,
    BuildError,
    build_boundaries,
    render_geojson,
)
from geo.topojson import Point, TopoJSONError

SOURCE_ID: Final = "ons_boundaries"
# Generous box around Scotland in WGS84; anything outside means a wrong spatial reference.
LON_RANGE: Final = (-10.0, 0.0)
LAT_RANGE: Final = (54.0, 61.5)


@dataclass(frozen=True)
class BoundaryFetch:
    """Simplified boundaries ready to write, and a provenance record for them."""

    geojson: bytes
    provenance: dict[str, Any]


def query_url(settings: Settings) -> tuple[str, dict[str, str]]:
    """The FeatureServer query for Scotland's council areas (S12 codes), as GeoJSON in WGS84."""
    code = settings.ons_boundary_code_field
    url = (
        f"{settings.base_url('ONS_GEOGRAPHY_URL')}/{settings.ons_boundary_service}"
        "/FeatureServer/0/query"
    )
    params = {
        "where": f"{code} LIKE 'S12%'",
        "outFields": f"{code},{settings.ons_boundary_name_field}",
        "returnGeometry": "true",
        "outSR": "4326",
        "f": "geojson",
    }
    return url, params


def _closed_rings(code: str, geometry: Mapping[str, Any]) -> list[list[list[Point]]]:
    """Polygons as lists of closed rings of (lon, lat), consecutive repeats removed."""
    kind = geometry.get("type")
    coordinates: Any = geometry.get("coordinates") or []
    polygons: list[Any]
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = list(coordinates)
    else:
        raise ValueError(f"{code} has a {kind!r} geometry; expected Polygon or MultiPolygon")
    result: list[list[list[Point]]] = []
    for polygon in polygons:
        rings: list[list[Point]] = []
        for raw_ring in polygon:
            ring: list[Point] = []
            for position in raw_ring:
                point = (float(position[0]), float(position[1]))
                if not (LON_RANGE[0] <= point[0] <= LON_RANGE[1]) or not (
                    LAT_RANGE[0] <= point[1] <= LAT_RANGE[1]
                ):
                    raise ValueError(
                        f"{code} has a vertex at {point}, outside Scotland in WGS84 "
                        "(was outSR=4326 ignored?)"
                    )
                if not ring or ring[-1] != point:
                    ring.append(point)
            if len(ring) < 4 or ring[0] != ring[-1]:
                raise ValueError(f"{code} has a ring that is not closed or has under 3 vertices")
            rings.append(ring)
        if rings:
            result.append(rings)
    if not result:
        raise ValueError(f"{code} has an empty geometry")
    return result


def _junctions(rings: Sequence[Sequence[Point]]) -> set[Point]:
    """Vertices where rings stop running alongside each other (TopoJSON's join rule)."""
    seen: dict[Point, frozenset[Point]] = {}
    junctions: set[Point] = set()
    for ring in rings:
        open_ring = ring[:-1]
        count = len(open_ring)
        for index, point in enumerate(open_ring):
            pair = frozenset((open_ring[index - 1], open_ring[(index + 1) % count]))
            previous = seen.setdefault(point, pair)
            if previous != pair:
                junctions.add(point)
    return junctions


def _cut(ring: Sequence[Point], junctions: set[Point]) -> list[list[Point]]:
    """The arcs of one closed ring, cut at its junctions (one closed arc if it has none)."""
    open_ring = list(ring[:-1])
    cuts = [i for i, point in enumerate(open_ring) if point in junctions]
    if not cuts:
        start = open_ring.index(min(open_ring))
        rotated = open_ring[start:] + open_ring[:start]
        return [[*rotated, rotated[0]]]
    rotated = open_ring[cuts[0] :] + open_ring[: cuts[0]]
    positions = [i - cuts[0] for i in cuts] + [len(open_ring)]
    rotated.append(rotated[0])
    return [rotated[a : b + 1] for a, b in zip(positions, positions[1:], strict=False)]


def features_to_topology(
    features: Sequence[Mapping[str, Any]], code_field: str, name_field: str
) -> dict[str, Any]:
    """An unquantised TopoJSON topology (object `ltla`, areacd/areanm) with shared arcs."""
    shapes: list[tuple[str, str, list[list[list[Point]]]]] = []
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(properties, dict) or not isinstance(geometry, dict):
            raise ValueError("a feature, its properties or its geometry is not a JSON object")
        code = str(properties.get(code_field, "")).strip()
        name = str(properties.get(name_field, "")).strip()
        if not code:
            raise ValueError(f"a feature has no {code_field}")
        shapes.append((code, name, _closed_rings(code, geometry)))
    all_rings = [ring for _, _, polygons in shapes for polygon in polygons for ring in polygon]
    junctions = _junctions(all_rings)
    arcs: list[list[Point]] = []
    index: dict[tuple[Point, ...], int] = {}

    def arc_id(points: list[Point]) -> int:
        key = tuple(points)
        if key in index:
            return index[key]
        backwards = tuple(reversed(points))
        if backwards in index:
            return ~index[backwards]
        index[key] = len(arcs)
        arcs.append(points)
        return index[key]

    geometries = [
        {
            "type": "MultiPolygon",
            "properties": {"areacd": code, "areanm": name},
            "arcs": [
                [[arc_id(arc) for arc in _cut(ring, junctions)] for ring in polygon]
                for polygon in polygons
            ],
        }
        for code, name, polygons in shapes
    ]
    return {
        "type": "Topology",
        "arcs": [[[x, y] for x, y in arc] for arc in arcs],
        "objects": {TOPOJSON_OBJECT: {"type": "GeometryCollection", "geometries": geometries}},
    }


def fetch_boundaries(client: HttpClient, settings: Settings, *, today: date) -> BoundaryFetch:
    """Fetch, check and simplify the 32 council-area boundaries."""
    url, params = query_url(settings)
    fetched = client.get(SOURCE_ID, url, params, accept="application/geo+json")
    where = f"ArcGIS service {settings.ons_boundary_service}"
    if fetched.looks_like_html():
        raise LiveSourceError(SOURCE_ID, f"{where} returned HTML, not GeoJSON")
    try:
        document = json.loads(fetched.content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LiveSourceError(SOURCE_ID, f"{where} returned invalid JSON: {error}") from None
    if not isinstance(document, dict):
        raise LiveSourceError(SOURCE_ID, f"{where} returned JSON that is not an object")
    if "error" in document:
        raise LiveSourceError(SOURCE_ID, f"{where} returned an error: {document['error']}")
    if document.get("type") != "FeatureCollection" or not isinstance(
        document.get("features"), list
    ):
        raise LiveSourceError(SOURCE_ID, f"{where} did not return a GeoJSON FeatureCollection")
    document_properties = document.get("properties")
    if document.get("exceededTransferLimit") or (
        isinstance(document_properties, dict) and document_properties.get("exceededTransferLimit")
    ):
        raise LiveSourceError(SOURCE_ID, f"{where} truncated the result (exceededTransferLimit)")
    try:
        topology = features_to_topology(
            document["features"], settings.ons_boundary_code_field, settings.ons_boundary_name_field
        )
        collection = build_boundaries(topology)
    except (BuildError, TopoJSONError, ValueError, TypeError, KeyError, IndexError) as error:
        raise LiveSourceError(SOURCE_ID, f"{where}: {error}") from None
    geojson = render_geojson(collection)
    provenance = {
        "publisher": "Office for National Statistics (Open Geography Portal)",
        "service": settings.ons_boundary_service,
        "url": fetched.url,
        "licence": "Open Government Licence v3.0",
        "attribution": (
            "Source: Office for National Statistics licensed under the Open Government Licence "
            "v3.0. Contains OS data © Crown copyright and database right."
        ),
        "retrieved": today.isoformat(),
        "response_sha256": hashlib.sha256(fetched.content).hexdigest(),
        "response_bytes": len(fetched.content),
        "features": len(collection["features"]),
        "parameters": {
            "simplify_tolerance_degrees_latitude": SIMPLIFY_TOLERANCE_DEG,
            "coordinate_decimals": COORDINATE_DECIMALS,
            "min_island_km2": MIN_ISLAND_KM2,
        },
        "output_sha256": hashlib.sha256(geojson).hexdigest(),
    }
    return BoundaryFetch(geojson, provenance)
