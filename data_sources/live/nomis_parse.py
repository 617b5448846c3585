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
from typing import Any, Final

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
UNRELIABLE_STATUS_NAME: Final = (
    "Estimate and confidence interval unreliable since the group sample size is small (3-9)"
)
NOT_AVAILABLE_STATUS_NAME: Final = (
    "Estimate and confidence interval not available since the group sample size is zero or "
    "disclosive (0-2)"
)
UNDER_500_STATUS_NAME: Final = "Estimate is less than 500"


@dataclass(frozen=True, slots=True)
class KnownStatus:
    """How one OBS_STATUS_NAME is treated: the status of a number under it, if one may appear."""

    with_value: Status | None  # None: the status withholds the figure, so a number contradicts it


# Every status wording this refresh knows, exactly as NOMIS words it (compared case-insensitively).
# Anything else stops the source: it is not the project's place to guess what a new flag means.
KNOWN_STATUSES: Final[dict[str, KnownStatus]] = {
    "normal value": KnownStatus(Status.OK),
    UNRELIABLE_STATUS_NAME.lower(): KnownStatus(Status.UNRELIABLE),
    UNDER_500_STATUS_NAME.lower(): KnownStatus(Status.UNRELIABLE),
    NOT_AVAILABLE_STATUS_NAME.lower(): KnownStatus(None),
    MISSING_STATUS_NAME.lower(): KnownStatus(None),
}
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
    # SDMX-JSON gives a one-element list as a list or as the element itself.
    codelists = _many(codelists)
    if len(codelists) != 1:
        raise LiveSourceError(source_id, f"{where} holds {len(codelists)} codelists, expected 1")
    if not isinstance(codelists[0], dict):
        raise LiveSourceError(source_id, f"{where} holds a codelist that is not a JSON object")
    codes: list[Code] = []
    for entry in _many(codelists[0].get("code")):
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
            for a in _many(listed)
            if isinstance(a, dict)
        }
        codes.append(Code(value, label, annotations))
    if not codes:
        raise LiveSourceError(source_id, f"{where} is empty")
    values = [c.value for c in codes]
    if len(set(values)) != len(values):
        raise LiveSourceError(source_id, f"{where} lists a code more than once")
    return codes


def _many(item: object) -> list[Any]:
    """A JSON value that may be a list, a single element, or absent, as a list."""
    if item is None:
        return []
    return list(item) if isinstance(item, list) else [item]


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
    # Whether RECORD_OFFSET counts from the start of the whole result or restarts on each page
    # is not established, so either is accepted; the first row decides, and the rest must follow.
    # (A server that ignored RecordOffset and sent the first page again would pass here, and is
    # caught later: the client refuses duplicated rows.)
    positions = [_whole_number(source_id, r["RECORD_OFFSET"], "RECORD_OFFSET") for r in rows]
    start = 0 if offset and positions[0] == 0 else offset
    for index, position in enumerate(positions):
        if position != start + index:
            raise LiveSourceError(
                source_id,
                f"RECORD_OFFSET {position} where {start + index} was expected: "
                "rows are missing or repeated",
            )
    return rows, reported


def _whole_number(source_id: str, text: str, column: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise LiveSourceError(source_id, f"{column} {text!r} is not a whole number") from None


@dataclass(frozen=True, slots=True)
class GeographyType:
    """A NOMIS geography type: the code used in `{parent}TYPE{code}` queries and its name."""

    code: str
    name: str


COUNCIL_TYPE_NAME: Final = re.compile(
    r"local authorities: district / unitary \(as of (January|February|March|April|May|June|"
    r"July|August|September|October|November|December) (\d{4})\)",
    re.IGNORECASE,
)
MONTHS: Final = (
    "january february march april may june july august september october november december"
).split()


def geography_types(source_id: str, codes: Sequence[Code]) -> list[GeographyType]:
    """The geography types a `geography/{parent}.def.sdmx.json` codelist lists.

    Each code's type is read from its TypeCode and TypeName annotations; where an annotation is
    absent, from a `…TYPE{n}` code value and its label.
    """
    types: list[GeographyType] = []
    for code in codes:
        typecode = code.annotations.get("TypeCode", "").strip()
        if not typecode and (found := re.search(r"TYPE(\d+)$", code.value)):
            typecode = found.group(1)
        if not typecode.isdigit():
            continue
        types.append(GeographyType(typecode, code.annotations.get("TypeName", code.label).strip()))
    if not types:
        raise LiveSourceError(
            source_id, "the geography codelist names no geography types (TypeCode annotations)"
        )
    return types


def council_area_type(source_id: str, types: Sequence[GeographyType]) -> GeographyType:
    """The newest "local authorities: district / unitary (as of <month> <year>)" type.

    NOMIS adds a type with each boundary year, so the current one is chosen at run time rather
    than pinned; the data are then checked to hold exactly Scotland's 32 council areas.
    """
    dated = []
    for candidate in types:
        found = COUNCIL_TYPE_NAME.fullmatch(candidate.name)
        if found:
            dated.append(((int(found.group(2)), MONTHS.index(found.group(1).lower())), candidate))
    if not dated:
        listed = "; ".join(f"TYPE{t.code} {t.name!r}" for t in types)
        raise LiveSourceError(
            source_id,
            "the geography codelist offers no 'local authorities: district / unitary (as of …)' "
            f"type for Scotland; it lists {listed}",
        )
    dated.sort(key=lambda pair: pair[0])
    if len(dated) > 1 and dated[-1][0] == dated[-2][0]:
        raise LiveSourceError(
            source_id,
            f"two council-area types share the newest date: {dated[-2][1]}, {dated[-1][1]}",
        )
    return dated[-1][1]


def area_code(source_id: str, row: dict[str, str], *, council: GeographyType) -> str:
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
    if typecode != council.code or row["GEOGRAPHY_TYPE"].strip().lower() != council.name.lower():
        raise LiveSourceError(
            source_id,
            f"{code} came back with geography type {typecode} ({row['GEOGRAPHY_TYPE']!r}), "
            f"expected {council.code} ({council.name!r})",
        )
    return current


def observation(source_id: str, row: dict[str, str], what: str) -> Observation:
    """The value of a row and its status, from OBS_VALUE and OBS_STATUS_NAME.

    Statuses are looked up in KNOWN_STATUSES by their exact words: "Normal Value" is usable;
    the APS small-sample wordings keep their number, marked unreliable with the publisher's
    words; a status that withholds the figure ("not available", "missing") gives a suppressed
    value. A "provisional" status keeps the number as provisional. An empty or non-numeric
    value is suppressed, with the publisher's words kept. A number under a withholding status,
    or any status never seen before, stops the source.
    """
    raw_value = row["OBS_VALUE"].strip()
    status_name = row["OBS_STATUS_NAME"].strip()
    status_code = row["OBS_STATUS"].strip()
    key = status_name.lower()
    known = KNOWN_STATUSES.get(key)
    if known is None and "provisional" in key:
        known = KnownStatus(Status.PROVISIONAL)
    number = _number(raw_value)
    if known is None:
        raise LiveSourceError(
            source_id,
            f"{what}: value {raw_value!r} carries OBS_STATUS {status_code!r} ({status_name!r}), "
            "which is not a status this refresh knows how to treat",
        )
    if number is None:
        words = status_name or "no value given"
        marker = f" (value {raw_value!r})" if raw_value else ""
        return Observation(None, Status.SUPPRESSED, f"NOMIS: {words}{marker}")
    if known.with_value is None:
        raise LiveSourceError(
            source_id,
            f"{what}: value {raw_value!r} carries OBS_STATUS {status_code!r} ({status_name!r}), "
            "which says the figure is withheld: not a status this refresh knows how to treat "
            "with a number",
        )
    detail = None if known.with_value is Status.OK else f"NOMIS: {status_name}"
    return Observation(number, known.with_value, detail)


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
