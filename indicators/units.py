"""Format numbers with the unit and decimals the registry declares for their indicator.

Tables keep their figures as numbers, so a column sorts as numbers (3.4 before 10.2), and say
how to show them in `table.attrs[NUMBER_FORMATS]` (column -> printf-style format, or
'localized'), which the UI formats each cell with (ui.html_table).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from metadata.registry import Indicator, Unit

NUMBER_FORMATS = "number_formats"  # table.attrs key: column -> display format


def number_format(indicator: Indicator) -> str:
    """The display format for an indicator's figures in a table: '3.4%', '31.9 pp', '1,235'."""
    decimals = indicator.decimals
    if indicator.unit is Unit.PERCENT:
        return f"%.{decimals}f%%"
    if indicator.unit is Unit.PERCENTAGE_POINTS:
        return f"%.{decimals}f pp"
    return "localized" if decimals == 0 else f"%.{decimals}f"


def change_format(indicator: Indicator) -> str:
    """A signed change: '+0.3 pp' for rates (they change in percentage points), '+120' counts."""
    if indicator.unit in (Unit.PERCENT, Unit.PERCENTAGE_POINTS):
        return f"%+.{indicator.decimals}f pp"
    return f"%+.{indicator.decimals}f"


def shared_format(indicators: Iterable[Indicator], *, change: bool = False) -> str:
    """One format for a column whose rows hold several indicators: theirs if they all share it,
    else the plain local number format (each row's unit is then in a Unit column)."""
    formats = {change_format(i) if change else number_format(i) for i in indicators}
    return formats.pop() if len(formats) == 1 else "localized"


def with_number_formats(
    table: pd.DataFrame,
    formats: Mapping[str, str],
    *,
    row_indicators: Sequence[Indicator] | None = None,
) -> pd.DataFrame:
    """`table`, its figure columns numeric (float, or nullable integer for ranks and counts), and
    their display formats recorded for the UI.

    With `row_indicators` (one per row, for a table of several measures) each row's figures are
    rounded to its indicator's declared decimals: a column shared by several units is shown in
    the plain local format, which would otherwise print every decimal a source carries."""
    for column in formats:
        if column in table.columns and not pd.api.types.is_integer_dtype(table[column]):
            table[column] = pd.to_numeric(table[column]).astype(float)
            if row_indicators is not None:
                table[column] = [
                    value if math.isnan(value) else round(value, indicator.decimals)
                    for value, indicator in zip(table[column], row_indicators, strict=True)
                ]
    table.attrs[NUMBER_FORMATS] = {c: f for c, f in formats.items() if c in table.columns}
    return table


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
        return f"{magnitude} {Unit.PERCENTAGE_POINTS.label}"
    return f"{magnitude} {indicator.unit.label}"


def axis_title(indicator: Indicator) -> str:
    """Axis label such as 'Claimant rate (%)'."""
    return f"{indicator.title} ({indicator.unit.label})"
