"""The map page's sentences about one indicator's ranking, in its words."""

from __future__ import annotations

import pandas as pd

from indicators.units import format_value
from metadata.registry import Indicator


def headline(
    indicator: Indicator, period_label: str, ranked: pd.DataFrame, scotland_value: float | None
) -> str:
    """The measure, Scotland's figure and how many council areas have a reliable estimate."""
    return (
        f"**{indicator.title}, {period_label}.** Scotland: "
        f"{format_value(scotland_value, indicator)}. "
        f"{int(ranked['ranked_count'].iloc[0])} of 32 council areas have a reliable estimate. "
        f"{indicator.question}"
    )


def map_alt(indicator: Indicator, period_label: str, ranked: pd.DataFrame) -> str:
    """The map's text alternative: what it shows and the best area."""
    best = ranked.iloc[0]
    return (
        f"Map of {indicator.title} by council area, {period_label}. "
        f"Best: {best['area_name']} {format_value(best['value'], indicator)}. "
        "The ranked table beside the map gives every value."
    )


def selected_line(indicator: Indicator, ranked: pd.DataFrame, code: str, name: str) -> str:
    """The chosen area's figure and rank, beside the map."""
    chosen = ranked[ranked["area_code"] == code].iloc[0]
    return (
        f"**Selected: {name}**, {format_value(chosen['value'], indicator)}, "
        f"rank {chosen['rank_label'] or 'not ranked'} of {int(chosen['ranked_count'])}."
    )


def bars_alt(indicator: Indicator, period_label: str) -> str:
    return (
        f"Bar chart ranking the council areas on {indicator.title}, {period_label}, "
        "with Scotland's value as a dashed line. Select a bar to choose that area."
    )
