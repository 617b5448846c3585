"""Compare areas, section by section: one council area against its group on one measure.

What a section shows is computed once per choice and cached (the page's figures and the
every-measure table took about 0.2 s of each rerun, issue 12), so a rerun only arranges.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.council_areas import Area
from indicators.catalogue import Catalogue, PeriodInfo
from indicators.comparators import (
    ComparatorGroup,
    ComparatorKind,
    compare_sentence,
    peer_summaries,
    peer_summary_table,
)
from indicators.compare_view import (
    GROUP_RANK,
    VS_SCOTLAND,
    CompareView,
    area_figure_help,
    best_in_group,
    compare_view,
    not_drawn,
    peer_verdict,
    vs_area_column,
)
from indicators.units import format_value
from metadata.registry import Indicator
from ui import cached, panels, profile_figures, widgets


@dataclass(frozen=True)
class Choices:
    """What the reader chose at the top of the page."""

    area: Area
    kind: ComparatorKind
    group: ComparatorGroup
    indicator: Indicator
    period: PeriodInfo


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=cached.KEYS)
def _view(
    catalogue: Catalogue, indicator: Indicator, area: Area, kind: ComparatorKind,
    custom: tuple[str, ...], period: str,
) -> CompareView:  # fmt: skip
    group = cached.group(catalogue, kind, area.code, list(custom))
    return compare_view(catalogue, indicator.id, area.code, area.name, group, period)


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=cached.KEYS)
def _bars(
    catalogue: Catalogue, indicator: Indicator, area: Area, kind: ComparatorKind,
    custom: tuple[str, ...], period: str,
) -> go.Figure:  # fmt: skip
    view = _view(catalogue, indicator, area, kind, custom, period)
    return profile_figures.group_bars(
        view.chart_rows,
        indicator,
        scotland_value=view.summary.scotland,
        selected_label=view.selected_label,
    )


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=cached.KEYS)
def _every_measure(
    catalogue: Catalogue, area_code: str, members: tuple[str, ...], peer_label: str
) -> pd.DataFrame:
    return peer_summary_table(peer_summaries(catalogue, area_code, list(members)), peer_label)


def intro() -> None:
    st.title("Compare areas")
    st.markdown(
        "One council area against a group of comparable areas on one measure. A difference is "
        "claimed only when the 95% confidence intervals support it."
    )


def choices(catalogue: Catalogue) -> tuple[Choices, list[str]]:
    """The area, its comparator group, the measure and the period; and a custom group's codes."""
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
    return Choices(area, kind, group, indicator, period), custom


def view_for(catalogue: Catalogue, chosen: Choices, custom: list[str]) -> CompareView:
    """The chosen comparison's figures, cached per choice."""
    return _view(
        catalogue, chosen.indicator, chosen.area, chosen.kind, tuple(custom), chosen.period.period
    )


def headline(chosen: Choices, view: CompareView) -> None:
    """The measure and group in a sentence, the five figures as cards, and the verdict."""
    indicator, group, summary = chosen.indicator, chosen.group, view.summary
    peer_label = group.short_label
    st.markdown(
        f"**{indicator.title}, {chosen.period.label}: {chosen.area.name} and its {peer_label}.**"
    )
    st.markdown(group.description)
    if chosen.kind == "custom" and not group.members:
        st.info("Choose at least one council area above to compare with.", icon=":material/info:")
    cards = st.columns(5)
    cards[0].metric(
        chosen.area.name,
        format_value(summary.area.value, indicator),
        help=area_figure_help(summary),
    )
    cards[1].metric(
        "Peer median",
        format_value(summary.peer_median, indicator),
        help=f"Median of the {summary.peer_count} of {len(summary.peer_codes)} {peer_label} "
        "with a figure; the others are left out, not counted as zero.",
    )
    cards[2].metric(
        "Lowest peer", format_value(summary.peer_min, indicator), help=f"Among the {peer_label}"
    )
    cards[3].metric(
        "Highest peer", format_value(summary.peer_max, indicator), help=f"Among the {peer_label}"
    )
    cards[4].metric("Scotland", format_value(summary.scotland, indicator))
    st.markdown(compare_sentence(summary, group, view.ranking))


def _stub(chosen: Choices) -> str:
    return panels.file_stub(
        chosen.indicator.title, chosen.period.label, chosen.area.name, chosen.group.kind
    )


def peer_chart(catalogue: Catalogue, chosen: Choices, view: CompareView) -> None:
    """The area beside the peer median and range: the cards' five figures on one scale."""
    area, indicator, summary = chosen.area.name, chosen.indicator, view.summary
    peer_label = chosen.group.short_label
    if not panels.shown_on_demand(
        f"Show the chart of {area} beside the peer median and range", key="compare_peer_shown"
    ):
        return
    panels.chart_with_table(
        profile_figures.peer_chart([summary], area, peer_label),
        peer_summary_table([summary], peer_label),
        key="compare_peer",
        filename=f"peers_{_stub(chosen)}",
        alt=(
            f"Dot and range chart of {indicator.title}, {chosen.period.label}: {area} "
            f"{format_value(summary.area.value, indicator)} against the {peer_label}' median "
            f"{format_value(summary.peer_median, indicator)} and range, and Scotland "
            f"{format_value(summary.scotland, indicator)}: {peer_verdict(summary)}."
        ),
        catalogue=catalogue,
        rows=view.ranking,
    )


def group_ranked(
    catalogue: Catalogue, chosen: Choices, custom: list[str], view: CompareView
) -> None:
    """The area and its group as ranked bars, with the table and the source."""
    area, indicator, period = chosen.area.name, chosen.indicator, chosen.period
    peer_label = chosen.group.short_label
    st.subheader(f"{area} and its {peer_label}, ranked")
    if not indicator.has_interval:
        st.caption("This measure is an administrative figure or published without intervals.")
    left_off = not_drawn(view.summary, area)
    if left_off:
        st.caption(
            f"Not drawn, because there is no usable figure for {period.label}: "
            f"{', '.join(left_off)}. The table below gives the reason."
        )
    table = panels.display_table(
        view.ranking, indicator, extra=[GROUP_RANK, VS_SCOTLAND, vs_area_column(area)]
    )
    figure = _bars(catalogue, indicator, chosen.area, chosen.kind, tuple(custom), period.period)
    panels.chart_with_table(
        figure,
        table,
        key="compare_bars",
        filename=f"ranking_{_stub(chosen)}",
        alt=(
            f"Bar chart ranking {area} and its {peer_label} on {indicator.title}, "
            f"{period.label}, with 95% intervals where published and Scotland's value as a "
            f"dashed line. {best_in_group(view)} Bars are coloured by the comparison with "
            "Scotland; the table gives every value."
        ),
        catalogue=catalogue,
        rows=view.ranking,
    )
    panels.source_note(catalogue, indicator, period.label)


def every_measure(catalogue: Catalogue, chosen: Choices) -> None:
    """Each measure at its latest period against the group, as one table."""
    peer_label = chosen.group.short_label
    st.subheader(f"Every measure: {chosen.area.name} against its {peer_label}")
    st.markdown(
        "Each measure at its latest period with council-area figures, which may differ from the "
        "period chosen above."
    )
    # A static table: a data grid costs the browser its set-up, and redraws its cells about
    # 0.2 s after every change of area (issue 12); this one is small and needs no selection.
    st.table(
        _every_measure(catalogue, chosen.area.code, tuple(chosen.group.members), peer_label),
        hide_index=True,
        alt=f"Every measure for {chosen.area.name} against the median and range of its "
        f"{peer_label}, with Scotland's figure and the comparisons in words.",
    )
