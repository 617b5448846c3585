"""The server: the dashboard (app.py) plus the routes Streamlit pages cannot serve.

`streamlit run serve.py` starts it (`make run` does). Besides the pages it serves the Atom
feeds of what each release changed at /feeds/<place>.atom, with an index at /feeds/, built
from the snapshot in use and rebuilt when a refresh publishes a new one.
"""

from __future__ import annotations

import streamlit as st

from ui.server_routes import ROUTES

app = st.App("app.py", routes=ROUTES)
