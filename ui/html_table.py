"""A small table as a real, sortable HTML `<table>` instead of Streamlit's canvas data grid.

`st.dataframe` draws on a canvas and keeps a hidden accessibility table in step with it; on
every interaction path of issue 12 that table's rewrite was the page's last change, about
0.2 s after everything else. This element, a `st.components.v2` component keyed by the
caller's key (the pattern of ui.kept_chart), gets the table as plain JSON: every cell's value
(a number, text or null) and its display text, formatted here with the formats the grid used
(`table.attrs[NUMBER_FORMATS]`), so the browser formats no number. Its script draws a
`<table>` with a caption, column headers that sort (numbers as numbers, missing last) and,
for a table of areas, a button per row that chooses the area.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import pandas as pd
import streamlit as st

from indicators.units import NUMBER_FORMATS
from ui.area_trigger import on_area_chosen, triggered_code

ROW: Final = "row"  # the trigger a row's button sets: the area code of that row
SELECT_WORD: Final = "Select"  # a row button's accessible name: "Select Fife"
SORT_WORDS: Final = {"sort": "Sort by", "ascending": "ascending", "descending": "descending"}
NOTES_HEADING: Final = "About the columns"
LOCALIZED_DECIMALS: Final = 3  # the browser's default for the grid's "localized" format
UNFORMATTED_DECIMALS: Final = 4  # the grid's most for a number given no format

COMPONENT_NAME: Final = "nolb_html_table"
_STATIC = Path(__file__).parent / "static"
_component = st.components.v2.component(
    COMPONENT_NAME,
    js=(_STATIC / "html_table.js").read_text(encoding="utf-8"),
    css=(_STATIC / "html_table.css").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def is_missing(value: Any) -> bool:
    """None, NaN or pandas' NA: a figure not held (shown empty, sorted last, never 0)."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def display_text(value: Any, fmt: str | None = None) -> str:
    """A cell as the grid showed it: a number through its format ('%.1f%%' -> '3.4%',
    '%.1f pp', '%+.1f pp', '%d', 'localized' -> '1,235'), text as it is, missing as ''."""
    if is_missing(value):
        return ""
    number = cell_value(value)
    if not isinstance(number, int | float):
        return str(value)
    if fmt == "localized":
        return _plain(number, LOCALIZED_DECIMALS, thousands=True)
    if fmt is None:
        return _plain(number, UNFORMATTED_DECIMALS, thousands=False)
    return fmt % number


def _plain(number: float, decimals: int, *, thousands: bool) -> str:
    """Up to `decimals` places with trailing zeros dropped: 1235.0 -> '1,235', 7.8714 -> '7.871'."""
    shown = f"{round(number, decimals):{',' if thousands else ''}.{decimals}f}"
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def cell_value(value: Any) -> float | int | str | None:
    """The value a column sorts by, as JSON: a number stays a number, missing is null."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    try:  # numpy and pandas scalars
        number = value.item()
    except AttributeError:
        return str(value)
    numeric = isinstance(number, int | float) and not isinstance(number, bool)
    return number if numeric else str(value)


def _cell(value: float | int | str | None, text: str) -> list[Any]:
    """[value, text], or [value] alone where the text is the value itself (most words)."""
    return [value] if value == text else [value, text]


def table_data(
    table: pd.DataFrame,
    *,
    caption: str,
    formats: Mapping[str, str] | None = None,
    headings: Mapping[str, str] | None = None,
    help_texts: Mapping[str, str] | None = None,
    row_codes: Sequence[str] | None = None,
    select_column: str | None = None,
    selected_code: str | None = None,
    height: int | None = None,
    pinned_first: bool = False,
) -> dict[str, Any]:
    """What the script draws, as plain JSON: each column's heading, help and whether it
    holds numbers; each row's cells as [value, display text] ([value] where they are the
    same); which rows can be chosen."""
    shown_formats = dict(table.attrs.get(NUMBER_FORMATS, {})) if formats is None else formats
    headings, help_texts = headings or {}, help_texts or {}
    columns, cells = [], []
    for name in table.columns:
        fmt = shown_formats.get(str(name))
        series = table[name]
        values = [cell_value(v) for v in series]
        columns.append(
            {
                "label": headings.get(str(name), str(name)),
                "help": help_texts.get(str(name), ""),
                "numeric": bool(pd.api.types.is_numeric_dtype(series))
                and not pd.api.types.is_bool_dtype(series),
            }
        )
        texts = [display_text(raw, fmt) for raw in series]
        cells.append([_cell(v, t) for v, t in zip(values, texts, strict=True)])
    codes = list(row_codes) if row_codes is not None else None
    if codes is not None and len(codes) != len(table):
        raise ValueError(f"{len(codes)} row codes for {len(table)} rows")
    rows = [
        {
            "cells": [column[position] for column in cells],
            "code": None if codes is None else codes[position],
            "current": codes is not None and codes[position] == selected_code,
        }
        for position in range(len(table))
    ]
    select_at = (
        list(map(str, table.columns)).index(select_column)
        if codes is not None and select_column is not None
        else None
    )
    return {
        "caption": caption,
        "columns": columns,
        "rows": rows,
        "selectColumn": select_at,
        "rowHeader": pinned_first,
        "maxHeight": height,
        "words": {**SORT_WORDS, "select": SELECT_WORD, "notes": NOTES_HEADING},
    }


def html_table(
    table: pd.DataFrame,
    *,
    key: str,
    caption: str,
    formats: Mapping[str, str] | None = None,
    headings: Mapping[str, str] | None = None,
    help_texts: Mapping[str, str] | None = None,
    height: int | None = None,
    row_codes: Sequence[str] | None = None,
    select_column: str = "Area",
    selected_code: str | None = None,
    on_row: Callable[[str], None] | None = None,
    pinned_first: bool = False,
) -> None:
    """Draw `table` under `key` as an HTML table with sortable columns.

    `formats` (column -> printf-style or 'localized') defaults to the table's recorded number
    formats; `headings` shortens a column's heading and `help_texts` explains it. With
    `row_codes` (one area code per row) and `on_row`, the `select_column` cell of each row
    is a button that calls `on_row` with that row's code; the row of `selected_code` is marked.
    `height` caps the table's height in pixels (it scrolls under a sticky header);
    `pinned_first` makes the first column the row's header, kept in view when scrolled across.
    """

    _component(
        key=key,
        data=table_data(
            table,
            caption=caption,
            formats=formats,
            headings=headings,
            help_texts=help_texts,
            row_codes=row_codes if on_row is not None else None,
            select_column=select_column,
            selected_code=selected_code,
            height=height,
            pinned_first=pinned_first,
        ),
        on_row_change=on_area_chosen(key, ROW, on_row),
    )


def chosen_code(state: Any) -> str | None:
    """The area code of the row just chosen, from the component's state (None if none)."""
    return triggered_code(state, ROW)
