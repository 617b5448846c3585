"""Format numbers with the unit and decimals the registry declares for their indicator."""

from __future__ import annotations

import math

from metadata.registry import Indicator, Unit

UNIT_LABELS: dict[Unit, str] = {
    Unit.PERCENT: "%",
    Unit.PERCENTAGE_POINTS: "percentage points",
    Unit.COUNT: "people",
}


def format_value(value: float | None, indicator: Indicator, *, with_unit: bool = True) -> str:
    """'3.4%', '31.9 pp' or '1,235'; an en dash for a missing value (never '0' or 'nan')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = f"{value:,.{indicator.decimals}f}"
    if not with_unit:
        return number
    if indicator.unit is Unit.PERCENT:
        return f"{number}%"
    if indicator.unit is Unit.PERCENTAGE_POINTS:
        return f"{number} pp"
    return number


def format_change(change: float | None, indicator: Indicator) -> str:
    """A signed change: percentages change in percentage points, counts in people."""
    if change is None or math.isnan(change):
        return "–"
    # ASCII signs: Streamlit's metric reads a leading "-" as a fall. The sign follows the
    # rounded figure, so a change too small to show reads "±0.0", never "-0.0".
    shown = round(change, indicator.decimals)
    sign = "+" if shown > 0 else ("-" if shown < 0 else "±")
    magnitude = f"{abs(change):,.{indicator.decimals}f}"
    if indicator.unit in (Unit.PERCENT, Unit.PERCENTAGE_POINTS):
        return f"{sign}{magnitude} pp"
    return f"{sign}{magnitude}"


def format_difference(difference: float, indicator: Indicator) -> str:
    """An unsigned size of difference, for sentences that already say 'up' or 'down'."""
    magnitude = f"{abs(difference):,.{indicator.decimals}f}"
    if indicator.unit in (Unit.PERCENT, Unit.PERCENTAGE_POINTS):
        return f"{magnitude} percentage points"
    return f"{magnitude} people"


def axis_title(indicator: Indicator) -> str:
    """Axis label such as 'Claimant rate (%)'."""
    suffix = {Unit.PERCENT: "%", Unit.PERCENTAGE_POINTS: "percentage points", Unit.COUNT: "people"}
    return f"{indicator.title} ({suffix[indicator.unit]})"
