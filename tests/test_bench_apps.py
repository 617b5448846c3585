"""The benchmark's reference apps run, so `make bench` never measures an error page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT

BENCH_APPS = REPO_ROOT / "scripts" / "bench_floor"


@pytest.mark.parametrize("script", ["floor_app.py", "charts_only_app.py"])
def test_reference_app_runs_and_draws_its_charts(script: str) -> None:
    app = AppTest.from_file(str(BENCH_APPS / script), default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    charts = app.get("plotly_chart")
    assert len(charts) == (1 if script == "floor_app.py" else 2)


def test_charts_only_app_offers_the_map_pages_indicators() -> None:
    app = AppTest.from_file(str(BENCH_APPS / "charts_only_app.py"), default_timeout=60)
    app.run()
    picker = app.selectbox[0]
    # The benchmark chooses this option by name; it must stay one of the choices.
    assert "Employment rate (16 to 64)" in picker.options
    picker.set_value("Employment rate (16 to 64)").run()
    assert not app.exception
