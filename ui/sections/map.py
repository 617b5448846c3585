"""Map and ranking, section by section: one indicator across the 32 council areas."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.council_areas import council_areas
from indicators import map_notes
from indicators.catalogue import Catalogue, PeriodInfo
from metadata.registry import Indicator
from ui import cached, panels, url_state, widgets

LAYOUTS = {"map": "Map", "tiles": "Equal-area tiles"}


@dataclass(frozen=True)
class Ranking:
    """The chosen indicator and period, the councils ranked, and the area selected (if any)."""

    indicator: Indicator
    period: PeriodInfo
    ranked: pd.DataFrame
    scotland_value: float | None
    table: pd.DataFrame
    selected_code: str | None

    @property
    def stub(self) -> str:
        return panels.file_stub(self.indicator.title, self.period.label)


def choices(catalogue: Catalogue) -> Ranking:
    """Title, indicator and period pickers, and the headline sentence."""
    st.title("Map and ranking of council areas")
    picker_columns = st.columns([2, 1])
    with picker_columns[0]:
        indicator = widgets.indicator_picker(
            catalogue, catalogue.indicators(council_areas_only=True), key="map_indicator"
        )
    periods = catalogue.periods(indicator.id, geography="council_area")
    with picker_columns[1]:
        period = widgets.period_picker(periods, key=f"map_period_{indicator.id}")
    ranked, scotland_value = cached.ranked(catalogue, indicator, period.period)
    st.markdown(map_notes.headline(indicator, period.label, ranked, scotland_value))
    extra = ["Rank (1 = best)", "Compared with Scotland"] + (
        ["Plausible rank range"] if indicator.has_interval else []
    )
    table = panels.display_table(ranked, indicator, extra=extra)
    selected = url_state.parse_area(url_state.get("area")).value or url_state.remembered_area()
    return Ranking(indicator, period, ranked, scotland_value, table, selected)


def layout_choice() -> str:
    """Geographic outlines or equal-area tiles (URL `layout`)."""
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


def remember_selection(ranking: Ranking) -> None:
    """The selected area is kept in the URL and for the other pages."""
    if ranking.selected_code is not None:
        url_state.remember_area(ranking.selected_code)
        url_state.set_params(area=ranking.selected_code)


def _profile_link(code: str) -> None:
    name = {a.code: a.name for a in council_areas()}[code]
    st.page_link(
        "pages/area.py",
        label=f"Open the profile of {name}",
        icon=":material/location_on:",
        query_params={"area": code},
    )


def map_and_table(catalogue: Catalogue, ranking: Ranking, layout: str) -> None:
    """The map, and beside it the selected area and the ranked table (rows select an area)."""
    indicator, period = ranking.indicator, ranking.period
    map_column, table_column = st.columns([3, 2])
    with map_column:
        panels.chart_with_table(
            cached.map_figure(catalogue, indicator, period.period, layout, ranking.selected_code),
            ranking.table,
            key="choropleth",
            filename=f"map_{ranking.stub}",
            alt=map_notes.map_alt(indicator, period.label, ranking.ranked),
            catalogue=catalogue,
            rows=ranking.ranked,
            on_select=panels.select_area_from("choropleth"),
        )
    with table_column:
        code = ranking.selected_code
        if code is not None:
            name = {a.code: a.name for a in council_areas()}[code]
            st.markdown(map_notes.selected_line(indicator, ranking.ranked, code, name))
            _profile_link(code)
        else:
            st.caption(
                "Select an area on the map, a row of the ranked table or a bar in the ranking "
                "below to open its profile."
            )
        st.header("Ranked table")
        text = st.column_config.TextColumn
        table_key = panels.selectable_table_key("ranked_table", f"{indicator.id} {period.period}")
        st.dataframe(
            ranking.table[["Rank (1 = best)", "Area", indicator.title, "Compared with Scotland"]],
            hide_index=True,
            width="stretch",
            height=620,
            key=table_key,
            on_select=panels.select_area_from_table(table_key, list(ranking.ranked["area_code"])),
            selection_mode="single-row",
            # Short headings so all four columns fit beside the map; the help says the rest.
            column_config=panels.number_columns(ranking.table)
            | {
                "Rank (1 = best)": text("Rank", help="1 = best; '=' marks a tie", width=56),
                "Compared with Scotland": text(
                    "vs Scotland",
                    help="Better or worse only when the 95% interval excludes Scotland's figure",
                ),
            },
        )


def ranking_bars(catalogue: Catalogue, ranking: Ranking) -> None:
    """The ranking with 95% intervals, drawn on demand; then the source."""
    indicator, period = ranking.indicator, ranking.period
    st.header("Ranking with 95% confidence intervals")
    if not indicator.has_interval:
        st.caption("This indicator is an administrative figure or published without intervals.")
    # The ranked table beside the map gives every value and interval; the bars draw them too.
    if panels.shown_on_demand("Show the ranking chart", key="ranked_bars_shown"):
        panels.chart_with_table(
            cached.bars_figure(catalogue, indicator, period.period),
            ranking.table,
            key="ranked_bars",
            filename=f"ranking_{ranking.stub}",
            alt=map_notes.bars_alt(indicator, period.label),
            catalogue=catalogue,
            rows=ranking.ranked,
            on_select=panels.select_area_from("ranked_bars"),
        )
    if ranking.selected_code is not None:
        _profile_link(ranking.selected_code)
    panels.source_note(catalogue, indicator, period.label)
