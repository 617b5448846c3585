"""What the Compare areas page shows for one area, group, indicator and period, in its words.

Computed once per choice (the page caches it), so a rerun only arranges what is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from indicators.catalogue import Catalogue, usable_mask
from indicators.comparators import (
    COUNT_NOTE,
    JUDGEMENT_WORDS,
    ComparatorGroup,
    PeerSummary,
    group_ranking,
    peer_summary,
)
from indicators.significance import Judgement
from indicators.units import format_value

GROUP_RANK: Final = "Rank in group (1 = best)"
VS_SCOTLAND: Final = "Compared with Scotland"


def vs_area_column(area_name: str) -> str:
    return f"Compared with {area_name}"


@dataclass(frozen=True)
class CompareView:
    """The area against its group on one measure: the figures and the ranked group.

    `ranking` is the group ranked (1 = best) with the page's three judgement columns;
    `chart_rows` is the same with the selected area's name marked for the bar chart.
    """

    summary: PeerSummary
    ranking: pd.DataFrame
    chart_rows: pd.DataFrame
    selected_label: str


def compare_view(
    catalogue: Catalogue, indicator_id: str, area_code: str, area_name: str,
    group: ComparatorGroup, period: str,
) -> CompareView:  # fmt: skip
    summary = peer_summary(catalogue, indicator_id, area_code, group.members, period)
    ranking = group_ranking(catalogue, indicator_id, period, area_code, group.members)
    selected_label = f"{area_name} (selected area)"
    chart_rows = ranking.assign(
        area_name=[
            selected_label if own else name
            for name, own in zip(ranking["area_name"], ranking["is_area"], strict=True)
        ]
    )
    group_words = {
        "better": f"Better than {area_name}",
        "worse": f"Worse than {area_name}",
        "not_different": "Not significantly different",
        "unknown": "No comparison",
        "self": "Selected area",
    }
    ranking = ranking.copy()
    ranking[GROUP_RANK] = ranking["rank_label"]
    ranking[VS_SCOTLAND] = [
        COUNT_NOTE if not summary.comparable else JUDGEMENT_WORDS[Judgement(v)]
        for v in ranking["vs_scotland"]
    ]
    ranking[vs_area_column(area_name)] = [
        COUNT_NOTE if not summary.comparable and v != "self" else group_words[v]
        for v in ranking["vs_area"]
    ]
    return CompareView(summary, ranking, chart_rows, selected_label)


def area_figure_help(summary: PeerSummary) -> str | None:
    """The area's interval in words, under its figure (nothing when the figure is missing)."""
    if summary.area.missing:
        return None
    if not summary.area.has_interval:
        return "Published without a confidence interval"
    indicator = summary.indicator
    return (
        f"95% interval {format_value(summary.area.lower_95, indicator)} to "
        f"{format_value(summary.area.upper_95, indicator)}"
    )


def peer_verdict(summary: PeerSummary) -> str:
    """The area against the peer median, in the chart's alt text."""
    if not summary.comparable:
        return COUNT_NOTE
    return JUDGEMENT_WORDS[summary.vs_peers_judgement].lower() + " compared with the peer median"


def not_drawn(summary: PeerSummary, area_name: str) -> list[str]:
    """Areas left off the group's bars for want of a usable figure: the area first."""
    return ([area_name] if summary.area.missing else []) + list(summary.peers_without_value)


def best_in_group(view: CompareView) -> str:
    """The group's best usable figure, for the ranking chart's alt text."""
    usable = view.ranking[usable_mask(view.ranking)]
    if usable.empty:
        return "No area in the group has a figure."
    indicator = view.summary.indicator
    return (
        f"Best in the group: {usable['area_name'].iloc[0]} "
        f"{format_value(float(usable['value'].iloc[0]), indicator)}."
    )
