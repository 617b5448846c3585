"""GeoJSON from the FeatureServer becomes shared arcs, then goes through geo.simplify."""

from __future__ import annotations

import json
from datetime import date

import pytest
import shapely
from shapely.geometry import shape

from data_sources.live.http import HttpClient, LiveSourceError
from data_sources.live.ons_boundaries import features_to_topology, fetch_boundaries, query_url
from data_sources.live.settings import Settings
from geo.simplify import _arc_uses, build_boundaries
from geo.topojson import decode_arcs, object_geometries, stitch_ring
from tests.data_sources.live.conftest import ARCGIS, ARCGIS_TEXT, FakeServices


def square(x: float, y: float, size: float = 0.1) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def feature(code: str, *rings: list[list[float]]) -> dict:
    return {
        "type": "Feature",
        "properties": {"LAD24CD": code, "LAD24NM": code},
        "geometry": {"type": "Polygon", "coordinates": list(rings)},
    }


def test_neighbours_share_one_arc() -> None:
    # Two unit squares side by side (synthetic shapes, chosen to make the arcs countable).
    left = feature("A", square(-4.0, 56.0))
    right = feature("B", [[-3.9, 56.0], [-3.8, 56.0], [-3.8, 56.1], [-3.9, 56.1], [-3.9, 56.0]])
    topology = features_to_topology([left, right], "LAD24CD", "LAD24NM")
    geometries = object_geometries(topology, "ltla")
    uses = _arc_uses(polygon for g in geometries for polygon in g.polygons)
    assert len(topology["arcs"]) == 3
    assert sorted(uses.values()) == [1, 1, 2]  # the shared border is one arc used twice
    arcs = decode_arcs(topology)
    for geometry, original in zip(geometries, (left, right), strict=True):
        ring = stitch_ring(arcs, geometry.polygons[0][0])
        assert shapely.Polygon(ring).equals(shape(original["geometry"]))


def test_an_enclave_ring_is_found_from_both_sides() -> None:
    outer = square(-4.0, 56.0, 0.3)
    hole = [[-3.9, 56.1], [-3.9, 56.2], [-3.8, 56.2], [-3.8, 56.1], [-3.9, 56.1]]
    inner = list(reversed(hole))
    topology = features_to_topology(
        [feature("OUT", outer, hole), feature("IN", inner)], "LAD24CD", "LAD24NM"
    )
    assert len(topology["arcs"]) == 2  # the outer coast, and the ring both areas share


def test_the_committed_boundaries_survive_the_round_trip() -> None:
    features = json.loads(ARCGIS_TEXT)["features"]
    topology = features_to_topology(features, "LAD24CD", "LAD24NM")
    collection = build_boundaries(topology)
    shapes = {f["properties"]["area_code"]: shape(f["geometry"]) for f in collection["features"]}
    assert len(shapes) == 32 and all(s.is_valid for s in shapes.values())
    # Glasgow City and East Dunbartonshire still meet along a border, with no overlap.
    glasgow, east_dunbartonshire = shapes["S12000049"], shapes["S12000045"]
    assert glasgow.intersection(east_dunbartonshire).area < 1e-10
    assert glasgow.distance(east_dunbartonshire) == 0.0


def test_the_query_asks_for_scottish_councils_in_wgs84() -> None:
    url, params = query_url(Settings(ons_geography_url="http://127.0.0.1:1/arcgis/"))
    assert url == (
        "http://127.0.0.1:1/arcgis/Local_Authority_Districts_May_2024_Boundaries_UK_BUC"
        "/FeatureServer/0/query"
    )
    assert params == {
        "where": "LAD24CD LIKE 'S12%'",
        "outFields": "LAD24CD,LAD24NM",
        "returnGeometry": "true",
        "outSR": "4326",
        "f": "geojson",
    }


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"type": "FeatureCollection", "features": [], "exceededTransferLimit": True}, "truncated"),
        ({"type": "Topology"}, "did not return a GeoJSON FeatureCollection"),
        ([1, 2], "not an object"),
    ],
)
def test_unexpected_answers_are_refused(
    document: object, problem: str, services: FakeServices, settings: Settings
) -> None:
    services.files["arcgis.geojson"] = json.dumps(document)
    with HttpClient(settings) as client, pytest.raises(LiveSourceError, match=problem):
        fetch_boundaries(client, settings, today=date(2026, 11, 22))
    assert services.calls(ARCGIS)


def test_an_outdated_code_is_refused(services: FakeServices, settings: Settings) -> None:
    services.files["arcgis.geojson"] = ARCGIS_TEXT.replace('"S12000049"', '"S12000046"')
    with (
        HttpClient(settings) as client,
        pytest.raises(LiveSourceError, match="S12000046 .* was replaced by S12000049"),
    ):
        fetch_boundaries(client, settings, today=date(2026, 11, 22))
