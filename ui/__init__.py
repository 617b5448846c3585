"""Streamlit-aware shared pieces: cached catalogue, URL state, widgets, panels, figures, theme."""
