"""Compare areas: one council area against its comparator group on one indicator and period."""

from __future__ import annotations

import streamlit as st

from indicators.catalogue import usable_mask
from indicators.glossary import COUNT_NOT_COMPARED, JUDGEMENT_WORDS
from indicators.peer_comparison import (
    compare_sentence,
    peer_summary_table,
)
from indicators.units import format_value
from ui import cached, panels, profile_figures, session, widgets

catalogue = session.catalogue()
st.title("Compare areas")
st.markdown(
    "One council area against a group of comparable areas on one measure. A difference is "
    "claimed only when the 95% confidence intervals support it."
)

# --- choices ------------------------------------------------------------------------------
top = st.columns([1, 1])
with top[0]:
    area = widgets.area_picker(key="compare_area")
with top[1]:
    kind, custom = widgets.comparator_picker(area.code, key="compare_group")

second = st.columns([2, 1])
with second[0]:
    indicator = widgets.indicator_picker(
        catalogue, catalogue.indicators(council_areas_only=True), key="compare_indicator"
    )
periods = catalogue.periods(indicator.id, geography="council_area")
with second[1]:
    period = widgets.period_picker(periods, key=f"compare_period_{indicator.id}")

group = cached.group(catalogue, kind, area.code, custom)
peer_label = group.short_label
summary, ranking = cached.peer_comparison(
    catalogue, indicator, area.code, group.members, period.period
)

st.markdown(f"**{indicator.title}, {period.label}: {area.name} and its {peer_label}.**")
st.markdown(group.description)
if kind == "custom" and not group.members:
    st.info("Choose at least one council area above to compare with.", icon=":material/info:")

cards = st.columns(5)
cards[0].metric(
    area.name,
    format_value(summary.area.value, indicator),
    help=None
    if summary.area.missing
    else (
        f"95% interval {format_value(summary.area.lower_95, indicator)} to "
        f"{format_value(summary.area.upper_95, indicator)}"
        if summary.area.has_interval
        else "Published without a confidence interval"
    ),
)
cards[1].metric(
    "Peer median",
    format_value(summary.peer_median, indicator),
    help=f"Median of the {summary.peer_count} of {len(summary.peer_codes)} {peer_label} with "
    "a figure; the others are left out, not counted as zero.",
)
cards[2].metric(
    "Lowest peer", format_value(summary.peer_min, indicator), help=f"Among the {peer_label}"
)
cards[3].metric(
    "Highest peer", format_value(summary.peer_max, indicator), help=f"Among the {peer_label}"
)
cards[4].metric("Scotland", format_value(summary.scotland, indicator))
st.markdown(compare_sentence(summary, group, ranking))

# --- area beside the peer median and range ---------------------------------------------------
stub = panels.file_stub(indicator.title, period.label, area.name, group.kind)
verdict = (
    COUNT_NOT_COMPARED
    if not summary.comparable
    else JUDGEMENT_WORDS[summary.vs_peers_judgement].lower() + " compared with the peer median"
)
# The cards above give these five figures; the chart draws them on one scale, on demand.
if panels.shown_on_demand(
    f"Show the chart of {area.name} beside the peer median and range", key="compare_peer_shown"
):
    panels.chart_with_table(
        profile_figures.peer_chart([summary], area.name, peer_label),
        peer_summary_table([summary], peer_label),
        key="compare_peer",
        filename=f"peers_{stub}",
        alt=(
            f"Dot and range chart of {indicator.title}, {period.label}: {area.name} "
            f"{format_value(summary.area.value, indicator)} against the {peer_label}' median "
            f"{format_value(summary.peer_median, indicator)} and range, and Scotland "
            f"{format_value(summary.scotland, indicator)}: {verdict}."
        ),
        catalogue=catalogue,
        rows=ranking,
    )

# --- the group ranked ---------------------------------------------------------------------
st.subheader(f"{area.name} and its {peer_label}, ranked")
if not indicator.has_interval:
    st.caption("This measure is an administrative figure or published without intervals.")
not_drawn = ([area.name] if summary.area.missing else []) + list(summary.peers_without_value)
if not_drawn:
    st.caption(
        f"Not drawn, because there is no usable figure for {period.label}: "
        f"{', '.join(not_drawn)}. The table below gives the reason."
    )
selected_label = f"{area.name} (selected area)"
chart_rows = ranking.assign(
    area_name=[
        selected_label if own else n
        for n, own in zip(ranking["area_name"], ranking["is_area"], strict=True)
    ]
)
table = panels.group_ranked_table(ranking, indicator, area.name, comparable=summary.comparable)
usable = ranking[usable_mask(ranking)]
best_words = (
    "No area in the group has a figure."
    if usable.empty
    else f"Best in the group: {usable['area_name'].iloc[0]} "
    f"{format_value(float(usable['value'].iloc[0]), indicator)}."
)
panels.chart_with_table(
    profile_figures.group_bars(
        chart_rows, indicator, scotland_value=summary.scotland, selected_label=selected_label
    ),
    table,
    key="compare_bars",
    filename=f"ranking_{stub}",
    alt=(
        f"Bar chart ranking {area.name} and its {peer_label} on {indicator.title}, "
        f"{period.label}, with 95% intervals where published and Scotland's value as a dashed "
        f"line. {best_words} Bars are coloured by the comparison with Scotland; the table "
        "gives every value."
    ),
    catalogue=catalogue,
    rows=ranking,
)
panels.source_note(catalogue, indicator, period.label)

# --- every measure -------------------------------------------------------------------------
st.subheader(f"Every measure: {area.name} against its {peer_label}")
st.markdown(
    "Each measure at its latest period with council-area figures, which may differ from the "
    "period chosen above."
)
every_measure = cached.every_measure_table(catalogue, area.code, group.members, peer_label)
st.dataframe(
    every_measure,
    hide_index=True,
    width="stretch",
    column_config=panels.number_columns(every_measure)
    | {"Indicator": st.column_config.TextColumn("Indicator", pinned=True, width="large")},
)
