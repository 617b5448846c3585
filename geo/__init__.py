"""Scotland's council areas: codes, names, boundaries, neighbours and partnerships (no Streamlit)."""
