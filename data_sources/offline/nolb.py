"""Read No One Left Behind's transcribed delivery statistics (shared/data/curated/nolb).

Two files: Scotland's figures (one row per figure and edition, with the verbatim sentence) and
the council table of a Scottish Parliament written answer. Period words become start and end
dates only by the patterns below; anything else stops the build, naming the row, so a new
wording is read by a person before it is shown. Council names go through the geography layer;
a council whose row is not in the stored text stays missing, with a status saying so.
"""

from __future__ import annotations

import calendar
import csv
import re
from pathlib import Path
from typing import Final

import pandas as pd

from data_sources.delivery import DELIVERY_COLUMNS, validate_delivery
from data_sources.offline.readers import SourceFormatError
from geo.council_areas import SCOTLAND, area_name, code_for_name
from metadata.registry import DeliveryStatistics, DeliveryStatus

SCOTLAND_COLUMNS: Final = ("measure", "period", "value", "unit", "edition", "source_url", "quote")
COUNCIL_COLUMNS: Final = (
    "area_name_as_published",
    "total_participants",
    "entered_employment",
    "in_employment_at_52_weeks",
    "period",
    "source_url",
    "note",
)
COUNCIL_MEASURES: Final = ("total_participants", "entered_employment", "in_employment_at_52_weeks")
COUNCIL_EDITION: Final = (
    "Scottish Parliament written answer, Table 1 (April 2019 to June 2025; before the revised "
    "method of February 2026)"
)
NOT_TRANSCRIBED: Final = "NOT TRANSCRIBED"

_MONTHS: Final = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH: Final = "|".join(_MONTHS)
# "2019/20 (year 1 ...)": a NOLB year, 1 April to 31 March.
_NOLB_YEAR: Final = re.compile(r"^(\d{4})/(\d{2})\b")
# "April 2019 to December 2020" (and the same words before a bracket or "compared with").
_MONTH_YEAR_SPAN: Final = re.compile(rf"^({_MONTH}) (\d{{4}}) to ({_MONTH}) (\d{{4}})\b")
# "July to September 2023": both months in the one year.
_MONTH_SPAN: Final = re.compile(rf"^({_MONTH}) to ({_MONTH}) (\d{{4}})\b")
# "2023 to 2024 (as published)": the source does not say which months; no dates are given.
_YEARS_AS_PUBLISHED: Final = re.compile(r"^\d{4} to \d{4} \(as published\)$")
_DAY_DATE: Final = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b")
_SUMMARY_MONTH: Final = re.compile(rf"\b[Ss]ummary ({_MONTH}) (\d{{4}})\b")


def _first_day(month_name: str, year: str) -> str:
    return f"{int(year):04d}-{_MONTHS[month_name]:02d}-01"


def _last_day(month_name: str, year: str) -> str:
    month = _MONTHS[month_name]
    return f"{int(year):04d}-{month:02d}-{calendar.monthrange(int(year), month)[1]:02d}"


def period_dates(words: str) -> tuple[str | None, str | None]:
    """Start and end dates of a period as the publisher words it; (None, None) when the
    words name years without months ("2023 to 2024 (as published)").

    Raises:
        ValueError: for wording none of the known patterns reads.
    """
    words = " ".join(words.split())
    if match := _NOLB_YEAR.match(words):
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            raise ValueError(f"{words!r} is not a run of two years")
        return f"{start}-04-01", f"{start + 1}-03-31"
    if match := _MONTH_YEAR_SPAN.match(words):
        first, first_year, last, last_year = match.groups()
        return _first_day(first, first_year), _last_day(last, last_year)
    if match := _MONTH_SPAN.match(words):
        first, last, year = match.groups()
        if _MONTHS[first] > _MONTHS[last]:
            raise ValueError(f"{words!r}: months out of order within one year")
        return _first_day(first, year), _last_day(last, year)
    if _YEARS_AS_PUBLISHED.match(words):
        return None, None
    raise ValueError(f"period wording {words!r} is not one the build knows how to date")


def published_date(edition: str) -> str | None:
    """The date of the document quoted, as precisely as the edition's words state it: a day
    ("news item of 26 July 2023", "answered 30 December 2024") before the month of a named
    statistical summary ("Statistical Summary February 2024"); None when neither is stated."""
    if match := _DAY_DATE.search(edition):
        day, month_name, year = match.groups()
        return f"{int(year):04d}-{_MONTHS[month_name]:02d}-{int(day):02d}"
    if match := _SUMMARY_MONTH.search(edition):
        month_name, year = match.groups()
        return f"{int(year):04d}-{_MONTHS[month_name]:02d}"
    return None


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        found = tuple(reader.fieldnames or ())
        if found != columns:
            raise SourceFormatError(f"{path.name}: expected columns {list(columns)}, found {found}")
        return list(reader)


def _count(path: Path, row_number: int, cell: str) -> float:
    if not re.fullmatch(r"\d+(\.\d+)?", cell):
        raise SourceFormatError(f"{path.name}, row {row_number}: {cell!r} is not a figure")
    return float(cell)


def read_scotland_figures(path: Path, declared: DeliveryStatistics) -> list[dict[str, object]]:
    """Scotland's figures, one row per figure and edition, each with its sentence."""
    rows: list[dict[str, object]] = []
    for number, row in enumerate(_read_rows(path, SCOTLAND_COLUMNS), start=2):
        where = f"{path.name}, row {number}"
        measure = declared.measures.get(row["measure"])
        if measure is None:
            raise SourceFormatError(f"{where}: measure {row['measure']!r} is not declared")
        if row["unit"] != measure.unit.value:
            raise SourceFormatError(
                f"{where}: unit {row['unit']!r}, but {row['measure']} is declared in "
                f"{measure.unit.value!r}"
            )
        try:
            start, end = period_dates(row["period"])
        except ValueError as error:
            raise SourceFormatError(f"{where}: {error}") from None
        rows.append(
            {
                "measure": row["measure"],
                "area_code": SCOTLAND.code,
                "area_name": SCOTLAND.name,
                "period_label": " ".join(row["period"].split()),
                "period_start": start,
                "period_end": end,
                "value": _count(path, number, row["value"]),
                "unit": row["unit"],
                "edition": row["edition"],
                "published": published_date(row["edition"]),
                "source_url": row["source_url"],
                "quote": row["quote"] or None,
                "status": DeliveryStatus.IN_DEVELOPMENT.value,
                "note": None,
            }
        )
    return rows


def read_council_table(path: Path, declared: DeliveryStatistics) -> list[dict[str, object]]:
    """The council table, three measures per council; rows not in the stored text stay
    missing (status `not_in_the_stored_text`), never filled."""
    rows: list[dict[str, object]] = []
    for number, row in enumerate(_read_rows(path, COUNCIL_COLUMNS), start=2):
        where = f"{path.name}, row {number}"
        try:
            code = code_for_name(row["area_name_as_published"])
            start, end = period_dates(row["period"])
        except ValueError as error:
            raise SourceFormatError(f"{where}: {error}") from None
        transcribed = not row["note"].startswith(NOT_TRANSCRIBED)
        for measure in COUNCIL_MEASURES:
            if measure not in declared.measures:
                raise SourceFormatError(f"{where}: measure {measure!r} is not declared")
            cell = row[measure].strip()
            if transcribed == (cell == ""):
                raise SourceFormatError(
                    f"{where}: {measure} is {'blank' if cell == '' else cell!r}, but the note "
                    f"says the row was {'' if transcribed else 'not '}transcribed"
                )
            rows.append(
                {
                    "measure": measure,
                    "area_code": code,
                    "area_name": area_name(code),
                    "period_label": row["period"],
                    "period_start": start,
                    "period_end": end,
                    "value": _count(path, number, cell) if transcribed else None,
                    "unit": declared.measures[measure].unit.value,
                    "edition": COUNCIL_EDITION,
                    "published": None,
                    "source_url": row["source_url"],
                    "quote": None,
                    "status": (
                        DeliveryStatus.IN_DEVELOPMENT if transcribed else DeliveryStatus.NOT_HELD
                    ).value,
                    "note": row["note"],
                }
            )
    return rows


def read_delivery(shared_dir: Path, declared: DeliveryStatistics) -> pd.DataFrame:
    """Both files as one validated delivery table (raises SourceFormatError or pandera's
    SchemaErrors naming the problem)."""
    rows = [
        *read_scotland_figures(shared_dir / declared.scotland_file.path, declared),
        *read_council_table(shared_dir / declared.council_file.path, declared),
    ]
    frame = pd.DataFrame(rows, columns=list(DELIVERY_COLUMNS))
    return validate_delivery(frame)
