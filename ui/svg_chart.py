"""A chart on the page as light SVG markup that is replaced in place on a rerun (issue 12).

Plotly.react redrawing the area profile's spine chart for a new area made about 2,950 changes
to the page and held the browser about 0.3 s. This element, a `st.components.v2` component
keyed by the caller's key, receives the chart as markup built and escaped in Python (e.g.
ui.spine_svg) and swaps it in only when it changed; its script makes no number or word. Each
marker with a `data-tip` shows those words in a tooltip on hover or focus. The Plotly figure
stays behind the image downloads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import streamlit as st

from ui import theme

_SCRIPT = (Path(__file__).parent / "static" / "svg_chart.js").read_text(encoding="utf-8")
# House colours only; no data ever reaches this CSS.
_STYLE = f"""
.svg-chart {{ position: relative; width: 100%; color: {theme.TEXT}; }}
.svg-chart .legend {{ display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; list-style: none;
  margin: 0 0 0.5rem; padding: 0; font-size: 0.875rem; }}
.svg-chart .legend li {{ display: flex; align-items: center; gap: 0.35rem; margin: 0; }}
.svg-chart .spine {{ display: grid; grid-template-columns: minmax(8rem, 32%) 1fr;
  gap: 0.5rem 0.75rem; align-items: center; }}
.svg-chart .row-label {{ font-size: 0.9rem; line-height: 1.3; text-align: right; }}
.svg-chart svg {{ display: block; overflow: visible; }}
.svg-chart .mark {{ cursor: default; }}
.svg-chart .mark:focus {{ outline: none; }}
.svg-chart .mark:focus path {{ stroke: {theme.ACCENT}; stroke-width: 3; }}
.svg-chart .axis-title {{ color: {theme.MUTED_TEXT}; font-size: 0.875rem; margin: 0.25rem 0 0;
  text-align: center; }}
.svg-chart .tooltip {{
  position: absolute; z-index: 2; pointer-events: none; max-width: 22rem;
  padding: 0.35rem 0.55rem; border: 1px solid {theme.MISSING_LINE}; border-radius: 4px;
  background: #ffffff; color: {theme.TEXT}; font-size: 0.875rem; line-height: 1.35;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
}}
.svg-chart .tooltip[hidden] {{ display: none; }}
"""
COMPONENT_NAME: Final = "nolb_svg_chart"
_component = st.components.v2.component(
    COMPONENT_NAME, js=_SCRIPT, css=_STYLE, isolate_styles=False
)


def draw(markup: str, *, key: str, alt: str) -> None:
    """Draw `markup` (escaped HTML with inline SVG) under `key`; `alt` is the chart in words,
    read out as the chart's name."""
    _component(key=key, data={"markup": markup, "alt": alt})
