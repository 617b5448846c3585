"""Tests for the committed council-area boundaries: coverage, validity, size and clean borders."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import shapely

from geo.boundaries import BOUNDARIES_PATH, boundaries_geojson, load_boundaries
from geo.council_areas import council_areas, normalise_code
from tests.areas import GLASGOW_BORDERS

OFFICIAL = {area.code: area.name for area in council_areas()}
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def frame():
    return load_boundaries()


def test_file_is_small_enough_to_ship():
    assert BOUNDARIES_PATH.stat().st_size <= 400 * 1024


def test_one_feature_per_council_with_official_names():
    collection = boundaries_geojson()
    assert collection["type"] == "FeatureCollection"
    properties = [feature["properties"] for feature in collection["features"]]
    assert all(set(p) == {"area_code", "area_name"} for p in properties)
    codes = [p["area_code"] for p in properties]
    assert codes == sorted(OFFICIAL)
    assert {p["area_code"]: p["area_name"] for p in properties} == OFFICIAL


def test_geodataframe_columns_and_crs(frame):
    assert list(frame.columns) == ["area_code", "area_name", "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert sorted(frame["area_code"]) == sorted(OFFICIAL)
    assert all(normalise_code(code) == code for code in frame["area_code"])


def test_geometries_are_valid_polygons_inside_scotland(frame):
    assert frame.geometry.is_valid.all()
    assert not frame.geometry.is_empty.any()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    for min_x, min_y, max_x, max_y in frame.geometry.bounds.itertuples(index=False):
        assert -9.5 <= min_x < max_x <= -0.5
        assert 54.5 <= min_y < max_y <= 61.0


def test_coordinates_are_rounded_to_four_decimals():
    text = BOUNDARIES_PATH.read_text(encoding="utf-8")
    numbers = re.findall(r"-?\d+\.\d+", text)
    assert numbers, "no coordinates found"
    assert max(len(number.split(".")[1]) for number in numbers) <= 4


def test_exterior_rings_run_clockwise_for_plotly():
    # Plotly's geo choropleth follows d3: an anticlockwise exterior fills the rest of the world.
    for feature in boundaries_geojson()["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for exterior, *holes in polygons:
            assert not shapely.LinearRing(exterior).is_ccw, feature["properties"]["area_name"]
            assert all(shapely.LinearRing(hole).is_ccw for hole in holes)


def test_main_islands_are_kept(frame):
    by_name = frame.set_index("area_name").geometry
    places = {  # points well inside each island in the unsimplified source
        "Orkney Islands": [(-3.1, 59.0), (-2.55, 59.25), (-3.3, 58.85)],  # Mainland, Sanday, Hoy
        "Shetland Islands": [
            (-1.25, 60.2),  # Mainland
            (-1.1, 60.6),  # Yell
            (-0.85, 60.75),  # Unst
            (-1.635, 59.535),  # Fair Isle
            (-2.06, 60.135),  # Foula
        ],
        "Na h-Eileanan Siar": [
            (-6.6, 58.2),
            (-7.35, 57.4),
            (-8.575, 57.815),
        ],  # Lewis, Benbecula, Hirta
        "Highland": [(-6.2, 57.3)],  # Skye
        "Argyll and Bute": [(-6.0, 56.45), (-6.2, 55.8)],  # Mull, Islay
        "North Ayrshire": [(-5.2, 55.6)],  # Arran
    }
    for name, points in places.items():
        for x, y in points:
            assert by_name[name].contains(shapely.Point(x, y)), (name, x, y)


def test_neighbours_do_not_overlap(frame):
    geometries = frame.geometry.to_numpy()
    total = sum(g.area for g in geometries)
    overlap = sum(
        a.intersection(b).area for a, b in itertools.combinations(geometries, 2) if a.intersects(b)
    )
    assert overlap <= 1e-9 * total


def test_neighbours_share_borders_exactly(frame):
    """Along a land border both outlines run through the same vertices, not merely close by."""
    by_name = frame.set_index("area_name").geometry
    glasgow = by_name["Glasgow City"]
    for name in ["East Dunbartonshire", "East Renfrewshire", "North Lanarkshire"]:
        other = by_name[name].boundary
        exact = glasgow.boundary.intersection(other).length
        nearby = glasgow.boundary.intersection(other.buffer(0.0005)).length  # within ~50 m
        assert exact > 0.05, name  # degrees: many kilometres of common line
        assert exact >= 0.97 * nearby, name


def test_no_gaps_between_neighbours(frame):
    """A gap along a border shows up as a hole in the union that no single area has."""
    glasgow_and_neighbours = frame[frame["area_name"].isin(["Glasgow City", *GLASGOW_BORDERS])]
    union = shapely.union_all(glasgow_and_neighbours.geometry.to_numpy())
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0

    geometries = frame.geometry.to_numpy()
    own_holes = [
        shapely.Polygon(ring)
        for geometry in geometries
        for part in getattr(geometry, "geoms", [geometry])
        for ring in part.interiors
    ]
    everything = shapely.union_all(geometries)
    for part in getattr(everything, "geoms", [everything]):
        for ring in part.interiors:
            hole = shapely.Polygon(ring)
            inside = hole.representative_point()
            assert any(own.contains(inside) for own in own_holes), inside.wkt


def test_loaders_return_independent_copies():
    first = boundaries_geojson()
    first["features"].clear()
    assert len(boundaries_geojson()["features"]) == 32
    frame = load_boundaries()
    frame["extra"] = 1
    assert "extra" not in load_boundaries().columns


def test_file_round_trips_as_plain_json():
    with BOUNDARIES_PATH.open(encoding="utf-8") as handle:
        assert json.load(handle) == boundaries_geojson()


def test_geo_package_does_not_import_streamlit():
    code = (
        "import sys\n"
        "import geo.boundaries, geo.build, geo.council_areas, geo.neighbours, geo.partnerships\n"
        "import geo.simplify, geo.topojson\n"
        "sys.exit('streamlit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=False)
    assert result.returncode == 0
