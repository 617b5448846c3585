"""What Map and ranking says about one indicator across the council areas: the headline, the
selected area's place, and each chart's text alternative.

Plain sentences from the ranked frame, so the page only arranges them."""

from __future__ import annotations

import pandas as pd

from indicators.units import format_value
from metadata.registry import Indicator


def headline(
    indicator: Indicator, period: str, ranked: pd.DataFrame, scotland_value: float | None
) -> str:
    """The measure and period, Scotland's figure, how many areas are ranked, and the question."""
    return (
        f"**{indicator.title}, {period}.** Scotland: {format_value(scotland_value, indicator)}. "
        f"{int(ranked['ranked_count'].iloc[0])} of 32 council areas have a reliable estimate. "
        f"{indicator.question}"
    )


def map_alt(indicator: Indicator, period: str, ranked: pd.DataFrame) -> str:
    """The map in words: the best area, and where every value is."""
    best = ranked.iloc[0]
    return (
        f"Map of {indicator.title} by council area, {period}. "
        f"Best: {best['area_name']} {format_value(best['value'], indicator)}. "
        "The ranked table beside the map gives every value."
    )


def bars_alt(indicator: Indicator, period: str) -> str:
    """The ranking bars in words, and what selecting a bar does."""
    return (
        f"Bar chart ranking the council areas on {indicator.title}, {period}, "
        "with Scotland's value as a dashed line. Select a bar to choose that area."
    )


def selected_note(
    indicator: Indicator, ranked: pd.DataFrame, area_code: str, area_name: str
) -> str:
    """The selected area's figure and rank among those ranked."""
    chosen = ranked[ranked["area_code"] == area_code].iloc[0]
    return (
        f"**Selected: {area_name}**, {format_value(chosen['value'], indicator)}, "
        f"rank {chosen['rank_label'] or 'not ranked'} of {int(chosen['ranked_count'])}."
    )
