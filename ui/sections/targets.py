"""The sections of Progress to targets, in reading order: the disability employment gap (its
status, milestones and what moved it), then the Young Person's Guarantee and each youth
measure against its own 2019 level."""

from __future__ import annotations

from functools import partial
from typing import Final

import streamlit as st

from indicators.catalogue import Catalogue
from indicators.glossary import TRACK_STATUS_WORDS
from indicators.target_progress import (
    TargetProgress,
    decomposition_table,
    disability_gap_decomposition,
    milestone_sentence,
    target_progress,
)
from indicators.target_sentences import (
    back_to_level,
    gap_progress_sentence,
    milestone_rates,
    pace_per_year,
    recent_pace_span,
    target_statement,
)
from indicators.units import format_value
from ui import cached, figures, html_table, panels
from ui.prose import prose

DISABILITY_GAP: Final = "halve_disability_employment_gap"
YOUNG_PERSONS_GUARANTEE: Final = "young_persons_guarantee_pre_covid"
YOUTH_BENCHMARK: Final = "young_persons_guarantee_2019"
MILESTONE_RATES: Final = ["disabled_employment_rate", "non_disabled_employment_rate"]
PATH_LABEL: Final = (
    "Straight-line path to the target (our illustration, not an official trajectory)"
)


def introduction() -> None:
    st.title("Progress to targets")
    st.markdown(prose("targets_introduction"))


def disability_gap_status(catalogue: Catalogue) -> TargetProgress | None:
    """The target, the latest gap against the straight-line path, and its chart. Returns the
    progress for the sections below (None, with a warning, if no figure is held)."""
    target = catalogue.registry.targets[DISABILITY_GAP]
    deg = catalogue.indicator(target.indicator)
    progress = target_progress(catalogue, target)
    st.header("Disability employment gap: at least halve it by 2038")
    st.markdown(
        f"**Target:** {target_statement(target, deg)}. Source: [{target.policy}]({target.url})."
    )
    if progress is None:
        st.warning("No published figure for the disability employment gap is held.")
        return None
    cards = st.columns(4)
    cards[0].metric(
        f"Gap in {progress.latest_year}",
        format_value(progress.latest_value, deg),
        help=deg.definition,
    )
    cards[1].metric(
        "Status against the straight-line path",
        TRACK_STATUS_WORDS[progress.judged.status],
        help=progress.judged.rule,
    )
    cards[2].metric(
        "Change needed each year to 2038",
        pace_per_year(progress.needed_per_year),
        help=f"From {progress.latest_year} to {target.target.period}.",
    )
    cards[3].metric(
        "Change achieved each year, recent years",
        pace_per_year(progress.recent_pace),
        help=recent_pace_span(progress),
    )
    st.markdown(f"**Rule:** {progress.judged.rule}")
    st.markdown(gap_progress_sentence(progress, deg))
    panels.chart_with_table(
        figures.target_path_chart(progress.series, target, deg, path_label=PATH_LABEL),
        panels.display_table(progress.series, deg),
        key="deg_path",
        filename="disability_employment_gap_progress",
        alt=(
            "Line chart of the disability employment gap, "
            f"{progress.series['period_label'].iloc[0]} to {progress.latest_year}, "
            f"with the baseline of {target.baseline.value:g} in "
            f"{target.baseline.period}, the target of {target.target.value:g} in "
            f"{target.target.period} and the straight path between them."
        ),
        catalogue=catalogue,
        rows=progress.series,
    )
    panels.source_note(catalogue, deg)
    return progress


def disability_gap_milestones(catalogue: Catalogue, progress: TargetProgress) -> None:
    """The employment rate milestones in words, and both rates' chart on demand."""
    st.subheader("Milestones: the employment rate of disabled people")
    rates = milestone_rates(catalogue, progress.target, MILESTONE_RATES)
    for milestone in progress.milestones:
        sentence = milestone_sentence(milestone)
        if sentence is not None:
            st.markdown(f"- {sentence}")
    rate_indicator = catalogue.indicator(MILESTONE_RATES[0])
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


def why_the_gap_moved(catalogue: Catalogue, progress: TargetProgress) -> None:
    """Each change in the gap split into the two employment rates' changes."""
    target = progress.target
    st.subheader("Why the gap moved")
    changes = disability_gap_decomposition(catalogue, target.area)
    st.markdown(prose("targets_why_the_gap_moved"))
    if target.context is not None:
        st.info(
            f"{target.context.text} Source: [{target.context.source}]({target.context.url}).",
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
            rows=milestone_rates(catalogue, target, MILESTONE_RATES),
        )


def nearest_council_view_of_the_disability_side(catalogue: Catalogue) -> None:
    """The disability employment gap is published for Scotland only; this is the nearest
    council-level figure held, and a different measure (its denominator is the inactive)."""
    ill_health = catalogue.indicator("inactivity_long_term_ill_health")
    period = catalogue.latest_period(ill_health.id)
    st.subheader("Council areas: the nearest view of the disability side")
    st.markdown(
        "The disability employment gap is published for Scotland only. The nearest "
        f"council-level measure held is a different one: **{ill_health.title.lower()}**. "
        f"{ill_health.definition} {ill_health.caveats}"
    )
    if period is None:
        return
    st.page_link(
        "pages/map.py",
        label=f"Map and rank {ill_health.title.lower()} by council area",
        icon=":material/map:",
        query_params={"indicator": ill_health.id},
    )
    if panels.shown_on_demand(
        f"Show every council's figure ({period.label})", key="ill_health_shown"
    ):
        table = panels.display_table(
            catalogue.council_values(ill_health.id, period.period), ill_health
        )
        html_table.html_table(
            table,
            key="ill_health_table",
            caption=f"{ill_health.title}, {period.label}: every council area",
            height=panels.TABLE_HEIGHT,
        )
    panels.source_note(catalogue, ill_health, period.label)


def young_persons_guarantee(catalogue: Catalogue) -> None:
    """Scotland's youth measure against its pre-COVID level."""
    target = catalogue.registry.targets[YOUNG_PERSONS_GUARANTEE]
    ypg = catalogue.indicator(target.indicator)
    benchmark = catalogue.registry.benchmarks[YOUTH_BENCHMARK]
    st.header("Young Person's Guarantee: back to pre-COVID levels")
    st.markdown(f"{benchmark.note} [{benchmark.policy}]({benchmark.url}).")
    progress = target_progress(catalogue, target)
    if progress is None:
        return
    cards = st.columns(3)
    cards[0].metric(
        f"{ypg.title}, {progress.latest_year}", format_value(progress.latest_value, ypg)
    )
    cards[1].metric(
        f"Pre-COVID level ({target.baseline.period})", format_value(target.target.value, ypg)
    )
    cards[2].metric(
        "Back to the pre-COVID level?",
        "Yes" if back_to_level(progress) else "Not yet",
        help="No interval is published for this measure, so the point estimate is compared.",
    )
    if target.note:
        st.caption(target.note)
    panels.source_note(catalogue, ypg)


def youth_measures_against_2019(catalogue: Catalogue) -> None:
    """Each further youth measure: every area against its own benchmark-year level."""
    benchmark = catalogue.registry.benchmarks[YOUTH_BENCHMARK]
    for indicator_id in benchmark.indicators[1:]:
        indicator = catalogue.indicator(indicator_id)
        st.subheader(f"{indicator.title}: each area against its own {benchmark.year} level")
        view, dumbbells = cached.benchmark(catalogue, benchmark.id, indicator)
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
                alt=f"Dot chart of {indicator.title} in each council area in "
                f"{benchmark.year} and latest.",
                catalogue=catalogue,
                rows=partial(catalogue.observations, indicator_id),
            )
        panels.source_note(catalogue, indicator)
