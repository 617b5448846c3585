"""The benchmark's reference apps run, so `make bench` never measures an error page."""

from __future__ import annotations

import ast

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT

BENCH_APPS = REPO_ROOT / "scripts" / "bench_floor"
CHARTS = {
    "floor_app.py": 1,
    "floor_rerun_app.py": 1,
    "floor_redraw_app.py": 1,
    "charts_only_app.py": 2,
}


@pytest.mark.parametrize("script", sorted(CHARTS))
def test_reference_app_runs_and_draws_its_charts(script: str) -> None:
    app = AppTest.from_file(str(BENCH_APPS / script), default_timeout=60)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert len(app.get("plotly_chart")) == CHARTS[script]


def script_statements(script: str) -> list[str]:
    """The app's top-level statements as source text, docstring and imports left out."""
    tree = ast.parse((BENCH_APPS / script).read_text())
    body = [
        node
        for node in tree.body
        if not isinstance(node, ast.Import | ast.ImportFrom)
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]
    return [ast.unparse(node) for node in body]


def test_floor_is_exactly_the_issue_12_floor() -> None:
    # Issue 12 fixes the floor: a title and one 24-point px.line chart, nothing else.
    assert script_statements("floor_app.py") == [
        "st.title('Floor')",
        "st.plotly_chart(px.line(x=list(range(24)), y=list(range(24))))",
    ]
    app = AppTest.from_file(str(BENCH_APPS / "floor_app.py"), default_timeout=60)
    app.run()
    assert [t.value for t in app.title] == ["Floor"]
    assert len(app.main.children) == 2  # the title and the chart, nothing else


def test_floor_rerun_app_is_the_floor_plus_one_picker() -> None:
    assert script_statements("floor_rerun_app.py") == [
        "st.title('Floor')",
        "st.selectbox('Series', ['a', 'b'])",
        "st.plotly_chart(px.line(x=list(range(24)), y=list(range(24))))",
    ]
    app = AppTest.from_file(str(BENCH_APPS / "floor_rerun_app.py"), default_timeout=60)
    app.run()
    # The benchmark changes this picker to "b" and times the rerun.
    app.selectbox[0].set_value("b").run()
    assert not app.exception


def test_floor_redraw_app_draws_another_line_after_its_one_change() -> None:
    app = AppTest.from_file(str(BENCH_APPS / "floor_redraw_app.py"), default_timeout=60)
    app.run()
    before = app.get("plotly_chart")[0].proto.spec
    app.selectbox[0].set_value("b").run()
    assert not app.exception
    assert app.get("plotly_chart")[0].proto.spec != before


def test_charts_only_app_offers_the_map_pages_indicators() -> None:
    app = AppTest.from_file(str(BENCH_APPS / "charts_only_app.py"), default_timeout=60)
    app.run()
    picker = app.selectbox[0]
    # The benchmark chooses this option by name; it must stay one of the choices.
    assert "Employment rate (16 to 64)" in picker.options
    picker.set_value("Employment rate (16 to 64)").run()
    assert not app.exception
