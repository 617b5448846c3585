"""No One Left Behind delivery: the strategy's own published figures, each with its edition."""

from __future__ import annotations

import streamlit as st

from ui import session
from ui.sections import delivery

catalogue = session.catalogue()
st.title("No One Left Behind delivery")
st.markdown(
    "The strategy's own figures: people starting support, job entries and the council table, "
    "as the Scottish Government and the Scottish Parliament published them. They are "
    "**official statistics in development**, transcribed from the pages each row cites; "
    "nothing is estimated, summed or filled."
)
delivery.caveats(catalogue)
delivery.yearly_section(catalogue)
delivery.cumulative_section(catalogue)
delivery.council_section(catalogue)
delivery.other_figures_section(catalogue)
delivery.source_note(catalogue)
