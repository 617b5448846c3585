"""The sections of Compare areas, in reading order: the choices, the headline figures, the
area beside its peers, the group ranked, then every measure against the same group."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.council_areas import Area
from indicators.catalogue import Catalogue, PeriodInfo
from indicators.comparator_groups import ComparatorGroup, ComparatorKind
from indicators.compare_view import (
    area_figure_help,
    bar_rows,
    bars_alt,
    not_drawn_note,
    peer_chart_alt,
    peer_median_help,
    selected_label,
)
from indicators.peer_comparison import PeerSummary, compare_sentence, peer_summary_table
from indicators.units import format_value
from metadata.registry import Indicator
from ui import cached, html_table, panels, profile_figures, widgets
from ui.prose import prose


@dataclass(frozen=True)
class Choice:
    """What the visitor chose: an area, whom to compare it with, a measure and a period."""

    area: Area
    kind: ComparatorKind
    custom: list[str]
    indicator: Indicator
    period: PeriodInfo


@dataclass(frozen=True)
class Comparison:
    """The chosen area against its group on the chosen measure: the group, the summary of
    the area among its peers, and the group ranked (1 = best)."""

    group: ComparatorGroup
    summary: PeerSummary
    ranking: pd.DataFrame


def comparison(catalogue: Catalogue, choice: Choice) -> Comparison:
    """The group and the area's place in it, cached per choice (see ui.cached)."""
    group = cached.group(catalogue, choice.kind, choice.area.code, choice.custom)
    summary, ranking = cached.peer_comparison(
        catalogue, choice.indicator, choice.area.code, group.members, choice.period.period
    )
    return Comparison(group, summary, ranking)


def introduction() -> None:
    st.title("Compare areas")
    st.markdown(prose("compare_introduction"))


def choices(catalogue: Catalogue) -> Choice:
    """The area and its group on one row; the measure and its period on the next."""
    top = st.columns([1, 1])
    with top[0]:
        area = widgets.area_picker(key="compare_area")
    with top[1]:
        kind, custom = widgets.comparator_picker(area.code, key="compare_group")
    indicator, period = widgets.council_measure_picker(catalogue, key="compare")
    return Choice(area, kind, custom, indicator, period)


def headline(choice: Choice, compared: Comparison) -> None:
    """The area, the peer median and range and Scotland as five figures, and the sentence."""
    group, summary, ranking = compared.group, compared.summary, compared.ranking
    area, indicator, peer_label = choice.area, choice.indicator, group.short_label
    st.markdown(f"**{indicator.title}, {choice.period.label}: {area.name} and its {peer_label}.**")
    st.markdown(group.description)
    if choice.kind == "custom" and not group.members:
        st.info("Choose at least one council area above to compare with.", icon=":material/info:")
    cards = st.columns(5)
    cards[0].metric(
        area.name, format_value(summary.area.value, indicator), help=area_figure_help(summary)
    )
    cards[1].metric(
        "Peer median",
        format_value(summary.peer_median, indicator),
        help=peer_median_help(summary, peer_label),
    )
    cards[2].metric(
        "Lowest peer", format_value(summary.peer_min, indicator), help=f"Among the {peer_label}"
    )
    cards[3].metric(
        "Highest peer", format_value(summary.peer_max, indicator), help=f"Among the {peer_label}"
    )
    cards[4].metric("Scotland", format_value(summary.scotland, indicator))
    st.markdown(compare_sentence(summary, group, ranking))


def _file_stub(choice: Choice, group: ComparatorGroup) -> str:
    return panels.file_stub(
        choice.indicator.title, choice.period.label, choice.area.name, group.kind
    )


def beside_peers(catalogue: Catalogue, choice: Choice, compared: Comparison) -> None:
    """The five headline figures on one scale, drawn only on demand (the cards give them)."""
    group, summary, ranking = compared.group, compared.summary, compared.ranking
    area, peer_label = choice.area, group.short_label
    if panels.shown_on_demand(
        f"Show the chart of {area.name} beside the peer median and range",
        key="compare_peer_shown",
    ):
        panels.chart_with_table(
            profile_figures.peer_chart([summary], area.name, peer_label),
            peer_summary_table([summary], peer_label),
            key="compare_peer",
            filename=f"peers_{_file_stub(choice, group)}",
            alt=peer_chart_alt(summary, area.name, peer_label, choice.period.label),
            catalogue=catalogue,
            rows=ranking,
        )


def group_ranked(catalogue: Catalogue, choice: Choice, compared: Comparison) -> None:
    """The area and its group as ranked bars with intervals, the table behind them, sources."""
    group, summary, ranking = compared.group, compared.summary, compared.ranking
    area, indicator, period = choice.area, choice.indicator, choice.period
    peer_label = group.short_label
    st.subheader(f"{area.name} and its {peer_label}, ranked")
    if not indicator.has_interval:
        st.caption("This measure is an administrative figure or published without intervals.")
    if (note := not_drawn_note(summary, area.name, period.label)) is not None:
        st.caption(note)
    panels.chart_with_table(
        profile_figures.group_bars(
            bar_rows(ranking, area.name),
            indicator,
            scotland_value=summary.scotland,
            selected_label=selected_label(area.name),
        ),
        panels.group_ranked_table(ranking, indicator, area.name, comparable=summary.comparable),
        key="compare_bars",
        filename=f"ranking_{_file_stub(choice, group)}",
        alt=bars_alt(summary, ranking, area.name, peer_label, period.label),
        catalogue=catalogue,
        rows=ranking,
    )
    panels.source_note(catalogue, indicator, period.label)


def every_measure(catalogue: Catalogue, area: Area, group: ComparatorGroup) -> None:
    """Every measure at its own latest period against the same group."""
    peer_label = group.short_label
    st.subheader(f"Every measure: {area.name} against its {peer_label}")
    st.markdown(prose("compare_every_measure"))
    table = cached.every_measure_table(catalogue, area.code, group.members, peer_label)
    html_table.html_table(
        table,
        key="compare_every_measure",
        caption=f"{area.name} against its {peer_label}: each measure at its latest period",
        pinned_first=True,
    )
