"""Readers for the real official files in shared/data (the offline build path).

Each reader turns one publisher's file into observation records in the tidy contract, keeping
the publisher's own words for anything missing or unreliable. Readers check the shape they
expect (columns, areas, sheets) and raise `SourceFormatError` naming the file and the problem,
so a changed file stops the build rather than producing a quietly wrong snapshot.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec

import pandas as pd

from data_sources.periods import Period, calendar_year, financial_year, month, participation_year
from data_sources.records import ALL_AREA_CODES, Ratio, Record
from data_sources.schema import Status
from geo.council_areas import AREA_CODE_PATTERN, SCOTLAND_CODE, code_for_name, normalise_code


class SourceFormatError(ValueError):
    """A raw file is not in the shape its reader expects."""


def _fail(path: Path, problem: str) -> SourceFormatError:
    return SourceFormatError(f"{path.name}: {problem}")


_P = ParamSpec("_P")


def _names_the_file(
    reader: Callable[Concatenate[Path, _P], list[Record]],
) -> Callable[Concatenate[Path, _P], list[Record]]:
    """Report any problem parsing the file as a SourceFormatError that names it.

    Unknown area names or codes (UnknownAreaError), unparseable years and missing sheets
    otherwise surface as bare ValueErrors or KeyErrors that do not say which file was at fault.
    """

    @functools.wraps(reader)
    def read(path: Path, /, *args: _P.args, **kwargs: _P.kwargs) -> list[Record]:
        try:
            return reader(path, *args, **kwargs)
        except SourceFormatError as error:
            if str(error).startswith(f"{path.name}: "):
                raise
            raise _fail(path, str(error)) from error
        except (ValueError, KeyError) as error:
            raise _fail(path, f"{type(error).__name__}: {error}") from error

    return read


def _require_columns(path: Path, frame: pd.DataFrame, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise _fail(path, f"missing columns {missing}; found {list(frame.columns)}")


def _require_areas(path: Path, found: Iterable[str], expected: frozenset[str], what: str) -> None:
    found_set = set(found)
    if found_set != expected:
        missing = sorted(expected - found_set)
        extra = sorted(found_set - expected)
        raise _fail(
            path, f"{what}: expected {len(expected)} areas; missing {missing}, extra {extra}"
        )


def _number(cell: Any) -> float | None:
    """A numeric cell as float, or None for blanks and the publisher's text markers."""
    if cell is None or isinstance(cell, str):
        return None
    number = float(cell)
    return None if math.isnan(number) else number


# --- ONS Explore local statistics (CSV, one row per area and year) -------------------------

ONS_COLUMNS = ("areacd", "indicator", "period", "observation", "lci_95", "uci_95", "notes")


@_names_the_file
def read_ons_local_statistics(
    path: Path, indicator_by_ons_name: dict[str, str], source_id: str
) -> list[Record]:
    """Scottish rows of an ONS Explore-local-statistics CSV.

    ONS keeps unreliable estimates in the file with a note ("Estimate and confidence interval
    unreliable since the group sample size is small (3-9)"); here they become `unreliable`
    with no value, in ONS's words.
    """
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={"areacd": str, "notes": str})
    _require_columns(path, frame, ONS_COLUMNS)
    frame = frame[frame["areacd"].str.match(AREA_CODE_PATTERN)]
    records: list[Record] = []
    for ons_name, indicator_id in indicator_by_ons_name.items():
        rows = frame[frame["indicator"] == ons_name]
        _require_areas(path, map(normalise_code, rows["areacd"]), ALL_AREA_CODES, ons_name)
        for row in rows.itertuples(index=False):
            match = re.match(r"^(\d{4})-01-01/P1Y$", str(row.period))
            if not match:
                raise _fail(path, f"unexpected period {row.period!r}")
            note = row.notes if isinstance(row.notes, str) else None
            value = _number(row.observation)
            common: dict[str, Any] = {
                "indicator_id": indicator_id,
                "area_code": normalise_code(str(row.areacd)),
                "period": calendar_year(int(match.group(1))),
                "source_id": source_id,
            }
            if note and "unreliable" in note.lower():
                records.append(
                    Record(**common, value=None, status=Status.UNRELIABLE, status_detail=note)
                )
            elif value is None:
                records.append(
                    Record(
                        **common,
                        value=None,
                        status=Status.NOT_AVAILABLE,
                        status_detail=note or "No value in the ONS file.",
                    )
                )
            else:
                records.append(
                    Record(
                        **common,
                        value=value,
                        lower_95=_number(row.lci_95),
                        upper_95=_number(row.uci_95),
                    )
                )
    return records


# --- Scottish Government Sub-Scotland Economic Statistics Database (xlsx) -----------------

SG_TABLES = {
    "Table 11": "employment_rate",
    "Table 12": "youth_employment_rate",
    "Table 17": "economic_inactivity_rate",
}
# Table 16 (the survey's unemployment rate, 16+) is read by its own call, so the other tables'
# checks stay as they are.
SG_UNEMPLOYMENT_TABLE = {"Table 16": "aps_unemployment_rate"}
SG_MARKERS = {
    "[x]": "not available",
    "[x1]": "not available since the group sample size is zero or disclosive (0-2)",
    "[x2]": "not available since the group sample size is small (3-9)",
}


def _sg_note(notes: pd.DataFrame, number: int) -> str:
    row = notes[notes[0].astype(str).str.strip() == str(number)]
    if row.empty:
        raise SourceFormatError(f"Notes sheet has no note {number}")
    return " ".join(str(row.iloc[0, 1]).split())


def _sg_marker_status(marker: str, note_14: str) -> tuple[Status, str]:
    marker = marker.strip()
    if "note 14" in marker:
        return Status.SUPPRESSED, f"Not published by the Scottish Government ({marker}): {note_14}"
    base = marker.split("[see")[0].strip()
    if base == "[x1]":
        return Status.SUPPRESSED, f"{base}: {SG_MARKERS[base]}"
    if base == "[x2]":
        return Status.UNRELIABLE, f"{base}: {SG_MARKERS[base]}"
    if base == "[x]":
        return Status.NOT_AVAILABLE, f"{base}: {SG_MARKERS[base]}"
    raise SourceFormatError(f"unknown marker {marker!r}")


@_names_the_file
def read_sg_sub_scotland(
    path: Path, source_id: str, tables: dict[str, str] | None = None
) -> list[Record]:
    """Employment, youth employment and inactivity rates with 95% intervals, Scotland and councils.

    Rates are fractions (0.566 = 56.6%) and the interval row holds the half-width. A rate whose
    interval is suppressed is one the publisher prints but says to "treat with caution" (its
    note 16): it keeps its printed value with status `unreliable` and the publisher's words, no
    interval, and is never shown as a firm figure (greyed, unranked, never compared).
    """
    notes = pd.read_excel(path, sheet_name="Notes", header=None)
    note_14, note_16 = _sg_note(notes, 14), _sg_note(notes, 16)
    records: list[Record] = []
    for sheet, indicator_id in (tables or SG_TABLES).items():
        table = pd.read_excel(path, sheet_name=sheet, header=None)
        header_rows = table.index[table[0].astype(str).str.strip() == "Variable"]
        if len(header_rows) != 1:
            raise _fail(path, f"{sheet}: cannot find the 'Variable' header row")
        header = table.loc[header_rows[0]]
        year_columns = {
            col: int(str(label).strip()[:4])
            for col, label in header.items()
            if re.fullmatch(r"\d{4}(\.0)?", str(label).strip())
        }
        if not year_columns:
            raise _fail(path, f"{sheet}: no year columns")
        body = table.loc[header_rows[0] + 1 :]
        geography = body[1].astype(str).str.strip()
        region = body[2].astype(str).str.strip()
        wanted = (geography == "Local Authority Areas") | (
            (geography == "Country") & (region == "Scotland")
        )
        rows = body[wanted]
        is_interval = rows[0].astype(str).str.strip() == "95% confidence interval"
        rates, intervals = rows[~is_interval], rows[is_interval]

        def by_code(block: pd.DataFrame) -> dict[str, pd.Series]:
            return {code_for_name(str(r[2])): r for _, r in block.iterrows()}

        rate_rows, interval_rows = by_code(rates), by_code(intervals)
        _require_areas(path, rate_rows, ALL_AREA_CODES, f"{sheet} rates")
        _require_areas(path, interval_rows, ALL_AREA_CODES, f"{sheet} intervals")
        for code, rate_row in rate_rows.items():
            for col, year in year_columns.items():
                rate_cell, half_cell = rate_row[col], interval_rows[code][col]
                rate, half_width = _number(rate_cell), _number(half_cell)
                common: dict[str, Any] = {
                    "indicator_id": indicator_id,
                    "area_code": code,
                    "period": calendar_year(year),
                    "source_id": source_id,
                }
                if rate is None:
                    status, detail = _sg_marker_status(str(rate_cell), note_14)
                    records.append(
                        Record(**common, value=None, status=status, status_detail=detail)
                    )
                elif half_width is None:
                    _, marker_words = _sg_marker_status(str(half_cell), note_14)
                    detail = f"Rate published without its 95% interval ({marker_words}). {note_16}"
                    records.append(
                        Record(
                            **common,
                            value=round(rate * 100, 6),
                            status=Status.UNRELIABLE,
                            status_detail=detail,
                        )
                    )
                else:
                    value = round(rate * 100, 6)
                    spread = round(half_width * 100, 6)
                    records.append(
                        Record(
                            **common,
                            value=value,
                            lower_95=round(value - spread, 6),
                            upper_95=round(value + spread, 6),
                        )
                    )
    return records


# --- Improvement Service LGBF benchmarking workbook (xlsx, wide) --------------------------

# ECON1 is read from the newer Spatial Hub file (read_lgbf_spatial_hub), never from here.
LGBF_COLUMNS = {
    "ECON12a": "claimant_rate_march",
    "ECON12b": "youth_claimant_rate",
    "Claimant Count (16 to 24)": "youth_claimant_count",
}
# ECON12b is printed at full precision beside its count and population.
ECON12B_PARTS = ("Claimant Count (16 to 24)", "MYE Population (16 to 24)")


def _lgbf_period(start_year: int) -> Period:
    # ECON12 uses the claimant count for March of the financial year's second calendar year.
    return month(start_year + 1, 3)


def _econ12b_ratio(frame: pd.DataFrame, column: str, position: int) -> Ratio | None:
    """ECON12b's own count and population for one row, when both are printed."""
    year = column.split(" ", 1)[1]
    parts = [f"{name} {year}" for name in ECON12B_PARTS]
    if not all(part in frame.columns for part in parts):
        return None
    numerator, denominator = (_number(frame[part].iloc[position]) for part in parts)
    if numerator is None or not denominator:
        return None
    return Ratio(numerator, denominator, 100.0, 1e-6, "the full precision printed")


@_names_the_file
def read_lgbf(path: Path, source_id: str) -> list[Record]:
    """ECON12a (March claimant rate) and ECON12b (youth claimant rate and count), all years."""
    workbook = pd.read_excel(path, sheet_name="Raw Data")
    _require_columns(path, workbook, ["Local Authority"])
    wanted = [c for c in workbook.columns if str(c).startswith((*LGBF_COLUMNS, *ECON12B_PARTS))]
    frame = workbook[["Local Authority", *wanted]].copy()
    frame["area_code"] = frame["Local Authority"].map(lambda name: code_for_name(str(name)))
    _require_areas(path, frame["area_code"], ALL_AREA_CODES, "Raw Data")
    records: list[Record] = []
    for prefix, indicator_id in LGBF_COLUMNS.items():
        pattern = re.compile(rf"^{re.escape(prefix)} (\d{{4}})-\d{{2}}$")
        columns = {c: int(m.group(1)) for c in frame.columns if (m := pattern.match(str(c)))}
        if not columns:
            raise _fail(path, f"no columns for {prefix}")
        for column, start_year in columns.items():
            for position, (code, cell) in enumerate(
                zip(frame["area_code"], frame[column], strict=True)
            ):
                value = _number(cell)
                period = _lgbf_period(start_year)
                ratio = (
                    _econ12b_ratio(frame, column, position)
                    if indicator_id == "youth_claimant_rate"
                    else None
                )
                if value is None:
                    records.append(
                        Record(
                            indicator_id,
                            code,
                            period,
                            None,
                            source_id,
                            status=Status.NOT_AVAILABLE,
                            status_detail=f"Blank in the LGBF data ({column}).",
                        )
                    )
                else:
                    records.append(
                        Record(indicator_id, code, period, round(value, 6), source_id, ratio=ratio)
                    )
    return records


# --- Improvement Service LGBF data, Spatial Hub download (CSV, long) ----------------------

LGBF_HUB_COLUMNS = (
    "LocalAuthority",
    "IndicatorCode",
    "Year",
    "IndicatorCash_LA",
    "NumeratorCash_LA",
    "DenominatorCash_LA",
    "IndicatorCash_Scotland",
    "NumeratorCash_Scotland",
    "DenominatorCash_Scotland",
)
# Values are fractions printed to 4 decimal places (some at full precision): allow half a
# unit of the 4th decimal, i.e. 0.005 percentage points.
LGBF_HUB_TOLERANCE = Ratio(0, 1, 100.0, 0.005, "rounding to 4 decimal places of the fraction")


def _lgbf_hub_period(indicator_id: str, year: str) -> Period:
    start = int(year[:4])
    if int(year[5:7]) != (start + 1) % 100:
        raise ValueError(f"unexpected LGBF year {year!r}")
    # CHN21 '2022-23' is the Annual Participation Measure 2023 (April 2022 to March 2023).
    if indicator_id == "participation_16_19":
        return participation_year(start + 1)
    return financial_year(start)


def _lgbf_hub_record(
    indicator_id: str,
    code: str,
    period: Period,
    cells: tuple[Any, Any, Any],
    source_id: str,
    where: str,
) -> Record:
    value, numerator, denominator = (_number(c) for c in cells)
    if value is None:
        return Record(
            indicator_id,
            code,
            period,
            None,
            source_id,
            status=Status.NOT_AVAILABLE,
            status_detail=f"Blank in the LGBF data ({where}).",
        )
    ratio = None
    if numerator is not None and denominator:
        ratio = Ratio(
            numerator,
            denominator,
            LGBF_HUB_TOLERANCE.scale,
            LGBF_HUB_TOLERANCE.tolerance,
            LGBF_HUB_TOLERANCE.rounding,
        )
    note = (
        None
        if ratio is None
        else f"LGBF numerator {numerator:,.0f}; denominator {denominator:,.0f}."
    )
    return Record(
        indicator_id, code, period, round(value * 100, 6), source_id, note=note, ratio=ratio
    )


LGBF_HUB_INDICATORS = {"ECON01": "employability_into_work", "CHN21": "participation_16_19"}


@_names_the_file
def read_lgbf_spatial_hub(path: Path, source_id: str) -> list[Record]:
    """ECON1 (employability into work, 2012-13 to 2022-23, with numerators and denominators) and
    CHN21 (participation of 16-19 year olds, 2015-16 to 2022-23), councils and Scotland.

    Scotland's value is printed on every council's row; it must be the same on all of them.
    """
    frame = pd.read_csv(path, dtype={"Year": str})
    _require_columns(path, frame, LGBF_HUB_COLUMNS)
    records: list[Record] = []
    for code_in_file, indicator_id in LGBF_HUB_INDICATORS.items():
        rows = frame[frame["IndicatorCode"] == code_in_file]
        codes = [code_for_name(str(name)) for name in rows["LocalAuthority"]]
        _require_areas(path, codes, ALL_AREA_CODES - {SCOTLAND_CODE}, code_in_file)
        for code, row in zip(codes, rows.itertuples(index=False), strict=True):
            period = _lgbf_hub_period(indicator_id, str(row.Year))
            cells = (row.IndicatorCash_LA, row.NumeratorCash_LA, row.DenominatorCash_LA)
            where = f"{code_in_file} {row.Year}, {row.LocalAuthority}"
            records.append(_lgbf_hub_record(indicator_id, code, period, cells, source_id, where))
        for year, by_year in rows.groupby("Year", sort=True):
            scotland = by_year[
                ["IndicatorCash_Scotland", "NumeratorCash_Scotland", "DenominatorCash_Scotland"]
            ].drop_duplicates()
            if len(scotland) != 1:
                raise _fail(path, f"{code_in_file} {year}: Scotland's value differs between rows")
            cells = tuple(scotland.iloc[0])
            period = _lgbf_hub_period(indicator_id, str(year))
            where = f"{code_in_file} {year}, Scotland"
            records.append(
                _lgbf_hub_record(
                    indicator_id,
                    SCOTLAND_CODE,
                    period,
                    (cells[0], cells[1], cells[2]),
                    source_id,
                    where,
                )
            )
    return records


# --- NOMIS claimant count extract written for LGBF ECON12 (CSV) ----------------------------


@_names_the_file
def read_march_claimant_extract(path: Path, source_id: str) -> list[Record]:
    """Youth (16-24) claimant counts and the all-age claimant rate (NOMIS's own rate, % of
    residents aged 16-64) in March by council; year '2020/21' means March 2021. The extract's
    16-24 proportion is computed by its script, so it is not read."""
    frame = pd.read_csv(path)
    _require_columns(
        path,
        frame,
        ["Year", "Council", "ClaimantCountAged16_24AtMarch", "ClaimantsAsPropOf16_65Pop"],
    )
    records: list[Record] = []
    for year_label, rows in frame.groupby("Year"):
        match = re.fullmatch(r"(\d{4})/(\d{2})", str(year_label))
        if not match:
            raise _fail(path, f"unexpected year {year_label!r}")
        codes = [code_for_name(str(name)) for name in rows["Council"]]
        _require_areas(path, codes, ALL_AREA_CODES - {SCOTLAND_CODE}, str(year_label))
        period = month(int(match.group(1)) + 1, 3)
        for code, cell in zip(codes, rows["ClaimantsAsPropOf16_65Pop"], strict=True):
            rate = _number(cell)
            if rate is None:
                records.append(
                    Record(
                        "claimant_rate_march",
                        code,
                        period,
                        None,
                        source_id,
                        status=Status.NOT_AVAILABLE,
                        status_detail="NA in the NOMIS extract.",
                    )
                )
            else:
                records.append(Record("claimant_rate_march", code, period, rate, source_id))
        for code, cell in zip(codes, rows["ClaimantCountAged16_24AtMarch"], strict=True):
            value = _number(cell)
            if value is None:
                records.append(
                    Record(
                        "youth_claimant_count",
                        code,
                        period,
                        None,
                        source_id,
                        status=Status.NOT_AVAILABLE,
                        status_detail="NA in the NOMIS extract.",
                    )
                )
            else:
                records.append(Record("youth_claimant_count", code, period, value, source_id))
    return records


# --- Scottish Government Wellbeing Economy Monitor (CSV, Year,Value, Scotland) -------------


@_names_the_file
def read_year_value_series(path: Path, indicator_id: str, source_id: str) -> list[Record]:
    """A two-column Scotland series (Year,Value), one row per calendar year."""
    frame = pd.read_csv(path)
    _require_columns(path, frame, ["Year", "Value"])
    if frame["Year"].duplicated().any():
        raise _fail(path, "duplicated years")
    return [
        Record(indicator_id, SCOTLAND_CODE, calendar_year(int(year)), float(value), source_id)
        for year, value in zip(frame["Year"], frame["Value"], strict=True)
    ]


# --- Figures transcribed from Scottish Government publications (curated CSV) ---------------

PUBLISHED_FIGURE_COLUMNS = (
    "indicator",
    "area_code",
    "period",
    "value",
    "unit",
    "vintage",
    "source_title",
    "source_url",
    "note",
)


# The period each transcribed figure covers, by indicator: the publisher's year names a
# participation year (April to March) for the Annual Participation Measure, and a January to
# December survey year for the APS figures.
PUBLISHED_PERIODS: dict[str, Callable[[int], Period]] = {
    "participation_16_19": participation_year,
}


@_names_the_file
def read_published_figures(
    path: Path,
    source_id: str,
    *,
    only: frozenset[str] | None = None,
    excluding: frozenset[str] = frozenset(),
) -> list[Record]:
    """Each row cites its own publication, which is carried into the row's note.

    `only` and `excluding` pick indicators, so one curated file can feed the sources of more
    than one publisher (Skills Development Scotland's headline and the Scottish Government's).
    """
    frame = pd.read_csv(path, dtype={"note": str, "period": int})
    _require_columns(path, frame, PUBLISHED_FIGURE_COLUMNS)
    records: list[Record] = []
    for row in frame.itertuples(index=False):
        indicator_id = str(row.indicator)
        if (only is not None and indicator_id not in only) or indicator_id in excluding:
            continue
        citation = f"Published in {row.source_title} ({row.vintage}): {row.source_url}"
        note = f"{citation}. {row.note}" if isinstance(row.note, str) and row.note else citation
        period_of = PUBLISHED_PERIODS.get(indicator_id, calendar_year)
        records.append(
            Record(
                indicator_id,
                normalise_code(str(row.area_code)),
                period_of(int(str(row.period))),
                float(str(row.value)),
                source_id,
                note=note,
            )
        )
    return records


# --- ScotPHO profiles download (CSV, latest year per indicator) ----------------------------

SCOTPHO_APM_PREFIX = "Annual participation (in education, training or employment) measure"


@_names_the_file
def read_scotpho_participation(path: Path, source_id: str) -> list[Record]:
    """Council-area Annual Participation Measure (latest year) with 95% intervals."""
    frame = pd.read_csv(path, dtype={"area_code": str})
    _require_columns(
        path,
        frame,
        [
            "area_code",
            "year",
            "indicator",
            "measure",
            "lower_confidence_interval",
            "upper_confidence_interval",
        ],
    )
    rows = frame[frame["indicator"].astype(str).str.startswith(SCOTPHO_APM_PREFIX)]
    codes = [normalise_code(c) for c in rows["area_code"]]
    _require_areas(path, codes, ALL_AREA_CODES - {SCOTLAND_CODE}, "participation measure")
    records: list[Record] = []
    for code, row in zip(codes, rows.itertuples(index=False), strict=True):
        value = _number(row.measure)
        period = participation_year(int(str(row.year)))
        if value is None:
            records.append(
                Record(
                    "participation_16_19",
                    code,
                    period,
                    None,
                    source_id,
                    status=Status.SUPPRESSED,
                    status_detail="NA in the ScotPHO download (suppressed or unavailable).",
                )
            )
        else:
            records.append(
                Record(
                    "participation_16_19",
                    code,
                    period,
                    value,
                    source_id,
                    lower_95=_number(row.lower_confidence_interval),
                    upper_95=_number(row.upper_confidence_interval),
                )
            )
    return records


SCOTPHO_ILL_HEALTH_INACTIVITY = "Economic inactivity due to long-term ill health"
SCOTPHO_SUPPRESSED_WORDS = (
    "NA in the ScotPHO download: no estimate. ScotPHO's scripts for its other APS indicators "
    "put missing Orkney and Shetland figures down to suppression and disclosure control "
    "applied to the NOMIS data."
)
SCOTPHO_NO_SCOTLAND_WORDS = (
    "No Scotland figure is in the ScotPHO download, and none is derived from the council "
    "figures: comparisons with Scotland are not available for this measure."
)
SCOTPHO_NO_INTERVAL_WORDS = (
    "Printed by ScotPHO without its 95% interval (NA in the download; ScotPHO takes the "
    "interval from NOMIS's confidence measure, so NOMIS gave none for this estimate). An APS "
    "rate whose interval is suppressed or unavailable should be treated with caution, as the "
    "Scottish Government says of the same survey's council-area tables."
)


@_names_the_file
def read_scotpho_ill_health_inactivity(path: Path, source_id: str) -> list[Record]:
    """Share of the economically inactive aged 16-64 who are inactive because of long-term
    sickness (ScotPHO indicator 99131, APS January to December), councils, with 95% intervals.

    ScotPHO's production script forms the interval as the NOMIS rate plus or minus NOMIS's
    "Confidence" measure. A value printed without an interval keeps its value with status
    `unreliable` (as the Scottish Government's and ONS's copies of APS cells without an
    interval are kept); a row with no value is `suppressed`. Scotland is `not_available`: the
    download has no Scotland row, and a share of the inactive cannot be summed from councils.
    """
    frame = pd.read_csv(path, dtype={"area_code": str})
    _require_columns(
        path,
        frame,
        [
            "area_code",
            "year",
            "period",
            "indicator",
            "measure",
            "lower_confidence_interval",
            "upper_confidence_interval",
        ],
    )
    rows = frame[frame["indicator"].astype(str) == SCOTPHO_ILL_HEALTH_INACTIVITY]
    codes = [normalise_code(c) for c in rows["area_code"]]
    _require_areas(path, codes, ALL_AREA_CODES - {SCOTLAND_CODE}, SCOTPHO_ILL_HEALTH_INACTIVITY)
    records: list[Record] = []
    for code, row in zip(codes, rows.itertuples(index=False), strict=True):
        year = int(str(row.year))
        if str(row.period).strip() != f"{year} calendar year":
            raise _fail(path, f"{code}: period {row.period!r} is not the calendar year {year}")
        common: dict[str, Any] = {
            "indicator_id": "inactivity_long_term_ill_health",
            "area_code": code,
            "period": calendar_year(year),
            "source_id": source_id,
        }
        value = _number(row.measure)
        lower, upper = (
            _number(row.lower_confidence_interval),
            _number(row.upper_confidence_interval),
        )
        if value is None:
            records.append(
                Record(
                    **common,
                    value=None,
                    status=Status.SUPPRESSED,
                    status_detail=SCOTPHO_SUPPRESSED_WORDS,
                )
            )
        elif lower is None or upper is None:
            records.append(
                Record(
                    **common,
                    value=value,
                    status=Status.UNRELIABLE,
                    status_detail=SCOTPHO_NO_INTERVAL_WORDS,
                )
            )
        else:
            records.append(Record(**common, value=value, lower_95=lower, upper_95=upper))
    for label in sorted({r.period.label for r in records}):
        records.append(
            Record(
                "inactivity_long_term_ill_health",
                SCOTLAND_CODE,
                calendar_year(int(label)),
                None,
                source_id,
                status=Status.NOT_AVAILABLE,
                status_detail=SCOTPHO_NO_SCOTLAND_WORDS,
            )
        )
    return records


# --- SDS Annual Participation Measure headlines (verbatim page excerpts) -------------------

APM_HEADLINE_LINE = re.compile(r"^Derived from A1-A3.*?:\s*$", re.MULTILINE)


@_names_the_file
def read_apm_headlines(path: Path, source_id: str) -> list[Record]:
    """Scotland APM headline rates quoted in SDS releases (the excerpt's summary line)."""
    text = path.read_text(encoding="utf-8")
    heading = APM_HEADLINE_LINE.search(text)
    if heading is None:
        raise _fail(path, "no 'Derived from A1-A3' summary line")
    summary = text[heading.end() :].lstrip().splitlines()[0]
    pairs = re.findall(r"(\d{4}) (\d{2}\.\d)( \(=[^)]*\))?", summary)
    if len(pairs) < 3:
        raise _fail(path, f"cannot read APM values from {summary!r}")
    records = []
    for year, value, derivation in pairs:
        note = (
            f"Stated in the SDS 2018 release as a change on 2018 {derivation.strip()}."
            if derivation
            else None
        )
        records.append(
            Record(
                "participation_16_19",
                SCOTLAND_CODE,
                participation_year(int(year)),
                float(value),
                source_id,
                note=note,
            )
        )
    return records


# --- RESAS Rural Scotland Key Facts: APM shares by status (xlsx) ---------------------------

APM_STATUSES = ("Education", "Employment", "Training and Other Personal Development")


@_names_the_file
def read_apm_status_shares(path: Path, source_id: str) -> list[Record]:
    """Scotland's participation rate as the sum of the education, employment and training shares."""
    table = pd.read_excel(path, header=None)
    header_rows = table.index[table[0].astype(str).str.strip() == "Region"]
    if len(header_rows) != 1:
        raise _fail(path, "cannot find the 'Region' header row")
    header = table.loc[header_rows[0]]
    years = {col: int(float(label)) for col, label in header.items() if _number(label)}
    if not years:
        raise _fail(path, "no year columns in the 'Region' header row")
    body = table.loc[header_rows[0] + 1 :]
    scotland = body[body[0].astype(str).str.strip() == "Scotland"]
    statuses = [str(s).strip() for s in scotland[1]]
    if sorted(statuses) != sorted(APM_STATUSES):
        raise _fail(path, f"expected statuses {APM_STATUSES}, found {statuses}")
    records = []
    for col, year in years.items():
        shares = [_number(cell) for cell in scotland[col]]
        if any(share is None for share in shares):
            continue
        total = round(sum(share for share in shares if share is not None), 4)
        records.append(
            Record(
                "participation_16_19",
                SCOTLAND_CODE,
                participation_year(year),
                total,
                source_id,
                note="Sum of the published shares in education, employment and training.",
            )
        )
    return records


# --- Scottish Government disability labour-market pages (verbatim page excerpts) -----------

DEG_2023_GAP = re.compile(r"rate gap was estimated at (\d+\.\d) percentage points")
DEG_2023_SINCE_2019 = re.compile(r"decreased by (\d+\.\d) pp since 2019")
DEG_2023_BY_SEX = re.compile(r"wider for men compared to women \((\d+\.\d) pp and (\d+\.\d) pp")
DEG_2023_WOMEN_2021 = re.compile(r"gap for women in 2021 \((\d+\.\d) pp\)")
DISABLED_YOUTH_2018 = re.compile(
    r"In 2018, the employment rate of disabled 16-24 year olds was (\d+\.\d)%, slightly higher "
    r"than the baseline rate of (\d+\.\d)%, but \d+\.\d percentage points lower than the rate in "
    r"2017 \((\d+\.\d)%\)"
)


def _one(path: Path, pattern: re.Pattern[str], text: str) -> re.Match[str]:
    match = pattern.search(" ".join(text.split()))
    if match is None:
        raise _fail(path, f"no passage matching {pattern.pattern!r}")
    return match


@_names_the_file
def read_deg_2023_edition(path: Path, source_id: str) -> list[Record]:
    """What the 2023 edition (January to December 2022) states for 2019 and by sex.

    The edition prints 2022's gap (31.9) and says it "has decreased by 0.8 pp since 2019", so
    its own 2019 figure is 32.7, on the reweighted APS; the first-published 32.6 is an older
    vintage. Its 2020 figure is not in the excerpts held, so 2020 is recorded as not available
    rather than filled with an earlier edition's value.
    """
    text = path.read_text(encoding="utf-8")
    gap_2022 = float(_one(path, DEG_2023_GAP, text).group(1))
    since_2019 = float(_one(path, DEG_2023_SINCE_2019, text).group(1))
    men, women = (float(v) for v in _one(path, DEG_2023_BY_SEX, text).groups())
    women_2021 = float(_one(path, DEG_2023_WOMEN_2021, text).group(1))
    edition = "Labour Market Statistics for Scotland by Disability: January to December 2022 (2023)"
    gap = "disability_employment_gap"
    return [
        Record(
            gap,
            SCOTLAND_CODE,
            calendar_year(2019),
            round(gap_2022 + since_2019, 1),
            source_id,
            note=(
                f"{edition}: the gap of {gap_2022} pp in 2022 'has decreased by {since_2019} pp "
                "since 2019' (reweighted APS)."
            ),
        ),
        Record(
            gap,
            SCOTLAND_CODE,
            calendar_year(2020),
            None,
            source_id,
            status=Status.NOT_AVAILABLE,
            status_detail=(
                f"The {edition} figure for 2020 is not held. The earlier Wellbeing Economy "
                "Monitor figure predates the 2022 reweighting, so it is not mixed into this "
                "series (the manifest keeps it)."
            ),
        ),
        Record("disability_employment_gap_men", SCOTLAND_CODE, calendar_year(2022), men, source_id),
        Record(
            "disability_employment_gap_women", SCOTLAND_CODE, calendar_year(2022), women, source_id
        ),
        Record(
            "disability_employment_gap_women",
            SCOTLAND_CODE,
            calendar_year(2021),
            women_2021,
            source_id,
        ),
    ]


@_names_the_file
def read_disabled_youth_employment(path: Path, source_id: str) -> list[Record]:
    """Employment rate of disabled 16-24 year olds, 2016-2018 (Employment Action Plan progress
    report, 2019; 2016 is the plan's baseline)."""
    text = path.read_text(encoding="utf-8")
    rate_2018, baseline_2016, rate_2017 = (
        float(v) for v in _one(path, DISABLED_YOUTH_2018, text).groups()
    )
    indicator_id = "disabled_youth_employment_rate"
    return [
        Record(
            indicator_id,
            SCOTLAND_CODE,
            calendar_year(2016),
            baseline_2016,
            source_id,
            note="The action plan's baseline rate.",
        ),
        Record(indicator_id, SCOTLAND_CODE, calendar_year(2017), rate_2017, source_id),
        Record(indicator_id, SCOTLAND_CODE, calendar_year(2018), rate_2018, source_id),
    ]
