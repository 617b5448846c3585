"""What's new: what each release changed, in plain words, most important first."""

from __future__ import annotations

import streamlit as st

from ui import session, whats_new

catalogue = session.catalogue()
st.title("What's new")
st.markdown(
    "What the latest release of figures changed against the one before: new periods, revised "
    "figures, and the moves that matter, judged with the 95% confidence intervals (a change is "
    "called significant only when the intervals support it). Add `?since=YYYY-MM-DD` to the "
    "address to see every release since a date."
)
chosen = whats_new.filters(catalogue)
whats_new.releases_section(chosen)
whats_new.feeds_section(chosen)
