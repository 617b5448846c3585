"""Overview: where Scotland stands now on each headline indicator, and what changed."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import usable_mask
from indicators.glossary import TRACK_STATUS_WORDS
from indicators.summaries import areas_significantly_worse, headline
from indicators.target_progress import target_progress
from indicators.units import format_value
from ui import freshness, panels, session

catalogue = session.catalogue()

st.title("Scotland's labour market at a glance")
freshness.stale_notice(catalogue)
st.markdown(
    "The newest official figure held for each headline measure of Scotland's "
    "*No One Left Behind* employability strategy, with the change on the previous period, how "
    "old it is and when a newer one is due. "
    "A change is called significant only when the 95% confidence intervals support it."
)

st.header("Are we on track?")
target_columns = st.columns(len(catalogue.registry.targets))
for column, target in zip(target_columns, catalogue.registry.targets.values(), strict=True):
    progress = target_progress(catalogue, target)
    indicator = catalogue.indicator(target.indicator)
    with column.container(border=True):
        if progress is None:
            st.markdown(f"**{target.title}**: no figure is held yet.")
            continue
        st.metric(
            label=target.title,
            value=TRACK_STATUS_WORDS[progress.judged.status],
            help=progress.judged.rule,
        )
        st.write(
            f"Newest figure held: {format_value(progress.latest_value, indicator)} in "
            f"{progress.latest_year}; "
            f"target {format_value(target.target.value, indicator)} by {target.target.period}. "
            f"{progress.judged.rule}"
        )
        freshness.freshness_note(catalogue, target.indicator, area_code=target.area)
        st.page_link("pages/targets.py", label="See progress to targets", icon=":material/flag:")

st.header("Headline measures")
indicators = catalogue.indicators(headline_only=True)
columns = st.columns(2)
for position, indicator in enumerate(indicators):
    summary = headline(catalogue, indicator.id)
    series = catalogue.series(indicator.id, "S92000003")
    usable = series[usable_mask(series)]
    with columns[position % 2].container(border=True):
        if summary.latest is None:
            st.markdown(f"**{indicator.title}**")
            st.write(summary.sentence)
            continue
        significant = summary.judgement.value in {"better", "worse"}
        # The dashboard's colour-blind-safe pair (never red/green): violet better, orange worse.
        delta_colour: Literal["violet", "orange", "off"] = (
            "off"
            if not significant
            else "violet"
            if summary.judgement.value == "better"
            else "orange"
        )
        st.metric(
            label=f"{indicator.title}, Scotland, {summary.latest['period_label']}",
            value=summary.value_text,
            delta=None if summary.change is None else summary.change_text,
            delta_color=delta_colour,
            delta_description=(
                None if summary.previous is None else f"on {summary.previous['period_label']}"
            ),
            chart_data=list(usable["value"].round(indicator.decimals)),
            chart_type="line",
            help=indicator.question,
        )
        st.write(summary.sentence)
        freshness.freshness_note(catalogue, indicator.id, area_code=SCOTLAND_CODE)
        panels.source_note(catalogue, indicator, with_freshness=False)

st.header("Areas to watch")
st.markdown(
    "Council areas whose newest estimate held is **significantly worse than Scotland's** for "
    "the same period: the area's 95% interval lies entirely on the worse side of Scotland's value."
)
watch_indicators = [i for i in indicators if i.has_council_areas and i.has_interval]
for indicator in watch_indicators:
    worse = areas_significantly_worse(catalogue, indicator.id)
    period = catalogue.latest_period(indicator.id)
    if worse.empty or period is None:
        st.markdown(f"**{indicator.title}**: no council area is significantly worse than Scotland.")
        continue
    names = ", ".join(
        f"{r.area_name} ({format_value(float(str(r.value)), indicator)})"
        for r in worse.itertuples()
    )
    scotland_text = format_value(float(worse["scotland_value"].iloc[0]), indicator)
    st.markdown(f"**{indicator.title}, {period.label}** (Scotland {scotland_text}): {names}.")
