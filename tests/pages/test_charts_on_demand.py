"""Charts below a page's first view are drawn on demand, and nothing is lost when they are.

Each interactive chart costs the browser its own set-up and draw (issue 12), so pages draw
their first chart at once and the rest when the reader switches them on. Switched on, each
chart comes with its text alternative, its data table and its CSV download, as every chart does.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from tests.charts import drawn_charts
from tests.pages.conftest import html_table, html_tables, open_chart_table
from ui import svg_chart, svg_map

# page -> (the charts drawn at once, {switch key: the chart it draws})
ON_DEMAND: dict[str, tuple[list[str], dict[str, str]]] = {
    "pages/targets.py": (
        ["deg_path"],
        {
            "deg_rates_shown": "deg_rates",
            "deg_decomposition_shown": "deg_decomposition",
            "benchmark_youth_claimant_rate_shown": "benchmark_youth_claimant_rate",
            "benchmark_youth_employment_rate_shown": "benchmark_youth_employment_rate",
        },
    ),
    "pages/area.py": (["profile_spine"], {"profile_peers_shown": "profile_peers"}),
    "pages/compare.py": (["compare_bars"], {"compare_peer_shown": "compare_peer"}),
    "pages/map.py": (["choropleth"], {"ranked_bars_shown": "ranked_bars"}),
}
CASES = [(page, switch) for page, (_, switches) in ON_DEMAND.items() for switch in switches]


def chart_keys(app: AppTest) -> list[str]:
    """The charts drawn, in page order: kept charts, and the map and charts drawn as SVG."""
    kept = {chart.key for chart in drawn_charts(app)}
    return [
        key
        for element in app.get("bidi_component")
        if (key := element.proto.id.rsplit("-", 1)[-1]) in kept
        or element.proto.component_name in {svg_map.COMPONENT_NAME, svg_chart.COMPONENT_NAME}
    ]


@pytest.mark.parametrize("page", sorted(ON_DEMAND))
def test_only_the_first_charts_are_drawn_at_first(
    open_page: Callable[..., AppTest], page: str
) -> None:
    app = open_page(page)
    at_once, switches = ON_DEMAND[page]
    assert chart_keys(app) == at_once
    assert {t.key: t.value for t in app.toggle if t.key in switches} == dict.fromkeys(
        switches, False
    )


def test_the_targets_first_chart_is_the_path_to_the_target(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/targets.py")
    spec = drawn_charts(app)[0].figure
    names = [str(trace.get("name")) for trace in spec["data"]]
    assert any(n.startswith("Straight-line path to the target") for n in names)


@pytest.mark.parametrize(("page", "switch"), CASES)
def test_a_chart_switched_on_comes_with_alt_text_table_and_download(
    open_page: Callable[..., AppTest], page: str, switch: str
) -> None:
    app = open_page(page)
    tables_before = len(html_tables(app))
    app.toggle(key=switch).set_value(True).run()
    assert not app.exception, [e.value for e in app.exception]
    key = ON_DEMAND[page][1][switch]
    charts = {chart.key: chart for chart in drawn_charts(app)}
    assert key in charts
    assert charts[key].alt, "the chart has its text alternative"
    assert len(html_tables(app)) == tables_before, "its table is drawn when opened"
    open_chart_table(app, key)
    assert len(html_tables(app)) == tables_before + 1, "and its data table"
    downloads = [b.proto.id for b in app.get("download_button")]
    assert any(d.endswith(f"{key}_csv") for d in downloads), "and its CSV download"


def test_a_charts_table_is_built_when_opened_and_its_csv_is_always_there(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/trends.py")
    assert chart_keys(app) == ["trend_chart"]
    assert len(html_tables(app)) == 0, "the table is not sent until its expander is opened"
    downloads = [b.proto.id for b in app.get("download_button")]
    assert any(d.endswith("trend_chart_csv") for d in downloads)
    table = html_table(open_chart_table(app, "trend_chart"), "trend_chart_rows").value
    assert {"Area", "Period", "Status"} <= set(table.columns)
    assert not table.empty
