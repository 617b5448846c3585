"""Progress to targets: the disability employment gap to 2038 and the Young Person's Guarantee."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from indicators.glossary import TRACK_STATUS_WORDS
from indicators.progress import annual_change_on_path
from indicators.target_progress import (
    decomposition_table,
    disability_gap_decomposition,
    milestone_sentence,
    target_progress,
)
from indicators.units import format_difference, format_value
from ui import cached, figures, panels, session

catalogue = session.catalogue()
registry = catalogue.registry
PATH_LABEL = "Straight-line path to the target (our illustration, not an official trajectory)"

st.title("Progress to targets")
st.markdown(
    "Where Scotland stands against the targets set in policy. A status is given only by the rule "
    "stated beside it; where no interval is published, it says so."
)

# --- Disability employment gap -----------------------------------------------------------
deg_target = registry.targets["halve_disability_employment_gap"]
deg = catalogue.indicator(deg_target.indicator)
progress = target_progress(catalogue, deg_target)
st.header("Disability employment gap: at least halve it by 2038")
st.markdown(
    f"**Target:** {deg_target.title.lower()}, from {format_value(deg_target.baseline.value, deg)} "
    f"in {deg_target.baseline.period} to at most {format_value(deg_target.target.value, deg)} "
    f"by {deg_target.target.period}. Source: [{deg_target.policy}]({deg_target.url})."
)
if progress is None:
    st.warning("No published figure for the disability employment gap is held.")
else:
    status_words = TRACK_STATUS_WORDS[progress.judged.status]
    cards = st.columns(4)
    cards[0].metric(
        f"Gap in {progress.latest_year}",
        format_value(progress.latest_value, deg),
        help=deg.definition,
    )
    cards[1].metric(
        "Status against the straight-line path",
        status_words,
        help=progress.judged.rule,
    )
    cards[2].metric(
        "Change needed each year to 2038",
        f"{progress.needed_per_year:+.2f} pp",
        help=f"From {progress.latest_year} to {deg_target.target.period}.",
    )
    pace_text = "–" if progress.recent_pace is None else f"{progress.recent_pace:+.2f} pp"
    cards[3].metric(
        "Change achieved each year, recent years",
        pace_text,
        help=(
            None
            if progress.recent_pace_years is None
            else f"Average from {progress.recent_pace_years[0]} to {progress.recent_pace_years[1]}."
        ),
    )
    st.markdown(f"**Rule:** {progress.judged.rule}")
    latest_change = (
        "no earlier figure"
        if progress.latest_change is None
        else (
            f"{'widened' if progress.latest_change > 0 else 'narrowed'} by "
            f"{format_difference(progress.latest_change, deg)} a year since the previous figure"
        )
    )
    met = progress.year_met_at_recent_pace
    pace_sentence = (
        "At the recent pace the target would not be reached."
        if met is None
        else f"At the recent pace the target would be reached in {int(met)}."
        if met > progress.latest_year
        else "The target level has been reached."
    )
    st.markdown(
        f"In {progress.latest_year} the gap was {format_value(progress.latest_value, deg)}; it "
        f"{latest_change}. The straight path falls "
        f"{format_difference(annual_change_on_path(deg_target), deg)} a year. {pace_sentence}"
    )
    chart = figures.target_path_chart(progress.series, deg_target, deg, path_label=PATH_LABEL)
    panels.chart_with_table(
        chart,
        panels.display_table(progress.series, deg),
        key="deg_path",
        filename="disability_employment_gap_progress",
        alt=(
            "Line chart of the disability employment gap, "
            f"{progress.series['period_label'].iloc[0]} to {progress.latest_year}, "
            f"with the baseline of {deg_target.baseline.value:g} in "
            f"{deg_target.baseline.period}, the target of {deg_target.target.value:g} in "
            f"{deg_target.target.period} and the straight path between them."
        ),
        catalogue=catalogue,
        rows=progress.series,
    )
    panels.source_note(catalogue, deg)

    st.subheader("Milestones: the employment rate of disabled people")
    rate_ids = ["disabled_employment_rate", "non_disabled_employment_rate"]
    rates = pd.concat([catalogue.series(i, deg_target.area) for i in rate_ids])
    rates = rates.assign(area_name=[catalogue.indicator(i).title for i in rates["indicator_id"]])
    for milestone in progress.milestones:
        sentence = milestone_sentence(milestone)
        if sentence is not None:
            st.markdown(f"- {sentence}")
    rate_indicator = catalogue.indicator("disabled_employment_rate")
    if panels.shown_on_demand("Show the chart of both employment rates", key="deg_rates_shown"):
        panels.chart_with_table(
            figures.milestone_chart(
                rates, progress.target.milestones, rate_indicator, "Employment rate (%)"
            ),
            panels.display_table(rates, rate_indicator),
            key="deg_rates",
            filename="disabled_and_non_disabled_employment_rates",
            alt="Line chart of the employment rates of disabled and non-disabled people, with "
            "the 50% (2023) and 60% (2030) milestones for the disabled employment rate.",
            catalogue=catalogue,
            rows=rates,
        )

    st.subheader("Why the gap moved")
    changes = disability_gap_decomposition(catalogue, deg_target.area)
    st.markdown(
        "The gap is the non-disabled employment rate minus the disabled employment rate, so each "
        "change in the gap splits exactly into the two rates' changes. A rising disabled "
        "employment rate narrows the gap (bars below zero). Computed from the published rounded "
        "rates, so a split can differ from the published change in the gap by 0.1."
    )
    if deg_target.context is not None:
        st.info(
            f"{deg_target.context.text} "
            f"Source: [{deg_target.context.source}]({deg_target.context.url}).",
            icon=":material/lightbulb:",
        )
    if panels.shown_on_demand(
        "Show the chart of what moved the gap", key="deg_decomposition_shown"
    ):
        panels.chart_with_table(
            figures.decomposition_chart(changes),
            decomposition_table(changes),
            key="deg_decomposition",
            filename="disability_employment_gap_decomposition",
            alt="Stacked bars splitting each change in the disability employment gap into the "
            "part from the disabled employment rate and the part from the non-disabled rate.",
            catalogue=catalogue,
            rows=rates,
        )

# --- Young Person's Guarantee --------------------------------------------------------------
ypg_target = registry.targets["young_persons_guarantee_pre_covid"]
ypg = catalogue.indicator(ypg_target.indicator)
benchmark = registry.benchmarks["young_persons_guarantee_2019"]
st.header("Young Person's Guarantee: back to pre-COVID levels")
st.markdown(f"{benchmark.note} [{benchmark.policy}]({benchmark.url}).")
ypg_progress = target_progress(catalogue, ypg_target)
if ypg_progress is not None:
    level = format_value(ypg_target.target.value, ypg)
    met = ypg_progress.latest_value <= ypg_target.target.value
    ypg_cards = st.columns(3)
    ypg_cards[0].metric(
        f"{ypg.title}, {ypg_progress.latest_year}", format_value(ypg_progress.latest_value, ypg)
    )
    ypg_cards[1].metric(f"Pre-COVID level ({ypg_target.baseline.period})", level)
    ypg_cards[2].metric(
        "Back to the pre-COVID level?",
        "Yes" if met else "Not yet",
        help="No interval is published for this measure, so the point estimate is compared.",
    )
    if ypg_target.note:
        st.caption(ypg_target.note)
    panels.source_note(catalogue, ypg)

for indicator_id in benchmark.indicators[1:]:
    indicator = catalogue.indicator(indicator_id)
    st.subheader(f"{indicator.title}: each area against its own {benchmark.year} level")
    view, dumbbells = cached.benchmark(benchmark.id, indicator_id)
    st.markdown("There is no numeric target for this measure.")
    if view.scotland_sentence:
        st.markdown(view.scotland_sentence)
    st.markdown(view.council_sentence)
    if dumbbells is None:
        continue
    if panels.shown_on_demand(
        f"Show the chart of every council area: {indicator.title}",
        key=f"benchmark_{indicator_id}_shown",
    ):
        panels.chart_with_table(
            dumbbells,
            view.table,
            key=f"benchmark_{indicator_id}",
            filename=f"{indicator_id}_against_2019",
            alt=f"Dot chart of {indicator.title} in each council area in {benchmark.year} and "
            "latest.",
            catalogue=catalogue,
            rows=partial(catalogue.observations, indicator_id),
        )
    panels.source_note(catalogue, indicator)
