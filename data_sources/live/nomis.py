"""NOMIS client for the monthly claimant count (NM_162_1) and APS rates (NM_17_5).

Codes that public sources do not pin down (age bands, sexes, APS variables) are looked up by
label in the dataset's own codelists at run time (`…/{dimension}.def.sdmx.json`), never
hard-coded; so are the available dates. Data are paged with RecordOffset until RECORD_COUNT
rows have arrived, and the rows are checked for completeness (every area has every expected
date and dimension combination, exactly once) before any record is built.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from data_sources.live.fetch_result import LiveFetch, input_file
from data_sources.live.http import HttpClient, LiveSourceError
from data_sources.live.nomis_parse import (
    BASE_COLUMNS,
    Code,
    Observation,
    area_code,
    check_labels,
    find_code,
    observation,
    parse_codelist,
    read_page,
)
from data_sources.live.settings import Settings
from data_sources.periods import Period, calendar_year, month
from data_sources.provenance import InputFile
from data_sources.records import ALL_AREA_CODES, Record
from data_sources.schema import Status

CLAIMANT_DATASET = "NM_162_1"
APS_DATASET = "NM_17_5"
CLAIMANT_SOURCE = "nomis_claimant_count_monthly"
APS_SOURCE = "nomis_aps"

CLAIMANT_MEASURES = {
    "1": "Claimant count",
    "2": "Claimants as a proportion of residents aged 16-64",
}
VALUE_MEASURES = {"20100": "Value"}
APS_MEASURES = {
    "20599": "Variable",
    "21001": "Numerator",
    "21002": "Denominator",
    "21003": "Confidence",
}
RATE, NUMERATOR, DENOMINATOR, CONFIDENCE = "20599", "21001", "21002", "21003"

# Labels looked up in NM_162_1's codelists (full-match regexes, case-insensitive).
ALL_AGES = r"All categories: Age 16\+"
AGE_BANDS = {"16-24": r"Aged? 16\s*(-|–|to)\s*24", "18-24": r"Aged? 18\s*(-|–|to)\s*24"}
SEXES = {"total": r"Total", "male": r"Males?", "female": r"Females?"}


@dataclass(frozen=True)
class ClaimantSeries:
    indicator_id: str
    sex: str  # key of SEXES
    age: str  # "all" or a key of AGE_BANDS
    measure: str  # key of CLAIMANT_MEASURES
    required: bool


CLAIMANT_SERIES = (
    ClaimantSeries("claimant_count_monthly", "total", "all", "1", required=True),
    ClaimantSeries("claimant_rate_monthly", "total", "all", "2", required=True),
    ClaimantSeries("youth_claimant_count_monthly", "total", "16-24", "1", required=True),
    ClaimantSeries("youth_claimant_count_18_24_monthly", "total", "18-24", "1", required=False),
    ClaimantSeries("male_claimant_count_monthly", "male", "all", "1", required=False),
    ClaimantSeries("female_claimant_count_monthly", "female", "all", "1", required=False),
)


@dataclass(frozen=True)
class ApsSeries:
    indicator_id: str
    label: str  # full-match regex for the NM_17_5 variable label
    required: bool


APS_SERIES = (
    ApsSeries("employment_rate", r"Employment rate\s*-\s*aged 16\s*-\s*64", required=True),
    ApsSeries("youth_employment_rate", r"Employment rate\s*-\s*aged 16\s*-\s*24", required=False),
    ApsSeries("aps_unemployment_rate", r"Unemployment rate\s*-\s*aged 16\+", required=True),
    ApsSeries(
        "youth_unemployment_rate", r"Unemployment rate\s*-\s*aged 16\s*-\s*24", required=False
    ),
)


class _Nomis:
    """Shared plumbing for one NOMIS dataset: codelists, paging and provenance."""

    def __init__(
        self, client: HttpClient, settings: Settings, source_id: str, dataset: str
    ) -> None:
        self.client = client
        self.settings = settings
        self.source_id = source_id
        self.dataset = dataset
        self.base = f"{settings.base_url('NOMIS_API_URL')}/dataset/{dataset}"
        self.files: list[InputFile] = []

    def fail(self, problem: str) -> LiveSourceError:
        return LiveSourceError(self.source_id, f"NOMIS {self.dataset}: {problem}")

    def finish(
        self,
        records: list[Record],
        date_codes: Sequence[Code],
        latest: str,
        today: date,
        notes: list[str],
        unavailable: set[str],
    ) -> LiveFetch:
        """The fetch's result, stamped with the release date NOMIS gives for `latest`."""
        published, release_notes = release_date(date_codes, latest, today)
        return LiveFetch(
            source_id=self.source_id,
            records=records,
            published=published,
            files=tuple(self.files),
            notes=(*notes, *release_notes),
            unavailable=frozenset(unavailable),
        )

    def codelist(self, dimension: str) -> list[Code]:
        fetched = self.client.get(
            self.source_id,
            f"{self.base}/{dimension}.def.sdmx.json",
            accept="application/json",
            send_key=True,
        )
        self.files.append(input_file(fetched))
        try:
            return parse_codelist(self.source_id, fetched.content, dimension)
        except LiveSourceError as error:
            raise self.fail(error.problem) from None

    def find(
        self, codes: Sequence[Code], dimension: str, pattern: str, required: bool
    ) -> Code | None:
        try:
            return find_code(self.source_id, codes, dimension, pattern, required=required)
        except LiveSourceError as error:
            raise self.fail(error.problem) from None

    def rows(self, params: Mapping[str, str], columns: Sequence[str]) -> list[dict[str, str]]:
        """Every row of the query, page by page, checked against RECORD_COUNT and RECORD_OFFSET."""
        page_size = self.settings.page_size
        # The dataset's own dimension columns sit between the geography and measure columns.
        geography_end = BASE_COLUMNS.index("MEASURES")
        select = ",".join(
            c.lower()
            for c in (*BASE_COLUMNS[:geography_end], *columns, *BASE_COLUMNS[geography_end:])
        )
        rows: list[dict[str, str]] = []
        record_count: int | None = None
        offset = 0
        while record_count is None or offset < record_count:
            query = {
                **params,
                "select": select,
                "RecordOffset": str(offset),
                "RecordLimit": str(page_size),
            }
            fetched = self.client.get(
                self.source_id, f"{self.base}.data.csv", query, accept="text/csv", send_key=True
            )
            self.files.append(input_file(fetched))
            if fetched.looks_like_html():
                raise self.fail(f"page at offset {offset} came back as HTML, not CSV")
            try:
                page, record_count = read_page(
                    self.source_id,
                    fetched.content,
                    columns,
                    offset=offset,
                    record_count=record_count,
                    page_size=page_size,
                )
            except LiveSourceError as error:
                raise self.fail(error.problem) from None
            rows += page
            offset += len(page)
        return rows

    def area(self, row: dict[str, str]) -> str:
        try:
            return area_code(
                self.source_id,
                row,
                council_typecode=self.settings.nomis_council_typecode,
                council_type=self.settings.nomis_council_type,
            )
        except LiveSourceError as error:
            raise self.fail(error.problem) from None

    def observation(self, row: dict[str, str], what: str) -> Observation:
        try:
            return observation(self.source_id, row, what)
        except LiveSourceError as error:
            raise self.fail(error.problem) from None

    def labels(self, row: dict[str, str], expected: dict[str, dict[str, str]]) -> None:
        try:
            check_labels(self.source_id, row, expected)
        except LiveSourceError as error:
            raise self.fail(error.problem) from None

    def check_complete(
        self,
        keyed: Mapping[tuple[str, ...], dict[str, str]],
        dates: Sequence[str],
        combinations: Sequence[tuple[str, ...]],
    ) -> None:
        """Every area has exactly one row for every date and dimension combination."""
        areas = {key[0] for key in keyed}
        if missing_areas := sorted(ALL_AREA_CODES - areas):
            raise self.fail(f"no rows for {len(missing_areas)} areas: {missing_areas[:6]}")
        expected = {
            (area, when, *combo)
            for area in ALL_AREA_CODES
            for when in dates
            for combo in combinations
        }
        if missing := sorted(expected - set(keyed)):
            raise self.fail(
                f"{len(missing)} expected rows are missing, e.g. {list(missing[0])}; every area "
                "must have every period"
            )
        if extra := sorted(set(keyed) - expected):
            raise self.fail(f"{len(extra)} rows were not asked for, e.g. {list(extra[0])}")


def release_date(date_codes: Sequence[Code], latest: str, today: date) -> tuple[str, list[str]]:
    """The release date NOMIS gives for the latest period, or today's date with a note."""
    stamp = next(
        (c.annotations.get("CurrentRevisionReleased", "") for c in date_codes if c.value == latest),
        "",
    )
    if re.match(r"^\d{4}-\d{2}-\d{2}", stamp):
        return stamp[:10], []
    return today.isoformat(), [
        f"NOMIS gave no release date for {latest}; the retrieval date stands in."
    ]


def _key_row(
    nomis: _Nomis,
    keyed: dict[tuple[str, ...], dict[str, str]],
    key: tuple[str, ...],
    row: dict[str, str],
) -> None:
    if key in keyed:
        raise nomis.fail(f"duplicated rows for {list(key)}")
    keyed[key] = row


def _date_range(dates: Sequence[str]) -> str:
    return dates[0] if len(dates) == 1 else f"{dates[0]}-{dates[-1]}"


def fetch_claimant_count(
    client: HttpClient, settings: Settings, *, today: date, source_id: str = CLAIMANT_SOURCE
) -> LiveFetch:
    """Monthly claimant count and rate for Scotland and its council areas, with youth bands."""
    nomis = _Nomis(client, settings, source_id, CLAIMANT_DATASET)
    notes: list[str] = []
    date_codes = nomis.codelist("date")
    months = sorted(
        c.value
        for c in date_codes
        if re.fullmatch(r"\d{4}-\d{2}", c.value) and c.value >= settings.claimant_first_month
    )
    if not months or months[0] != settings.claimant_first_month:
        raise nomis.fail(
            f"the date codelist does not reach back to {settings.claimant_first_month} "
            f"(earliest month offered from then: {months[0] if months else 'none'})"
        )
    date_labels = {c.value: c.label for c in date_codes}

    ages = nomis.codelist("age")
    age_codes: dict[str, Code] = {}
    everyone = nomis.find(ages, "age", ALL_AGES, required=True)
    if everyone is None:  # find() has already raised; this keeps the type checker informed
        raise nomis.fail("the age codelist has no all-ages code")
    age_codes["all"] = everyone
    for band, pattern in AGE_BANDS.items():
        needed = any(s.required for s in CLAIMANT_SERIES if s.age == band)
        found = nomis.find(ages, "age", pattern, required=needed)
        if found is not None:
            age_codes[band] = found
        else:
            notes.append(f"{CLAIMANT_DATASET} offers no {band} age band; that series is skipped.")
    sexes = nomis.codelist("gender")
    sex_codes: dict[str, Code] = {}
    for sex, pattern in SEXES.items():
        needed = any(s.required for s in CLAIMANT_SERIES if s.sex == sex)
        found = nomis.find(sexes, "gender", pattern, required=needed)
        if found is not None:
            sex_codes[sex] = found
        else:
            notes.append(f"{CLAIMANT_DATASET} offers no {sex} figures; that series is skipped.")

    params = {
        "geography": settings.nomis_geography,
        "date": _date_range(months),
        "gender": ",".join(c.value for c in sex_codes.values()),
        "age": ",".join(c.value for c in age_codes.values()),
        "measure": ",".join(CLAIMANT_MEASURES),
        "measures": ",".join(VALUE_MEASURES),
    }
    rows = nomis.rows(
        params, ("GENDER", "GENDER_NAME", "AGE", "AGE_NAME", "MEASURE", "MEASURE_NAME")
    )
    expected_labels = {
        "GENDER": {c.value: c.label for c in sex_codes.values()},
        "AGE": {c.value: c.label for c in age_codes.values()},
        "MEASURE": CLAIMANT_MEASURES,
        "MEASURES": VALUE_MEASURES,
    }
    keyed: dict[tuple[str, ...], dict[str, str]] = {}
    for row in rows:
        nomis.labels(row, expected_labels)
        when = row["DATE"].strip()
        if when not in date_labels or row["DATE_NAME"].strip() != date_labels[when]:
            raise nomis.fail(f"unexpected date {when!r} ({row['DATE_NAME']!r}) in the data")
        key = (
            nomis.area(row),
            when,
            row["GENDER"].strip(),
            row["AGE"].strip(),
            row["MEASURE"].strip(),
        )
        _key_row(nomis, keyed, key, row)
    combinations = [
        (sex.value, age.value, measure)
        for sex in sex_codes.values()
        for age in age_codes.values()
        for measure in CLAIMANT_MEASURES
    ]
    nomis.check_complete(keyed, months, combinations)

    records: list[Record] = []
    unavailable: set[str] = set()
    for series in CLAIMANT_SERIES:
        if series.sex not in sex_codes or series.age not in age_codes:
            unavailable.add(series.indicator_id)
            continue
        sex, age = sex_codes[series.sex].value, age_codes[series.age].value
        for (area, when, row_sex, row_age, measure), row in keyed.items():
            if (row_sex, row_age, measure) != (sex, age, series.measure):
                continue
            period = month(int(when[:4]), int(when[5:7]))
            obs = nomis.observation(row, f"{series.indicator_id} {area} {when}")
            records.append(
                Record(
                    indicator_id=series.indicator_id,
                    area_code=area,
                    period=period,
                    value=obs.value,
                    source_id=source_id,
                    status=obs.status,
                    status_detail=obs.detail,
                )
            )
    return nomis.finish(records, date_codes, months[-1], today, notes, unavailable)


APS_PERIOD = re.compile(r"Jan\s+(\d{4})\s*-\s*Dec\s+(\d{4})", re.IGNORECASE)


def fetch_aps(
    client: HttpClient, settings: Settings, *, today: date, source_id: str = APS_SOURCE
) -> LiveFetch:
    """APS employment and unemployment rates (Jan-Dec) with numerators, denominators and CIs."""
    nomis = _Nomis(client, settings, source_id, APS_DATASET)
    notes: list[str] = []
    date_codes = nomis.codelist("date")
    years: dict[str, int] = {}
    for code in date_codes:
        found = APS_PERIOD.fullmatch(code.label)
        if found and found.group(1) == found.group(2) and code.value == f"{found.group(1)}-12":
            if int(found.group(1)) >= settings.aps_first_year:
                years[code.value] = int(found.group(1))
    if not years:
        raise nomis.fail(
            f"the date codelist has no January-December periods from {settings.aps_first_year}"
        )
    dates = sorted(years)
    variables = nomis.codelist("variable")
    chosen: dict[str, Code] = {}
    unavailable: set[str] = set()
    for series in APS_SERIES:
        variable = nomis.find(variables, "variable", series.label, required=series.required)
        if variable is None:
            unavailable.add(series.indicator_id)
            notes.append(f"{APS_DATASET} has no variable labelled like {series.label!r}; skipped.")
        else:
            chosen[series.indicator_id] = variable
    params = {
        "geography": settings.nomis_geography,
        "date": ",".join(dates),
        "variable": ",".join(c.value for c in chosen.values()),
        "measures": ",".join(APS_MEASURES),
    }
    rows = nomis.rows(params, ("VARIABLE", "VARIABLE_NAME"))
    expected_labels = {
        "VARIABLE": {c.value: c.label for c in chosen.values()},
        "MEASURES": APS_MEASURES,
    }
    keyed: dict[tuple[str, ...], dict[str, str]] = {}
    for row in rows:
        nomis.labels(row, expected_labels)
        when = row["DATE"].strip()
        label = APS_PERIOD.fullmatch(row["DATE_NAME"].strip())
        if when not in years or label is None or int(label.group(2)) != years[when]:
            raise nomis.fail(
                f"unexpected date {when!r} ({row['DATE_NAME']!r}): only January-December "
                "periods were asked for"
            )
        key = (nomis.area(row), when, row["VARIABLE"].strip(), row["MEASURES"].strip())
        _key_row(nomis, keyed, key, row)
    combinations = [(c.value, m) for c in chosen.values() for m in APS_MEASURES]
    nomis.check_complete(keyed, dates, combinations)

    records: list[Record] = []
    areas = sorted({key[0] for key in keyed})
    for indicator_id, variable in chosen.items():
        for area in areas:
            for when in dates:
                what = f"{indicator_id} {area} {when}"
                rate, confidence, numerator, denominator = (
                    nomis.observation(keyed[(area, when, variable.value, m)], f"{what} {name}")
                    for m, name in (
                        (RATE, "rate"),
                        (CONFIDENCE, "confidence"),
                        (NUMERATOR, "numerator"),
                        (DENOMINATOR, "denominator"),
                    )
                )
                records.append(
                    _aps_record(
                        indicator_id,
                        area,
                        calendar_year(years[when]),
                        source_id,
                        rate,
                        confidence,
                        numerator,
                        denominator,
                    )
                )
    return nomis.finish(records, date_codes, dates[-1], today, notes, unavailable)


def _aps_record(
    indicator_id: str,
    area: str,
    period: Period,
    source_id: str,
    rate: Observation,
    confidence: Observation,
    numerator: Observation,
    denominator: Observation,
) -> Record:
    """One APS estimate: the rate with its 95% interval (rate ± the confidence half-width).

    A rate given without its half-width keeps its value with status `unreliable` and no
    interval, the same way the embedded Scottish Government series treats a rate it prints
    without its interval: shown greyed, never ranked or compared.
    """
    note = None
    if numerator.value is not None and denominator.value is not None:
        note = f"APS numerator {numerator.value:,.0f}; denominator {denominator.value:,.0f}."
    if rate.value is None:
        return Record(
            indicator_id,
            area,
            period,
            None,
            source_id,
            status=rate.status,
            status_detail=rate.detail,
            note=note,
        )
    if confidence.value is None:
        return Record(
            indicator_id,
            area,
            period,
            rate.value,
            source_id,
            status=Status.UNRELIABLE,
            status_detail=(
                f"Rate {rate.value:g} published without its 95% interval ({confidence.detail})."
            ),
            note=note,
        )
    if confidence.value < 0:
        raise LiveSourceError(
            source_id, f"{indicator_id} {area} {period.label}: negative confidence"
        )
    return Record(
        indicator_id,
        area,
        period,
        rate.value,
        source_id,
        lower_95=round(rate.value - confidence.value, 6),
        upper_95=round(rate.value + confidence.value, 6),
        status=rate.status,
        status_detail=rate.detail,
        note=note,
    )
