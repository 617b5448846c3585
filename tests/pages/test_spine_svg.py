"""The area profile draws its spine chart as the light SVG element (ui.svg_chart), built in
Python from the same rows as the Plotly figure behind its downloads, and a new area changes
the same element rather than drawing a new one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from streamlit.testing.v1 import AppTest

from data_sources.snapshot import load_snapshot
from indicators.area_profile import area_profile_rows, spine_rows
from indicators.area_view import spine_alt
from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from metadata.registry import load_registry
from tests.charts import drawn_charts
from ui import svg_chart
from ui.spine_shapes import spine_shapes
from ui.spine_svg import spine_markup

AREA_PAGE = "pages/area.py"
FIFE, GLASGOW = "S12000047", "S12000049"


def svg_charts(app: AppTest) -> dict[str, dict[str, Any]]:
    """The page's SVG charts by key, as the browser receives them."""
    return {
        element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.json)
        for element in app.get("bidi_component")
        if element.proto.component_name == svg_chart.COMPONENT_NAME
    }


def expected(code: str, name: str) -> tuple[str, str]:
    catalogue = Catalogue(load_registry(), load_snapshot())
    rows = spine_rows(area_profile_rows(catalogue, code, neighbour_group(code).members))
    return spine_markup(spine_shapes(rows, name), name), spine_alt(name, rows)


def test_the_spine_chart_is_svg_with_its_words_and_updates_for_a_new_area(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page()
    app.switch_page(AREA_PAGE)
    app.query_params["area"] = GLASGOW
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    chart = svg_charts(app)["profile_spine"]
    assert (chart["markup"], chart["alt"]) == expected(GLASGOW, "Glasgow City")
    assert "profile_spine" not in {c.key for c in drawn_charts(app)}
    # The downloads stay: the image comes from the Plotly figure, the CSV from the rows.
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in app.get("download_button")}
    assert {"profile_spine_csv"} <= keys
    app.selectbox(key="profile_area").set_value(FIFE).run()
    assert not app.exception, [e.value for e in app.exception]
    chart = svg_charts(app)["profile_spine"]
    assert (chart["markup"], chart["alt"]) == expected(FIFE, "Fife")
