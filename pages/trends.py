"""Trends: one indicator over time for several areas, with 95% bands, gaps and events marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.council_areas import SCOTLAND_CODE
from indicators.glossary import GEOGRAPHY_WORDS
from indicators.units import format_value
from ui import multi_pickers, panels, session, trend_figures, url_state, widgets

DEFAULT_AREAS = [SCOTLAND_CODE, "S12000049", "S12000036"]  # Glasgow City, City of Edinburgh

catalogue = session.catalogue()
st.title("Trends over time")
st.markdown(
    "How an indicator has changed over the years in the areas you choose. Shaded bands around "
    "each line are 95% confidence intervals where the publisher gives them. Periods with no "
    "reliable figure are left as gaps in the line and listed under the chart."
)

names = multi_pickers.area_names()
picker_columns = st.columns([2, 3])
with picker_columns[0]:
    # Only indicators with figures in this snapshot (some come only with a refreshed one).
    held = [i for i in catalogue.indicators() if catalogue.periods(i.id)]
    indicator = widgets.indicator_picker(
        catalogue, held, key="trends_indicator", default_id="employment_rate"
    )
with picker_columns[1]:
    url_areas, area_messages = multi_pickers.parse_area_list(url_state.get("areas"))
    remembered = url_state.remembered_area()  # the council area chosen on another page
    url_state.show_messages(area_messages)
    codes = multi_pickers.synced_multiselect(
        "Areas",
        list(names),
        param="areas",
        key="trends_areas",
        url_values=url_areas,
        default=[SCOTLAND_CODE, remembered] if remembered else DEFAULT_AREAS,
        format_func=lambda code: names[code],
        to_param=str,
        help="Scotland and any of the 32 council areas. Up to eight lines stay easy to tell apart.",
        placeholder="Choose one or more areas",
    )

periods = catalogue.periods(indicator.id)
by_period = {p.period: p for p in periods}
option_columns = st.columns([3, 1])
with option_columns[0]:
    last_indicator = st.session_state.get("trends_last_indicator")
    follow_url = last_indicator in (None, indicator.id)
    st.session_state["trends_last_indicator"] = indicator.id
    if len(periods) > 2:
        parsed_from = url_state.parse_period(
            url_state.get("from") if follow_url else None,
            {p: i.label for p, i in by_period.items()},
        )
        parsed_to = url_state.parse_period(
            url_state.get("to") if follow_url else None, {p: i.label for p, i in by_period.items()}
        )
        url_state.show_messages(parsed_from.messages + parsed_to.messages)
        first, last = multi_pickers.synced_range(
            "Periods shown",
            list(by_period),
            params=("from", "to"),
            key=f"trends_range_{indicator.id}",
            url_values=(parsed_from.value, parsed_to.value),
            format_func=lambda p: by_period[p].label,
            to_param=str,
        )
    else:
        first, last = periods[0].period, periods[-1].period
        url_state.set_params(**{"from": None, "to": None})
with option_columns[1]:
    st.write("")
    zoom = multi_pickers.synced_checkbox(
        "Zoom to the data",
        param="zoom",
        key="trends_zoom",
        help="Start the vertical axis near the lowest figure instead of at zero. Zooming makes "
        "small changes look larger.",
    )

if not codes:
    st.warning("Choose at least one area to draw the chart.")
    st.stop()

start_end, stop_end = by_period[first].end, by_period[last].end
frames = [catalogue.series(indicator.id, code) for code in codes]
frame = pd.concat(frames, ignore_index=True)
frame = frame[(frame["period_end"] >= start_end) & (frame["period_end"] <= stop_end)]
without = [names[c] for c, f in zip(codes, frames, strict=True) if f.empty]
if without:
    where = " and ".join(GEOGRAPHY_WORDS[g] for g in indicator.geographies)
    st.info(
        f"{indicator.title} is published for {where} only, so there are no figures for "
        f"{', '.join(without)}.",
        icon=":material/info:",
    )
if frame.empty:
    st.warning("There are no figures for these areas and periods. Choose other areas or periods.")
    st.stop()
frame = frame.reset_index(drop=True)

latest_parts = []
for code in codes:
    usable = frame[(frame["area_code"] == code) & frame["value"].notna()]
    if not usable.empty:
        row = usable.iloc[-1]
        latest_parts.append(
            f"{row['area_name']} {format_value(row['value'], indicator)} ({row['period_label']})"
        )
shown_label = f"{by_period[first].label} to {by_period[last].label}"
st.markdown(
    f"**{indicator.title}, {shown_label}.** {indicator.question} "
    f"Newest figures shown: {'; '.join(latest_parts) or 'none'}."
)

events = catalogue.registry.events_for(indicator.id)
figure, placed = trend_figures.trend_chart(frame, indicator, events, zoom=zoom)
shown_events = [p for p in placed if p.shown]
areas_text = ", ".join(dict.fromkeys(frame["area_name"]))
events_text = (
    " Marked on the chart: "
    + "; ".join(f"{p.event.title} ({trend_figures.KIND_WORDS[p.event.kind]})" for p in shown_events)
    + "."
    if shown_events
    else ""
)
interval_text = " with shaded 95% confidence intervals" if indicator.has_interval else ""
panels.chart_with_table(
    figure,
    panels.display_table(frame, indicator),
    key="trend_chart",
    filename=f"trend_{panels.file_stub(indicator.title, *dict.fromkeys(frame['area_name']))}",
    alt=(
        f"Line chart of {indicator.title} for {areas_text}, {shown_label}{interval_text}. "
        f"Each area has its own colour, marker shape and line pattern. "
        f"The vertical axis {'is zoomed to the data' if zoom else 'starts at zero'}."
        f"{events_text} The data table below the chart gives every value."
    ),
    catalogue=catalogue,
    rows=frame,
)

gaps, notes = trend_figures.gap_sentences(frame)
if gaps:
    st.markdown(
        "**Gaps in the lines.** These periods have no reliable figure, so nothing is drawn:"
    )
    st.markdown("\n".join(f"- {sentence}" for sentence in gaps))
    if notes:
        st.caption("\n\n".join(f"[{n}] {note}" for n, note in enumerate(notes, start=1)))
else:
    st.markdown("**Gaps in the lines.** None: every period shown has a figure for every area.")

if placed:
    st.markdown("**Events and series breaks**")
    lines = []
    for item in placed:
        how = (
            f"marked as a {trend_figures.KIND_WORDS[item.event.kind]}"
            if item.shown
            else "outside the periods shown"
        )
        lines.append(
            f"- **{item.event.title}** ({trend_figures.event_dates_words(item.event)}; {how}). "
            f"{item.event.detail} [Source for this event]({item.event.url})."
        )
    st.markdown("\n".join(lines))

panels.source_note(catalogue, indicator, shown_label)
