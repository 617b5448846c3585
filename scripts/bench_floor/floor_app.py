"""The floor for this stack, exactly as issue 12 defines it: a title and one Plotly line chart.

Every page of the dashboard is timed against this app, served at the same time on the same
Streamlit, so machine load affects both alike.
"""

import plotly.express as px
import streamlit as st

st.title("Floor")
st.plotly_chart(px.line(x=list(range(24)), y=list(range(24))))
