"""The floor plus one widget, so the floor's rerun after one widget change can be timed.

The floor itself has no widget. This adds one picker and nothing else: changing it reruns
the floor's script, whose title and chart stay the same, which is the least a rerun costs.
"""

import plotly.express as px
import streamlit as st

st.title("Floor")
st.selectbox("Series", ["a", "b"])
st.plotly_chart(px.line(x=list(range(24)), y=list(range(24))))
