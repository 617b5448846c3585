"""The About page's "Vintages and series breaks" section: for each series, which publication
edition its figures come from (per release, with the periods it gives) and the breaks marked
on its charts. Words come from the registry and the snapshot manifest, never typed here."""

from __future__ import annotations

import streamlit as st

from indicators.catalogue import Catalogue
from ui.trend_figures import event_dates_words


def release_lines(catalogue: Catalogue, indicator_id: str) -> list[str]:
    """One line per release behind the series: publisher, title, published date, periods."""
    rows = catalogue.observations(indicator_id)
    lines = []
    for release in catalogue.releases_for(indicator_id):
        own = rows[rows["release_id"] == release.release_id].sort_values("period_end")
        first, last = str(own["period_label"].iloc[0]), str(own["period_label"].iloc[-1])
        periods = first if first == last else f"{first} to {last}"
        lines.append(
            f"{release.publisher}, {release.title} (published {release.published}): {periods}"
        )
    return lines


def vintages_section(catalogue: Catalogue) -> None:
    """Each series' vintage and its breaks, in registry order."""
    st.header("Vintages and series breaks", anchor="vintages")
    st.markdown(
        "Which edition of each publication every series comes from, and where a series breaks. "
        "Later editions can revise earlier years; a series uses one edition wherever a later one "
        "revises it, and older editions are kept in the snapshot's record of sources."
    )
    for indicator in catalogue.indicators():
        parts = []
        if indicator.vintage:
            parts.append(f"**Vintage.** {indicator.vintage}")
        parts.append(
            "**Releases used:** " + "; ".join(release_lines(catalogue, indicator.id)) + "."
        )
        breaks = [e for e in catalogue.registry.events_for(indicator.id) if e.kind == "break"]
        if breaks:
            parts.append(
                "**Series breaks:** "
                + "; ".join(f"{e.title}, {event_dates_words(e)}" for e in breaks)
                + "."
            )
        else:
            parts.append("**Series breaks:** none marked.")
        st.markdown(f"**{indicator.title}** ({indicator.period_words})\n\n" + "\n\n".join(parts))
