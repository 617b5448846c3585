"""Briefing packs: the dashboard's figures and words as Word and PDF documents (no Streamlit)."""
