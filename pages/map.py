"""Map and ranking: one indicator across the 32 council areas for a chosen period."""

from __future__ import annotations

import streamlit as st

from geo.council_areas import SCOTLAND_CODE
from geo.outlines import projected_outlines
from indicators.ranking import rank_areas
from indicators.significance import compare_to_value, judge
from indicators.summaries import estimate_of
from indicators.units import format_value
from ui import figures, panels, session, widgets

catalogue = session.catalogue()
st.title("Map and ranking of council areas")

options = catalogue.indicators(council_areas_only=True)
picker_columns = st.columns([2, 1])
with picker_columns[0]:
    indicator = widgets.indicator_picker(catalogue, options, key="map_indicator")
periods = catalogue.periods(indicator.id, geography="council_area")
with picker_columns[1]:
    period = widgets.period_picker(periods, key=f"map_period_{indicator.id}")

rows = catalogue.council_values(indicator.id, period.period)
scotland_rows = catalogue.observations(
    indicator.id, area_codes=[SCOTLAND_CODE], period=period.period
)
scotland_value = (
    float(scotland_rows["value"].iloc[0])
    if not scotland_rows.empty and scotland_rows["value"].notna().iloc[0]
    else None
)
ranked = rank_areas(rows, indicator.polarity)
ranked["vs_scotland"] = [
    judge(compare_to_value(estimate_of(r), scotland_value), indicator.polarity).value
    if r["value"] == r["value"]
    else "unknown"
    for _, r in ranked.iterrows()
]
ranked["Compared with Scotland"] = ranked["vs_scotland"].map(
    {
        "better": "Better",
        "worse": "Worse",
        "not_different": "Not significantly different",
        "unknown": "No comparison",
    }
)
ranked["Rank (1 = best)"] = ranked["rank_label"]
if indicator.has_interval:
    ranked["Plausible rank range"] = [
        "" if r.rank_label == "" else f"{r.rank_best} to {r.rank_worst}"
        for r in ranked.itertuples()
    ]

scotland_text = format_value(scotland_value, indicator)
st.markdown(
    f"**{indicator.title}, {period.label}.** Scotland: {scotland_text}. "
    f"{int(ranked['ranked_count'].iloc[0])} of 32 council areas have a reliable estimate. "
    f"{indicator.question}"
)

map_column, table_column = st.columns([3, 2])
stub = panels.file_stub(indicator.title, period.label)
extra = ["Rank (1 = best)", "Compared with Scotland"] + (
    ["Plausible rank range"] if indicator.has_interval else []
)
table = panels.display_table(ranked, indicator, extra=extra)
with map_column:
    figure = figures.choropleth(
        ranked, projected_outlines(), indicator, scotland_value=scotland_value
    )
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
    )
with table_column:
    st.subheader("Ranked table")
    st.dataframe(
        table[["Rank (1 = best)", "Area", indicator.title, "Compared with Scotland"]],
        hide_index=True,
        width="stretch",
        height=620,
    )

st.subheader("Ranking with 95% confidence intervals")
if not indicator.has_interval:
    st.caption("This indicator is an administrative figure or published without intervals.")
bars = figures.ranked_bars(ranked, indicator, scotland_value=scotland_value)
panels.chart_with_table(
    bars,
    table,
    key="ranked_bars",
    filename=f"ranking_{stub}",
    alt=(
        f"Bar chart ranking the council areas on {indicator.title}, {period.label}, "
        "with Scotland's value as a dashed line."
    ),
    catalogue=catalogue,
    rows=ranked,
)
panels.source_note(catalogue, indicator, period.label)
