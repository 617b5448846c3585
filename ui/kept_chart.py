"""A Plotly chart that keeps its drawing across reruns, so a change redraws only what changed.

`st.plotly_chart` in Streamlit 1.67 gives each chart an identity that includes its figure, and
its front end keys the chart by that identity: every new figure unmounts the chart and draws it
from nothing (0.3 to 0.6 s in the browser for the map; issue 12). This element, a
`st.components.v2` component, is keyed by the caller's key alone, and its script hands each
new figure to `Plotly.react`, which updates the drawing in place. plotly.js is the copy that
ships with the plotly package the figures are built with, served once per browser from the
dashboard's own route (ui.server_routes) and cached there.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from ui import plotly_asset
from ui.area_trigger import on_area_chosen, triggered_code

POINT: Final = "point"  # the trigger a click on a point sets: the area code it carries

_SCRIPT = (Path(__file__).parent / "static" / "kept_chart.js").read_text(encoding="utf-8")
_STYLE = ".kept-chart { width: 100%; }"
COMPONENT_NAME: Final = "nolb_kept_chart"
_component = st.components.v2.component(
    COMPONENT_NAME, js=_SCRIPT, css=_STYLE, isolate_styles=False
)
# Figures are unhashable, so encodings are held by the figure's id, beside a weak reference
# that tells a live figure from a new one given the same id.
_ENCODED: dict[int, tuple[weakref.ref[go.Figure], str]] = {}
_ENCODED_KEPT: Final = 512


def figure_json(figure: go.Figure) -> str:
    """The figure as plotly.js reads it, encoded once per figure object: the page's figures
    come from caches and are never changed after they are built."""
    held = _ENCODED.get(id(figure))
    if held is not None and held[0]() is figure:
        return held[1]
    encoded = str(pio.to_json(figure, validate=False, remove_uids=False))
    if len(_ENCODED) >= _ENCODED_KEPT:
        _ENCODED.pop(next(iter(_ENCODED)))
    _ENCODED[id(figure)] = (weakref.ref(figure), encoded)
    return encoded


def kept_chart(
    figure: go.Figure,
    *,
    key: str,
    config: dict[str, Any],
    alt: str,
    on_point: Callable[[str], None] | None = None,
) -> None:
    """Draw `figure` under `key`; a click on a point carrying an area code calls `on_point`.

    `alt` is the chart's text alternative, read out in place of the drawing.
    """

    _component(
        key=key,
        data={
            "figure": figure_json(figure),
            "config": {**config, "responsive": True},
            "alt": alt,
            "src": plotly_asset.PATH,
            "selectable": on_point is not None,
        },
        on_point_change=on_area_chosen(key, POINT, on_point),
    )


def clicked_code(state: Any) -> str | None:
    """The area code of the point just clicked, from the component's state (None if none)."""
    return triggered_code(state, POINT)
