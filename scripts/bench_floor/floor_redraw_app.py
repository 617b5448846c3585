"""A reference for interactions: the floor whose one widget change redraws its chart.

The floor's rerun (floor_rerun_app.py) leaves its chart as it was; the dashboard's
interactions redraw theirs. This shows what one redrawn 24-point Plotly line costs.
"""

import plotly.express as px
import streamlit as st

st.title("Floor")
series = st.selectbox("Series", ["a", "b"])
values = list(range(24)) if series == "a" else list(range(24))[::-1]
st.plotly_chart(px.line(x=list(range(24)), y=values))
