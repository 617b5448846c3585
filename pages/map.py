"""Map and ranking: one indicator across the 32 council areas for a chosen period."""

from __future__ import annotations

import streamlit as st

from geo.council_areas import council_areas
from indicators.ranking import RANK_HEADING
from indicators.units import format_value
from ui import cached, panels, session, url_state, widgets

catalogue = session.catalogue()
st.title("Map and ranking of council areas")

options = catalogue.indicators(council_areas_only=True)
picker_columns = st.columns([2, 1])
with picker_columns[0]:
    indicator = widgets.indicator_picker(catalogue, options, key="map_indicator")
periods = catalogue.periods(indicator.id, geography="council_area")
with picker_columns[1]:
    period = widgets.period_picker(periods, key=f"map_period_{indicator.id}")

ranked, scotland_value = cached.ranked(catalogue, indicator, period.period)

scotland_text = format_value(scotland_value, indicator)
st.markdown(
    f"**{indicator.title}, {period.label}.** Scotland: {scotland_text}. "
    f"{int(ranked['ranked_count'].iloc[0])} of 32 council areas have a reliable estimate. "
    f"{indicator.question}"
)

LAYOUTS = {"map": "Map", "tiles": "Equal-area tiles"}
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
selected_code = url_state.parse_area(url_state.get("area")).value or url_state.remembered_area()
if selected_code is not None:
    url_state.remember_area(selected_code)
    url_state.set_params(area=selected_code)

map_column, table_column = st.columns([3, 2])
stub = panels.file_stub(indicator.title, period.label)
table = panels.ranked_table(ranked, indicator)
with map_column:
    figure = cached.map_figure(catalogue, indicator, period.period, layout, selected_code)
    best = ranked.iloc[0]
    panels.chart_with_table(
        figure,
        table,
        key="choropleth",
        filename=f"map_{stub}",
        alt=(
            f"Map of {indicator.title} by council area, {period.label}. "
            f"Best: {best['area_name']} {format_value(best['value'], indicator)}. "
            "The ranked table beside the map gives every value."
        ),
        catalogue=catalogue,
        rows=ranked,
        on_select=panels.select_area_from("choropleth"),
    )
names = {a.code: a.name for a in council_areas()}
with table_column:
    if selected_code is not None:
        chosen = ranked[ranked["area_code"] == selected_code].iloc[0]
        st.markdown(
            f"**Selected: {names[selected_code]}**, {format_value(chosen['value'], indicator)}, "
            f"rank {chosen['rank_label'] or 'not ranked'} of {int(chosen['ranked_count'])}."
        )
        st.page_link(
            "pages/area.py",
            label=f"Open the profile of {names[selected_code]}",
            icon=":material/location_on:",
            query_params={"area": selected_code},
        )
    else:
        st.caption(
            "Select an area on the map, a row of the ranked table or a bar in the ranking below "
            "to open its profile."
        )
    st.header("Ranked table")
    text = st.column_config.TextColumn
    table_key = panels.selectable_table_key("ranked_table", f"{indicator.id} {period.period}")
    st.dataframe(
        table[[RANK_HEADING, panels.TIED, "Area", indicator.title, panels.JUDGED_AGAINST_SCOTLAND]],
        hide_index=True,
        width="stretch",
        height=620,
        key=table_key,
        on_select=panels.select_area_from_table(table_key, list(ranked["area_code"])),
        selection_mode="single-row",
        # Short headings so the columns fit beside the map; the help says the rest. The rank
        # is a number, so sorting by it sorts 2 before 10; a tie's '=' is in its own column.
        column_config=panels.number_columns(table)
        | {
            RANK_HEADING: st.column_config.NumberColumn(
                "Rank", help="1 = best", format="%d", width=48
            ),
            panels.TIED: text("Tie", help="'=' marks a rank shared with another area", width=40),
            panels.JUDGED_AGAINST_SCOTLAND: text(
                "vs Scotland",
                help="Better or worse only when the 95% interval excludes Scotland's figure",
            ),
        },
    )

st.header("Ranking with 95% confidence intervals")
if not indicator.has_interval:
    st.caption("This indicator is an administrative figure or published without intervals.")
# The ranked table beside the map gives every value and interval; the bars draw them too.
if panels.shown_on_demand("Show the ranking chart", key="ranked_bars_shown"):
    panels.chart_with_table(
        cached.bars_figure(catalogue, indicator, period.period),
        table,
        key="ranked_bars",
        filename=f"ranking_{stub}",
        alt=(
            f"Bar chart ranking the council areas on {indicator.title}, {period.label}, "
            "with Scotland's value as a dashed line. Select a bar to choose that area."
        ),
        catalogue=catalogue,
        rows=ranked,
        on_select=panels.select_area_from("ranked_bars"),
    )
if selected_code is not None:
    st.page_link(
        "pages/area.py",
        label=f"Open the profile of {names[selected_code]}",
        icon=":material/location_on:",
        query_params={"area": selected_code},
    )
panels.source_note(catalogue, indicator, period.label)
