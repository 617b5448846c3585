"""Scotland's council areas: codes, names, boundaries, neighbours and partnerships.

No Streamlit here: everything is plain Python that the data build and the app both use.
"""
