"""A second reference: the /map page's two figures alone on a bare page, with one picker.

It separates what the charts themselves cost the browser to redraw from what the rest of the
dashboard's page (tables, buttons, text, navigation) adds. Figures come from the app's own
cached builders on the embedded snapshot, so they are the real ones.
"""

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui import cached, session  # noqa: E402

catalogue = session.catalogue()
options = {i.title: i.id for i in catalogue.indicators(council_areas_only=True)}
indicator_id = options[st.selectbox("Indicator", list(options))]
latest = catalogue.latest_period(indicator_id)
assert latest is not None
st.plotly_chart(
    cached.map_figure(catalogue, catalogue.indicator(indicator_id), latest.period, "map", None),
    key="map",
    on_select="rerun",
    selection_mode=("points",),
)
st.plotly_chart(
    cached.bars_figure(catalogue, catalogue.indicator(indicator_id), latest.period), key="bars"
)
