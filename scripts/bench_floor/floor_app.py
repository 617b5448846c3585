"""The floor for this stack: a minimal Streamlit app that renders one Plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
choice = st.selectbox("Series", ["a", "b"])
values = [1, 3, 2, 4] if choice == "a" else [4, 2, 3, 1]
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=values)))
