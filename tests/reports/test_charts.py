"""The briefing charts: the dashboard's colours, the area drawn, the same bytes every time."""

from __future__ import annotations

import json
from pathlib import Path

from reports import charts
from reports.charts import Line, MapChart, TrendChart
from tests.areas import boundaries_moved_east
from ui import theme


def test_briefing_colours_are_the_dashboards() -> None:
    assert charts.AREA == theme.ACCENT
    assert charts.SCOTLAND == theme.SCOTLAND_LINE
    assert charts.TEXT == theme.TEXT


def test_the_map_outlines_every_council_area_and_marks_the_chosen_one() -> None:
    paths = charts._area_paths()
    assert len(paths) == 32
    glasgow = charts.render(MapChart("S12000049"), "svg")
    scotland = charts.render(MapChart(None), "svg")
    assert glasgow.startswith(b"<?xml") and b"<path" in glasgow
    # Chosen area in blue: one area's fill on the Glasgow map, all 32 on Scotland's.
    assert glasgow.count(b"fill: #0065bd") == 1
    assert scotland.count(b"fill: #0065bd") == 32


def test_a_chart_draws_the_same_svg_twice_and_keeps_gaps() -> None:
    chart = TrendChart(
        "Claimant rate (%)",
        (
            Line("Area", "area", (2019.5, 2020.5, 2021.5), (3.1, None, 4.0)),
            Line("Scotland", "scotland", (2019.5, 2020.5, 2021.5), (3.0, 5.0, 3.2)),
        ),
    )
    first = charts._draw_trend(chart)
    assert len(first.axes[0].lines) == 3  # the area's two runs either side of the gap + Scotland
    charts.render.cache_clear()
    once = charts.render(chart, "svg")
    charts.render.cache_clear()
    assert charts.render(chart, "svg") == once
    assert charts.render(chart, "png").startswith(b"\x89PNG")


def test_the_map_draws_the_boundaries_it_is_given(tmp_path: Path) -> None:
    """A refresh's boundaries (the catalogue's boundaries_path) are what the briefing draws."""
    collection = boundaries_moved_east(0.1)  # about 6 km east at Scotland's latitudes
    moved = tmp_path / "council_areas.geojson"
    moved.write_text(json.dumps(collection), encoding="utf-8")
    committed = [x for x, _ in charts._area_paths()["S12000049"].vertices]
    refreshed = [x for x, _ in charts._area_paths(moved)["S12000049"].vertices]
    shift = sum(refreshed) / len(refreshed) - sum(committed) / len(committed)
    assert 40 < shift < 80  # in 100 m grid units
    assert charts.render(MapChart("S12000049", moved), "svg") != charts.render(
        MapChart("S12000049"), "svg"
    )
