"""The domain: the catalogue over registry and snapshot, and the analysis on it (no Streamlit)."""
