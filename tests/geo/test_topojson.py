"""Tests for the TopoJSON decoder on a tiny hand-written topology in the real, quantised format."""

from __future__ import annotations

import copy

import pytest
import shapely

from geo.topojson import (
    TopoJSONError,
    arc_points,
    decode_arcs,
    object_geometries,
    polygon_coordinates,
    stitch_ring,
)

# Grid units: x = q * 0.5 - 4, y = q * 0.25 + 55. Two unit squares A | B share the edge x = 2
# (arc 0); B walks that edge backwards (~0 == -1) and has a second part, a closed island arc.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [-4, 55]},
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]],
        [[5, 5], [1, 0], [0, 1], [-1, 0], [0, -1]],
    ],
    "objects": {
        "areas": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[1, 0]], "properties": {"areacd": "A"}},
                {
                    "type": "MultiPolygon",
                    "arcs": [[[2, -1]], [[3]]],
                    "properties": {"areacd": "B", "end": 2019},
                },
            ],
        }
    },
}


def xy(qx: int, qy: int) -> tuple[float, float]:
    return (qx * 0.5 - 4, qy * 0.25 + 55)


def test_arcs_are_delta_decoded_and_transformed():
    arcs = decode_arcs(TOPOLOGY)
    assert arcs[0] == [xy(2, 0), xy(2, 2)]
    assert arcs[1] == [xy(2, 2), xy(0, 2), xy(0, 0), xy(2, 0)]
    assert arcs[3] == [xy(5, 5), xy(6, 5), xy(6, 6), xy(5, 6), xy(5, 5)]


def test_unquantised_positions_are_taken_as_they_are():
    plain = {"type": "Topology", "arcs": [[[-3.5, 56.0], [-3.0, 56.5]]], "objects": {}}
    assert decode_arcs(plain) == [[(-3.5, 56.0), (-3.0, 56.5)]]


def test_negative_index_means_the_arc_reversed():
    arcs = decode_arcs(TOPOLOGY)
    assert arc_points(arcs, ~0) == [xy(2, 2), xy(2, 0)]
    assert arc_points(arcs, -1) == list(reversed(arcs[0]))


def test_polygon_rings_are_stitched_closed_without_repeating_joins():
    arcs = decode_arcs(TOPOLOGY)
    ring = stitch_ring(arcs, [1, 0])
    assert ring == [xy(2, 2), xy(0, 2), xy(0, 0), xy(2, 0), xy(2, 2)]


def test_polygon_and_multipolygon_geometries():
    arcs = decode_arcs(TOPOLOGY)
    square_a, square_b = object_geometries(TOPOLOGY, "areas")
    assert square_a.properties == {"areacd": "A"}
    assert square_b.properties["end"] == 2019
    assert square_a.polygons == ([[1, 0]],)
    assert square_b.polygons == ([[2, -1]], [[3]])
    coordinates = polygon_coordinates(arcs, square_b.polygons)
    assert coordinates == [
        [[xy(2, 0), xy(4, 0), xy(4, 2), xy(2, 2), xy(2, 0)]],
        [[xy(5, 5), xy(6, 5), xy(6, 6), xy(5, 6), xy(5, 5)]],
    ]


def test_neighbours_built_from_a_shared_arc_meet_exactly():
    arcs = decode_arcs(TOPOLOGY)
    square_a, square_b = object_geometries(TOPOLOGY, "areas")
    shape_a = shapely.MultiPolygon(
        [shapely.Polygon(*p) for p in polygon_coordinates(arcs, square_a.polygons)]
    )
    shape_b = shapely.MultiPolygon(
        [shapely.Polygon(*p) for p in polygon_coordinates(arcs, square_b.polygons)]
    )
    assert shape_a.is_valid and shape_b.is_valid
    assert shape_a.area == pytest.approx(1.0 * 0.5)
    assert shape_b.area == pytest.approx(1.0 * 0.5 + 0.5 * 0.25)
    assert shape_a.intersection(shape_b).area == 0
    assert shape_a.boundary.intersection(shape_b.boundary).length == pytest.approx(0.5)


def test_missing_object_is_reported_with_the_available_ones():
    with pytest.raises(TopoJSONError, match=r"no object 'ltla'.*\['areas'\]"):
        object_geometries(TOPOLOGY, "ltla")


def test_non_polygon_geometry_is_rejected():
    broken = copy.deepcopy(TOPOLOGY)
    broken["objects"]["areas"]["geometries"][0] = {"type": "LineString", "arcs": [0]}
    with pytest.raises(TopoJSONError, match="LineString"):
        object_geometries(broken, "areas")


def test_a_document_that_is_not_a_topology_is_rejected():
    with pytest.raises(TopoJSONError, match="FeatureCollection"):
        decode_arcs({"type": "FeatureCollection", "features": []})
    with pytest.raises(TopoJSONError, match="transform"):
        decode_arcs({"type": "Topology", "arcs": [], "transform": {"scale": [1]}})
