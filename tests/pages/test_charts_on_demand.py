"""Charts below a page's first view are drawn on demand, and nothing is lost when they are.

Each interactive chart costs the browser its own set-up and draw (issue 12), so pages draw
their first chart at once and the rest when the reader switches them on. Switched on, each
chart comes with its text alternative, its data table and its CSV download, as every chart does.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

TARGETS_ON_DEMAND = {
    "deg_rates_shown": "deg_rates",
    "deg_decomposition_shown": "deg_decomposition",
    "benchmark_youth_claimant_rate_shown": "benchmark_youth_claimant_rate",
    "benchmark_youth_employment_rate_shown": "benchmark_youth_employment_rate",
}


def chart_keys(app: AppTest) -> list[str]:
    return [c.proto.id.rsplit("-", 1)[-1] for c in app.get("plotly_chart")]


def test_targets_draws_only_the_path_chart_at_first(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/targets.py")
    assert len(app.get("plotly_chart")) == 1
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    names = {trace.get("name") for trace in spec["data"]}
    assert any(str(n).startswith("Straight-line path to the target") for n in names)
    switches = {t.key for t in app.toggle}
    assert set(TARGETS_ON_DEMAND) <= switches
    assert all(not t.value for t in app.toggle if t.key in TARGETS_ON_DEMAND)


@pytest.mark.parametrize("switch", sorted(TARGETS_ON_DEMAND))
def test_each_targets_chart_comes_with_table_and_download_when_switched_on(
    open_page: Callable[..., AppTest], switch: str
) -> None:
    app = open_page("pages/targets.py")
    charts_before = len(app.get("plotly_chart"))
    tables_before = len(app.dataframe)
    app.toggle(key=switch).set_value(True).run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == charts_before + 1
    assert len(app.dataframe) == tables_before + 1
    downloads = [b.proto.id for b in app.get("download_button")]
    assert any(d.endswith(f"{TARGETS_ON_DEMAND[switch]}_csv") for d in downloads)
    alts = [c.proto.alt for c in app.get("plotly_chart")]
    assert all(alts), "every chart drawn has its text alternative"
