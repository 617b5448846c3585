"""The sections of Map and ranking, in reading order: the measure and period, the layout, the
map beside the ranked table, then the ranking bars with their intervals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd
import streamlit as st

from geo.council_areas import area_name
from indicators.catalogue import Catalogue, PeriodInfo
from indicators.map_notes import bars_alt, headline, map_alt, selected_note
from indicators.ranking import RANK_HEADING
from metadata.registry import Indicator
from ui import cached, html_table, panels, svg_map, url_state, widgets

LAYOUTS: Final = {"map": "Map", "tiles": "Equal-area tiles"}


@dataclass(frozen=True)
class Ranking:
    """The chosen measure and period, the council areas ranked on it, and Scotland's figure."""

    indicator: Indicator
    period: PeriodInfo
    ranked: pd.DataFrame
    scotland_value: float | None
    table: pd.DataFrame  # the ranked areas as a number-typed grid, behind every chart here

    @property
    def file_stub(self) -> str:
        return panels.file_stub(self.indicator.title, self.period.label)


def choices(catalogue: Catalogue) -> Ranking:
    """The measure and its period, then the headline over the ranked areas."""
    st.title("Map and ranking of council areas")
    indicator, period = widgets.council_measure_picker(catalogue, key="map")
    ranked, scotland_value = cached.ranked(catalogue, indicator, period.period)
    st.markdown(headline(indicator, period.label, ranked, scotland_value))
    return Ranking(
        indicator, period, ranked, scotland_value, panels.ranked_table(ranked, indicator)
    )


def layout_choice() -> str:
    """A map or equal-area tiles (URL `layout`; the map is the default and left out)."""
    layout_param = url_state.get("layout")
    layout = (
        st.segmented_control(
            "Layout",
            list(LAYOUTS),
            default=layout_param if layout_param in LAYOUTS else "map",
            format_func=LAYOUTS.__getitem__,
            help="Equal-area tiles give every council the same space, so small city councils show.",
            key="map_layout",
        )
        or "map"
    )
    url_state.set_params(layout=None if layout == "map" else layout)
    return layout


def selected_area() -> str | None:
    """The area chosen here or on another page (URL `area`), remembered for the other pages."""
    code = url_state.parse_area(url_state.get("area")).value or url_state.remembered_area()
    if code is not None:
        url_state.remember_area(code)
        url_state.set_params(area=code)
    return code


def _profile_link(area_code: str) -> None:
    st.page_link(
        "pages/area.py",
        label=f"Open the profile of {area_name(area_code)}",
        icon=":material/location_on:",
        query_params={"area": area_code},
    )


def map_and_table(
    catalogue: Catalogue, ranking: Ranking, layout: str, selected_code: str | None
) -> None:
    """The map (selecting an area chooses it) beside the ranked table of every value."""
    indicator, period, ranked = ranking.indicator, ranking.period, ranking.ranked
    map_column, table_column = st.columns([3, 2])
    table = ranking.table
    with map_column:
        svg_map.draw(
            cached.map_picture(catalogue, indicator, period.period, layout, selected_code),
            key="choropleth",
            alt=map_alt(indicator, period.label, ranked),
            on_area=panels.choose_area,
        )
        # The image downloads are drawn from the Plotly figure of the same map.
        panels.downloads_and_table(
            cached.map_figure(catalogue, indicator, period.period, layout, selected_code),
            table,
            key="choropleth",
            filename=f"map_{ranking.file_stub}",
            catalogue=catalogue,
            rows=ranked,
        )
    with table_column:
        if selected_code is not None:
            st.markdown(selected_note(indicator, ranked, selected_code, area_name(selected_code)))
            _profile_link(selected_code)
        else:
            st.caption(
                "Select an area on the map, a row of the ranked table or a bar in the ranking "
                "below to open its profile."
            )
        st.header("Ranked table")
        _ranked_table(ranking)


def _ranked_table(ranking: Ranking) -> None:
    """Rank, tie, area, value and judgement; each area's button chooses that area.

    An HTML table (ui.html_table): its body alone changes on a new measure, where a data grid
    rewrote its hidden accessibility table last, 0.2 s after the rest of the page (issue 12).
    The area chosen is the page's `area`, already settled by `selected_area` this run."""
    indicator, ranked, table = ranking.indicator, ranking.ranked, ranking.table
    html_table.html_table(
        table[[RANK_HEADING, panels.TIED, "Area", indicator.title, panels.JUDGED_AGAINST_SCOTLAND]],
        key="ranked_table",
        caption=f"{indicator.title}, {ranking.period.label}: council areas ranked, 1 = best",
        # Short headings so the columns fit beside the map; the notes say the rest. The rank
        # is a number, so sorting by it sorts 2 before 10; a tie's '=' is in its own column.
        headings={
            RANK_HEADING: "Rank",
            panels.TIED: "Tie",
            panels.JUDGED_AGAINST_SCOTLAND: "vs Scotland",
        },
        help_texts={
            RANK_HEADING: "1 = best",
            panels.TIED: "'=' marks a rank shared with another area",
            panels.JUDGED_AGAINST_SCOTLAND: (
                "Better or worse only when the 95% interval excludes Scotland's figure"
            ),
        },
        height=620,
        row_codes=list(ranked["area_code"]),
        selected_code=url_state.parse_area(url_state.get("area")).value,
        on_row=panels.choose_area,
    )


def ranking_bars(catalogue: Catalogue, ranking: Ranking, selected_code: str | None) -> None:
    """The ranking with 95% intervals, drawn on demand (the table gives every value), then the
    selected area's profile link and the source."""
    indicator, period, ranked = ranking.indicator, ranking.period, ranking.ranked
    st.header("Ranking with 95% confidence intervals")
    if not indicator.has_interval:
        st.caption("This indicator is an administrative figure or published without intervals.")
    if panels.shown_on_demand("Show the ranking chart", key="ranked_bars_shown"):
        panels.chart_with_table(
            cached.bars_figure(catalogue, indicator, period.period),
            ranking.table,
            key="ranked_bars",
            filename=f"ranking_{ranking.file_stub}",
            alt=bars_alt(indicator, period.label),
            catalogue=catalogue,
            rows=ranked,
            on_select=panels.choose_area,
        )
    if selected_code is not None:
        _profile_link(selected_code)
    panels.source_note(catalogue, indicator, period.label)
