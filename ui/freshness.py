"""How current the figures are, on the page: a line under each headline and chart, and the
Overview's notice when the data in use are behind their sources' release timetables."""

from __future__ import annotations

from datetime import date

import streamlit as st

from indicators import freshness
from indicators.catalogue import Catalogue


def today() -> date:
    """The day the ages and expected releases are reckoned from (tests replace it)."""
    return date.today()


def freshness_sentence(
    catalogue: Catalogue, indicator_id: str, *, area_code: str | None = None
) -> str:
    """'Latest figures held: March 2021, 5 years 8 months old. A newer release was due ...'"""
    return freshness.indicator_freshness(
        catalogue, indicator_id, today(), area_code=area_code
    ).sentence()


def freshness_note(catalogue: Catalogue, indicator_id: str, *, area_code: str) -> None:
    """Under a headline figure: how old it is and when a newer one is due."""
    sentence = freshness_sentence(catalogue, indicator_id, area_code=area_code)
    st.markdown(f":small[:material/schedule: {sentence}]")


def stale_notice(catalogue: Catalogue) -> None:
    """At the top of the Overview, only when the data in use are behind their sources."""
    notice = freshness.stale_notice(catalogue, today())
    if notice is not None:
        st.warning(notice, icon=":material/update:")
