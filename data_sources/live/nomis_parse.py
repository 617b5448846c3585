"""Strict parsing of NOMIS responses, so a changed or truncated response stops the refresh.

Pure functions over bytes: codelists (`*.def.sdmx.json`) and CSV data pages. Nothing here
talks to the network, so every check can be tested on literal responses. Each problem raises
`LiveSourceError` naming the source and saying what was wrong.

What is checked:
- codelists: the SDMX-JSON shape, and that a wanted label names exactly one code;
- CSV pages: HTML instead of CSV, missing columns, ragged rows, RECORD_COUNT the same on every
  page, RECORD_OFFSET running without gaps or repeats, the page holding exactly the rows asked;
- rows: the geography type (Scotland as a country, the council areas of the expected type),
  area codes (old 2018/2019 codes remapped, anything else unknown is an error), and values
  against OBS_STATUS_NAME (an unknown status is an error, never guessed).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from data_sources.live.csv_text import csv_rows
from data_sources.live.http import LiveSourceError
from data_sources.schema import Status
from geo.council_areas import SCOTLAND_CODE, UnknownAreaError, normalise_code

BASE_COLUMNS: Final = (
    "DATE",
    "DATE_NAME",
    "GEOGRAPHY",
    "GEOGRAPHY_NAME",
    "GEOGRAPHY_CODE",
    "GEOGRAPHY_TYPE",
    "GEOGRAPHY_TYPECODE",
    "MEASURES",
    "MEASURES_NAME",
    "OBS_VALUE",
    "OBS_STATUS",
    "OBS_STATUS_NAME",
    "RECORD_OFFSET",
    "RECORD_COUNT",
)
SCOTLAND_TYPECODE: Final = "499"  # "countries"
MISSING_STATUS_NAME: Final = "These figures are missing."
# The only status words a value may carry; anything else stops the refresh.
USABLE_STATUS_NAMES: Final = {"normal value": Status.OK}
MAX_RECORDS: Final = 5_000_000


@dataclass(frozen=True, slots=True)
class Code:
    """One code of a NOMIS codelist: the value sent in queries and its label."""

    value: str
    label: str
    annotations: dict[str, str]


@dataclass(frozen=True, slots=True)
class Observation:
    """A parsed OBS_VALUE with the project's status and the publisher's words."""

    value: float | None
    status: Status
    detail: str | None


def parse_codelist(source_id: str, body: bytes, dimension: str) -> list[Code]:
    """The codes of a `…/{dimension}.def.sdmx.json` response."""
    where = f"the {dimension} codelist"
    if body[:512].lstrip().lower().startswith((b"<!doctype", b"<html")):
        raise LiveSourceError(source_id, f"{where} came back as HTML, not SDMX-JSON")
    try:
        document = json.loads(body.decode("utf-8-sig"))
        codelists = document["structure"]["codelists"]["codelist"]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LiveSourceError(source_id, f"{where} is not valid JSON: {error}") from None
    except (KeyError, TypeError):
        raise LiveSourceError(
            source_id, f"{where} has no structure.codelists.codelist (not SDMX-JSON?)"
        ) from None
    if not isinstance(codelists, list) or len(codelists) != 1:
        count = len(codelists) if isinstance(codelists, list) else 0
        raise LiveSourceError(source_id, f"{where} holds {count} codelists, expected 1")
    if not isinstance(codelists[0], dict):
        raise LiveSourceError(source_id, f"{where} holds a codelist that is not a JSON object")
    entries = codelists[0].get("code")
    if not isinstance(entries, list | None):
        raise LiveSourceError(source_id, f"{where} has codes that are not a list")
    codes: list[Code] = []
    for entry in entries or []:
        if not isinstance(entry, dict):
            raise LiveSourceError(source_id, f"{where} has a code that is not a JSON object")
        try:
            value = str(entry["value"])
            label = str(entry["description"]["value"]).strip()
        except (KeyError, TypeError):
            raise LiveSourceError(source_id, f"{where} has a code without value or label") from None
        notes = entry.get("annotations")
        listed = notes.get("annotation") if isinstance(notes, dict) else None
        annotations = {
            str(a.get("annotationtitle")): str(a.get("annotationtext"))
            for a in (listed if isinstance(listed, list) else [])
            if isinstance(a, dict)
        }
        codes.append(Code(value, label, annotations))
    if not codes:
        raise LiveSourceError(source_id, f"{where} is empty")
    values = [c.value for c in codes]
    if len(set(values)) != len(values):
        raise LiveSourceError(source_id, f"{where} lists a code more than once")
    return codes


def find_code(
    source_id: str,
    codes: Sequence[Code],
    dimension: str,
    pattern: str,
    *,
    required: bool = True,
) -> Code | None:
    """The one code whose label matches `pattern` (a full, case-insensitive regex).

    Raises LiveSourceError if several labels match, or none does and the code is required.
    """
    compiled = re.compile(pattern, re.IGNORECASE)
    matches = [code for code in codes if compiled.fullmatch(code.label)]
    if len(matches) > 1:
        listed = ", ".join(f"{c.value} ({c.label!r})" for c in matches)
        raise LiveSourceError(
            source_id, f"the {dimension} codelist has several codes matching {pattern!r}: {listed}"
        )
    if not matches:
        if required:
            raise LiveSourceError(
                source_id,
                f"the {dimension} codelist has no code labelled like {pattern!r}; "
                f"its labels start {[c.label for c in codes[:8]]}",
            )
        return None
    return matches[0]


def read_page(
    source_id: str,
    body: bytes,
    columns: Iterable[str],
    *,
    offset: int,
    record_count: int | None,
    page_size: int,
) -> tuple[list[dict[str, str]], int]:
    """Rows of one CSV page starting at `offset`, and the RECORD_COUNT they report.

    `record_count` is the count reported by the first page (None for the first page itself).
    """
    head = body[:512].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<")):
        raise LiveSourceError(source_id, f"page at offset {offset} came back as HTML, not CSV")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LiveSourceError(source_id, f"page at offset {offset} is not UTF-8: {error}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().upper() for name in next(reader, [])]
    if not header or header == [""]:
        raise LiveSourceError(source_id, f"page at offset {offset} is empty (no CSV header)")
    wanted = [*BASE_COLUMNS, *columns]
    missing = [name for name in wanted if name not in header]
    if missing:
        raise LiveSourceError(
            source_id, f"page at offset {offset} lacks columns {missing}; it has {header}"
        )
    if len(set(header)) != len(header):
        raise LiveSourceError(source_id, f"page at offset {offset} repeats a column: {header}")
    rows = csv_rows(
        source_id,
        reader,
        header,
        where=f"page at offset {offset},",
        expected=f"the header has {len(header)} (truncated response?)",
    )
    if not rows:
        raise LiveSourceError(source_id, f"page at offset {offset} has a header but no rows")
    counts = {row["RECORD_COUNT"] for row in rows}
    if len(counts) != 1:
        raise LiveSourceError(
            source_id, f"page at offset {offset} reports several RECORD_COUNTs: {sorted(counts)}"
        )
    reported = _whole_number(source_id, counts.pop(), "RECORD_COUNT")
    if reported > MAX_RECORDS:
        raise LiveSourceError(source_id, f"RECORD_COUNT {reported} is implausibly large")
    if record_count is not None and reported != record_count:
        raise LiveSourceError(
            source_id,
            f"RECORD_COUNT changed from {record_count} to {reported} while paging "
            "(the dataset was updated mid-download; run the refresh again)",
        )
    expected_rows = min(page_size, reported - offset)
    if len(rows) != expected_rows:
        raise LiveSourceError(
            source_id,
            f"page at offset {offset} has {len(rows)} rows, expected {expected_rows} "
            f"(RECORD_COUNT {reported}): short or duplicated rows",
        )
    for index, row in enumerate(rows):
        position = _whole_number(source_id, row["RECORD_OFFSET"], "RECORD_OFFSET")
        if position != offset + index:
            raise LiveSourceError(
                source_id,
                f"RECORD_OFFSET {position} where {offset + index} was expected: "
                "rows are missing or repeated",
            )
    return rows, reported


def _whole_number(source_id: str, text: str, column: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise LiveSourceError(source_id, f"{column} {text!r} is not a whole number") from None


def area_code(
    source_id: str, row: dict[str, str], *, council_typecode: str, council_type: str
) -> str:
    """The current GSS code of a row, after checking the geography type it claims."""
    code = row["GEOGRAPHY_CODE"].strip()
    typecode = row["GEOGRAPHY_TYPECODE"].strip()
    try:
        current = normalise_code(code)
    except UnknownAreaError:
        raise LiveSourceError(
            source_id,
            f"unknown area code {code!r} ({row['GEOGRAPHY_NAME']!r}, geography type "
            f"{typecode} {row['GEOGRAPHY_TYPE']!r}): not Scotland or one of its council areas",
        ) from None
    if current == SCOTLAND_CODE:
        if typecode != SCOTLAND_TYPECODE:
            raise LiveSourceError(
                source_id,
                f"Scotland came back with geography type {typecode} "
                f"({row['GEOGRAPHY_TYPE']!r}), expected {SCOTLAND_TYPECODE} (countries)",
            )
        return current
    if typecode != council_typecode or row["GEOGRAPHY_TYPE"].strip() != council_type:
        raise LiveSourceError(
            source_id,
            f"{code} came back with geography type {typecode} ({row['GEOGRAPHY_TYPE']!r}), "
            f"expected {council_typecode} ({council_type!r})",
        )
    return current


def observation(source_id: str, row: dict[str, str], what: str) -> Observation:
    """The value of a row and its status, from OBS_VALUE and OBS_STATUS_NAME.

    A number with "Normal Value" is usable, and a "provisional" status keeps the number as
    provisional. An empty or non-numeric value is suppressed, with the publisher's words kept.
    A number under a status that says the figure is missing, or a status never seen before,
    stops the refresh: it is not the project's place to guess what a new flag means.
    """
    raw_value = row["OBS_VALUE"].strip()
    status_name = row["OBS_STATUS_NAME"].strip()
    status_code = row["OBS_STATUS"].strip()
    key = status_name.lower()
    number = _number(raw_value)
    missing_words = ("missing", "suppress", "disclos", "confidential", "not available")
    if number is None:
        if key in USABLE_STATUS_NAMES or "provisional" in key or _any(key, missing_words):
            words = status_name or "no value given"
            marker = f" (value {raw_value!r})" if raw_value else ""
            return Observation(None, Status.SUPPRESSED, f"NOMIS: {words}{marker}")
        raise LiveSourceError(
            source_id,
            f"{what}: unknown OBS_STATUS {status_code!r} ({status_name!r}) on an empty value",
        )
    if key in USABLE_STATUS_NAMES:
        return Observation(number, USABLE_STATUS_NAMES[key], None)
    if "provisional" in key:
        return Observation(number, Status.PROVISIONAL, f"NOMIS: {status_name}")
    raise LiveSourceError(
        source_id,
        f"{what}: value {raw_value!r} carries OBS_STATUS {status_code!r} ({status_name!r}), "
        "which is not a status this refresh knows how to treat",
    )


def _any(text: str, words: Iterable[str]) -> bool:
    return any(word in text for word in words)


def _number(text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check_labels(source_id: str, row: dict[str, str], expected: dict[str, dict[str, str]]) -> None:
    """Each `{column: {code: label}}` in `expected` must match the row's `column_NAME`."""
    for column, labels in expected.items():
        code = row[column].strip()
        if code not in labels:
            raise LiveSourceError(source_id, f"unexpected {column} code {code!r} in the data")
        name = row[f"{column}_NAME"].strip()
        if name.lower() != labels[code].lower():
            raise LiveSourceError(
                source_id,
                f"{column} {code} is labelled {name!r} in the data, expected {labels[code]!r}",
            )
