"""What Compare areas says about one area against its group on one measure: the words under
its figures, which areas the bars leave out, the bars' rows, and each chart's text alternative.

Plain sentences from the peer summary and the group ranking, so the page only arranges them."""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import usable_mask
from indicators.glossary import COUNT_NOT_COMPARED, JUDGEMENT_WORDS
from indicators.peer_comparison import PeerSummary
from indicators.units import format_value


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


def peer_median_help(summary: PeerSummary, peer_label: str) -> str:
    """How many peers the median is taken over: those without a figure are left out."""
    return (
        f"Median of the {summary.peer_count} of {len(summary.peer_codes)} {peer_label} with "
        "a figure; the others are left out, not counted as zero."
    )


def peer_verdict(summary: PeerSummary) -> str:
    """The area against the peer median, in the peer chart's text alternative."""
    if not summary.comparable:
        return COUNT_NOT_COMPARED
    return JUDGEMENT_WORDS[summary.vs_peers_judgement].lower() + " compared with the peer median"


def peer_chart_alt(summary: PeerSummary, area_name: str, peer_label: str, period: str) -> str:
    """The chart of the area beside the peer median and range, in words."""
    indicator = summary.indicator
    return (
        f"Dot and range chart of {indicator.title}, {period}: {area_name} "
        f"{format_value(summary.area.value, indicator)} against the {peer_label}' median "
        f"{format_value(summary.peer_median, indicator)} and range, and Scotland "
        f"{format_value(summary.scotland, indicator)}: {peer_verdict(summary)}."
    )


def not_drawn(summary: PeerSummary, area_name: str) -> list[str]:
    """Areas left off the group's bars for want of a usable figure: the area first."""
    return ([area_name] if summary.area.missing else []) + list(summary.peers_without_value)


def not_drawn_note(summary: PeerSummary, area_name: str, period: str) -> str | None:
    """The sentence naming the areas not drawn, or None when every area is drawn."""
    names = not_drawn(summary, area_name)
    if not names:
        return None
    return (
        f"Not drawn, because there is no usable figure for {period}: "
        f"{', '.join(names)}. The table below gives the reason."
    )


def selected_label(area_name: str) -> str:
    """The chosen area's name on the bars, so it stands out from its peers."""
    return f"{area_name} (selected area)"


def bar_rows(ranking: pd.DataFrame, area_name: str) -> pd.DataFrame:
    """The group ranking with the chosen area's name marked, for the bar chart."""
    label = selected_label(area_name)
    return ranking.assign(
        area_name=[
            label if own else name
            for name, own in zip(ranking["area_name"], ranking["is_area"], strict=True)
        ]
    )


def best_in_group(summary: PeerSummary, ranking: pd.DataFrame) -> str:
    """The group's best usable figure, for the ranking chart's text alternative."""
    usable = ranking[usable_mask(ranking)]
    if usable.empty:
        return "No area in the group has a figure."
    return (
        f"Best in the group: {usable['area_name'].iloc[0]} "
        f"{format_value(float(usable['value'].iloc[0]), summary.indicator)}."
    )


def bars_alt(
    summary: PeerSummary, ranking: pd.DataFrame, area_name: str, peer_label: str, period: str
) -> str:
    """The group's ranked bars in words: what is drawn, and the best figure."""
    return (
        f"Bar chart ranking {area_name} and its {peer_label} on {summary.indicator.title}, "
        f"{period}, with 95% intervals where published and Scotland's value as a dashed "
        f"line. {best_in_group(summary, ranking)} Bars are coloured by the comparison with "
        "Scotland; the table gives every value."
    )
