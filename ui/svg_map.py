"""The council map on the page as a light SVG that updates in place (issue 12).

Redrawing the Plotly choropleth for a new measure made about 5,500 changes to the page and
held the browser about 0.35 s; this element, a `st.components.v2` component keyed by the
caller's key, draws the 32 outlines once per outline set (the geometry's token says when) and
afterwards only changes fills, outlines, words, labels and the key. Every colour, figure and
word comes from Python (ui.map_shapes); the script only places them.

Each area is a button: a click, Enter or Space selects it, and pointing at it or focusing it
shows its figure and rank in a tooltip. The map is one Tab stop (the area focused last, else
the selected one); the arrow keys move between the areas in name order. The Plotly figure
stays behind the image downloads (ui.figures.choropleth), built from the same looks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

import streamlit as st

from ui import theme
from ui.area_trigger import on_area_chosen
from ui.kept_chart import POINT
from ui.map_shapes import MapPicture

_SCRIPT = (Path(__file__).parent / "static" / "svg_map.js").read_text(encoding="utf-8")
# House colours only; no data ever reaches this CSS.
_STYLE = f"""
.svg-map {{ position: relative; width: 100%; }}
.svg-map svg {{ display: block; width: 100%; }}
.svg-map .area {{ cursor: pointer; vector-effect: non-scaling-stroke; }}
/* The focus ring is the area's own outline, drawn over its neighbours (the .focus path):
   a CSS outline on an SVG shape is scaled with the map, miles wide. */
.svg-map path.area:focus, .svg-map path.area:focus-visible {{ outline: none !important; }}
.svg-map .overlay {{ fill: none; pointer-events: none; vector-effect: non-scaling-stroke; }}
.svg-map .labels {{ pointer-events: none; font-family: inherit; }}
.svg-map .tooltip {{
  position: absolute; z-index: 2; pointer-events: none; max-width: 18rem;
  padding: 0.35rem 0.55rem; border: 1px solid {theme.MISSING_LINE}; border-radius: 4px;
  background: #ffffff; color: {theme.TEXT}; font-size: 0.9rem; line-height: 1.35;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
}}
.svg-map .tooltip[hidden] {{ display: none; }}
.svg-map .hint {{ color: {theme.MUTED_TEXT}; font-size: 0.875rem; margin: 0.25rem 0 0; }}
.svg-map .key {{ display: flex; flex-wrap: wrap; gap: 0.4rem 1.5rem; align-items: flex-end;
  color: {theme.TEXT}; font-size: 0.875rem; margin-top: 0.25rem; }}
.svg-map .ramp-labels {{ display: flex; justify-content: space-between; gap: 1rem; }}
.svg-map .ramp {{ width: 14rem; height: 0.8rem; border: 1px solid {theme.MISSING_LINE}; }}
.svg-map .swatch {{ display: inline-block; width: 1.4rem; height: 0.8rem; margin-right: 0.4rem;
  vertical-align: middle; border: 1px solid {theme.MISSING_LINE}; }}
"""
COMPONENT_NAME: Final = "nolb_svg_map"
_component = st.components.v2.component(
    COMPONENT_NAME, js=_SCRIPT, css=_STYLE, isolate_styles=False
)


KEYBOARD_HINT: Final = (
    "Point at an area or move to it with Tab and the arrow keys to see its figure; "
    "click it or press Enter to select it."
)


def draw(
    picture: MapPicture,
    *,
    key: str,
    alt: str,
    on_area: Callable[[str], None] | None = None,
) -> None:
    """Draw `picture` under `key`; choosing an area (click, Enter or Space) calls `on_area`
    with its code, before the page reruns. `alt` is the map in words, read out first."""

    _component(
        key=key,
        data={
            **picture.as_data(),
            "alt": alt,
            "selectable": on_area is not None,
            "hint": KEYBOARD_HINT if on_area is not None else "",
        },
        on_point_change=on_area_chosen(key, POINT, on_area),
    )
