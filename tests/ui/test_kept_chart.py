"""ui.kept_chart: each figure is encoded once, and only a clicked area code reaches the page."""

from __future__ import annotations

import json
from types import SimpleNamespace

import plotly.graph_objects as go
import plotly.io as pio

from ui.kept_chart import POINT, clicked_code, figure_json


def test_a_figure_is_encoded_as_plotly_js_reads_it_and_only_once() -> None:
    figure = go.Figure(go.Bar(x=[1, 2], y=[3.4, 10.2], customdata=["S12000049", "S12000047"]))
    encoded = figure_json(figure)
    assert json.loads(encoded) == json.loads(pio.to_json(figure, validate=False))
    assert figure_json(figure) is encoded  # the cached encoding, not a second one


def test_a_different_figure_is_encoded_afresh() -> None:
    first = go.Figure(go.Bar(y=[1.0]))
    second = go.Figure(go.Bar(y=[2.0]))
    assert json.loads(figure_json(first))["data"] != json.loads(figure_json(second))["data"]


def test_a_figure_built_after_another_was_dropped_is_never_given_its_encoding() -> None:
    encodings = set()
    for value in range(50):  # new figures often reuse a dropped one's id
        encoded = figure_json(go.Figure(go.Bar(y=[float(value)])))
        assert json.loads(encoded)["data"][0]["y"] == [float(value)]
        encodings.add(encoded)
    assert len(encodings) == 50


def test_only_a_clicked_area_code_is_read_from_the_state() -> None:
    assert clicked_code({POINT: "S12000049"}) == "S12000049"
    assert clicked_code(SimpleNamespace(point="S12000047")) == "S12000047"
    assert clicked_code({POINT: None}) is None
    assert clicked_code({POINT: 3}) is None
    assert clicked_code(None) is None
    assert clicked_code({}) is None
