"""Map and ranking draws its map as the light SVG element (ui.svg_map), with what the page
shows computed in Python, for both layouts; the downloads still come from the Plotly figure."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from geo.outlines import projected_outlines
from geo.tiles import tile_outlines
from ui import map_shapes, svg_map

GLASGOW = "S12000049"


def svg_map_data(app: AppTest) -> dict[str, Any]:
    elements = app.get("bidi_component")
    maps = [c for c in elements if c.proto.component_name == svg_map.COMPONENT_NAME]
    assert len(maps) == 1
    assert maps[0].proto.id.endswith("-choropleth")
    data: dict[str, Any] = json.loads(maps[0].proto.json)
    return data


@pytest.mark.parametrize(
    ("layout", "outlines", "labelled"),
    [("map", projected_outlines(), False), ("tiles", tile_outlines(), True)],
)
def test_the_map_is_the_svg_element_with_every_area(
    open_page: Callable[..., AppTest], layout: str, outlines: Any, labelled: bool
) -> None:
    app = open_page("pages/map.py", layout=layout, area=GLASGOW)
    data = svg_map_data(app)
    assert data["geometry"] == map_shapes.map_geometry(outlines).as_data()
    areas = data["areas"]
    assert [a["code"] for a in areas] == [o.code for o in outlines]
    assert [a["code"] for a in areas if a["selected"]] == [GLASGOW]
    assert all(bool(a["label"]) is labelled for a in areas)
    glasgow = next(a for a in areas if a["code"] == GLASGOW)
    # ONS claimant rate 2025 (the page's default measure): Glasgow City 4.6%, the highest.
    assert glasgow["spoken"] == "Glasgow City, 4.6%, Rank 32 of 32 (1 = best)"
    assert data["alt"].startswith("Map of Claimant rate (yearly average) by council area, 2025.")
    assert data["selectable"] is True
    assert data["key"]["low"] == "1.2%" and data["key"]["high"] == "4.6%"
    # Nothing else on the page draws the map: its Plotly figure only makes the downloads.
    assert not [c for c in app.get("plotly_chart") if c.proto.id.endswith("choropleth")]
    downloads = {b.proto.id.rsplit("-", 1)[-1] for b in app.get("download_button")}
    assert {"choropleth_svg", "choropleth_png", "choropleth_csv"} <= downloads


def test_a_new_measure_keeps_the_drawing_and_changes_the_looks(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/map.py")
    before = svg_map_data(app)
    app.selectbox(key="map_indicator").set_value("Youth employment rate (16 to 24)").run()
    assert not app.exception, [e.value for e in app.exception]
    after = svg_map_data(app)
    assert after["geometry"]["token"] == before["geometry"]["token"]
    assert [a["fill"] for a in after["areas"]] != [a["fill"] for a in before["areas"]]
    assert after["key"]["title"] == "Youth employment rate (16 to 24) (%)"
    assert after["alt"].startswith("Map of Youth employment rate (16 to 24) by council area")
