"""The charts a page drew, read from an AppTest run: each is a ui.kept_chart element."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from streamlit.testing.v1 import AppTest

from ui.kept_chart import COMPONENT_NAME


@dataclass(frozen=True)
class DrawnChart:
    """A chart as the browser receives it: its key, Plotly figure, text alternative and
    whether a click on a point selects an area."""

    key: str
    figure: dict[str, Any]
    alt: str
    selectable: bool


def drawn_charts(app: AppTest) -> list[DrawnChart]:
    """The page's charts in page order."""
    charts = []
    for element in app.get("bidi_component"):
        proto = element.proto
        if proto.component_name != COMPONENT_NAME:
            continue
        data = json.loads(proto.json)
        charts.append(
            DrawnChart(
                key=proto.id.rsplit("-", 1)[-1],
                figure=json.loads(data["figure"]),
                alt=data["alt"],
                selectable=data["selectable"],
            )
        )
    return charts
