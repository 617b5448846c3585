"""NOMIS client for the monthly claimant count (NM_162_1) and APS estimates (NM_17_5).

Age bands and sexes are looked up by label in the dataset's own codelists at run time
(`…/{dimension}.def.sdmx.json`); APS variables are selected by code and their labels checked,
because labels are not unique across NM_17_5's variables. Dates come from the dataset's TIME
codelist (`…/time.def.sdmx.json`, whose codes also carry the release date), and the council-area
geography type is the newest "local authorities: district / unitary (as of …)" type that
`…/geography/2092957701.def.sdmx.json` offers within Scotland. Data are paged with RecordOffset
until RECORD_COUNT rows have arrived, and the rows are checked for completeness (every area has
every expected date and dimension combination, exactly once) before any record is built.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from data_sources.live.fetch_result import LiveFetch, input_file
from data_sources.live.http import HttpClient, LiveSourceError
from data_sources.live.nomis_parse import (
    BASE_COLUMNS,
    Code,
    GeographyType,
    Observation,
    area_code,
    check_labels,
    council_area_type,
    find_code,
    geography_types,
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
    code: str  # the NM_17_5 variable code
    label: str  # full-match regex its label must match (labels are not unique, codes are)
    required: bool


APS_SERIES = (
    ApsSeries("employment_rate", "45", r"Employment rate\s*-\s*aged 16\s*-\s*64", required=True),
    ApsSeries(
        "youth_employment_rate", "1207", r"Employment rate\s*-\s*aged 16\s*-\s*24", required=False
    ),
    ApsSeries("aps_unemployment_rate", "83", r"Unemployment rate\s*-\s*aged 16\+", required=True),
    ApsSeries(
        "aps_youth_unemployment_rate",
        "1213",
        r"Unemployment rate\s*-\s*aged 16\s*-\s*24",
        required=False,
    ),
    ApsSeries(
        "economic_inactivity_rate",
        "111",
        r"% who are economically inactive\s*-\s*aged 16\s*-\s*64",
        required=False,
    ),
    ApsSeries(
        "disabled_share_16_64",
        "1733",
        r"% aged 16\s*-\s*64 who are EA core or work-limiting disabled",
        required=False,
    ),
)

# The council disability employment gap needs NOMIS's employment rates of disabled and
# non-disabled people aged 16-64. No recorded NM_17_5 codelist shows their codes or labels, so
# they are looked up by label only, and used only if each label names exactly one variable.
GAP_INDICATOR = "disability_employment_gap_nomis"
GAP_DISABLED = (
    r"Employment rate\s*-\s*aged 16\s*-\s*64\s*-\s*(Equality Act|EA) core"
    r"( or work-limiting)? disabled"
)
GAP_NOT_DISABLED = (
    r"Employment rate\s*-\s*aged 16\s*-\s*64\s*-\s*(not (Equality Act|EA) core"
    r"( or work-limiting)? disabled|non-disabled)"
)
GAP_UNAVAILABLE = (
    f"{APS_DATASET}'s variable codelist offers no employment rates of disabled and non-disabled "
    "people aged 16-64 (looked up by label), so the disability employment gap by council area "
    "is not produced from NOMIS."
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
        self.council: GeographyType | None = None

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

    def geography(self) -> str:
        """The `geography=` value: Scotland and its council areas under the current type."""
        scotland = self.settings.nomis_scotland_geography
        try:
            self.council = council_area_type(
                self.source_id,
                geography_types(self.source_id, self.codelist(f"geography/{scotland}")),
            )
        except LiveSourceError as error:
            raise self.fail(error.problem) from None
        return f"{scotland},{scotland}TYPE{self.council.code}"

    def area(self, row: dict[str, str]) -> str:
        if self.council is None:
            raise self.fail("the council-area geography type was not looked up")
        try:
            return area_code(self.source_id, row, council=self.council)
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
    date_codes = nomis.codelist("time")
    months = sorted(
        c.value
        for c in date_codes
        if re.fullmatch(r"\d{4}-\d{2}", c.value) and c.value >= settings.claimant_first_month
    )
    if not months or months[0] != settings.claimant_first_month:
        raise nomis.fail(
            f"the time codelist does not reach back to {settings.claimant_first_month} "
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
        "geography": nomis.geography(),
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


def _aps_variables(
    nomis: _Nomis, variables: Sequence[Code], notes: list[str], unavailable: set[str]
) -> dict[str, Code]:
    """The variable of each APS series, by code, its label checked; optional ones may be absent."""
    by_value = {c.value: c for c in variables}
    chosen: dict[str, Code] = {}
    for series in APS_SERIES:
        code = by_value.get(series.code)
        if code is None:
            if series.required:
                raise nomis.fail(f"the variable codelist has no variable {series.code}")
            unavailable.add(series.indicator_id)
            notes.append(
                f"{APS_DATASET} has no variable {series.code}; {series.indicator_id} is skipped."
            )
            continue
        if not re.fullmatch(series.label, code.label, re.IGNORECASE):
            raise nomis.fail(
                f"variable {series.code} is labelled {code.label!r}, expected a label like "
                f"{series.label!r}: the codelist has changed"
            )
        chosen[series.indicator_id] = code
    disabled = nomis.find(variables, "variable", GAP_DISABLED, required=False)
    not_disabled = nomis.find(variables, "variable", GAP_NOT_DISABLED, required=False)
    if disabled is None or not_disabled is None:
        unavailable.add(GAP_INDICATOR)
        notes.append(GAP_UNAVAILABLE)
    else:
        chosen[f"{GAP_INDICATOR}:disabled"] = disabled
        chosen[f"{GAP_INDICATOR}:not_disabled"] = not_disabled
        notes.append(
            "The disability employment gap by council area is NOMIS's variable "
            f"{not_disabled.value} ({not_disabled.label!r}) minus variable {disabled.value} "
            f"({disabled.label!r})."
        )
    return chosen


def fetch_aps(
    client: HttpClient, settings: Settings, *, today: date, source_id: str = APS_SOURCE
) -> LiveFetch:
    """APS rates (Jan-Dec) with numerators, denominators and 95% intervals, by variable code."""
    nomis = _Nomis(client, settings, source_id, APS_DATASET)
    notes: list[str] = []
    date_codes = nomis.codelist("time")
    years: dict[str, int] = {}
    for code in date_codes:
        found = APS_PERIOD.fullmatch(code.label)
        if found and found.group(1) == found.group(2) and code.value == f"{found.group(1)}-12":
            if int(found.group(1)) >= settings.aps_first_year:
                years[code.value] = int(found.group(1))
    if not years:
        raise nomis.fail(
            f"the time codelist has no January-December periods from {settings.aps_first_year}"
        )
    dates = sorted(years)
    unavailable: set[str] = set()
    chosen = _aps_variables(nomis, nomis.codelist("variable"), notes, unavailable)
    params = {
        "geography": nomis.geography(),
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

    estimates: dict[tuple[str, str, str], Record] = {}
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
                estimates[(indicator_id, area, when)] = _aps_record(
                    indicator_id,
                    area,
                    calendar_year(years[when]),
                    source_id,
                    rate,
                    confidence,
                    numerator,
                    denominator,
                )
    records = [r for (i, _, _), r in estimates.items() if not i.startswith(GAP_INDICATOR)]
    if GAP_INDICATOR not in unavailable:
        records += [
            _gap_record(
                estimates[(f"{GAP_INDICATOR}:not_disabled", area, when)],
                estimates[(f"{GAP_INDICATOR}:disabled", area, when)],
            )
            for area in areas
            for when in dates
        ]
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

    An estimate NOMIS marks as unreliable keeps its value, marked unreliable with NOMIS's words;
    so does a rate given without its half-width (it cannot carry the interval a survey estimate
    needs). A rate NOMIS withholds stays missing with its status.
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
        without = f"Rate {rate.value:g} published without its 95% interval ({confidence.detail})."
        if rate.detail is None:
            words = without
        elif confidence.detail == rate.detail:
            words = rate.detail
        else:
            words = f"{rate.detail}; {without}"
        return Record(
            indicator_id,
            area,
            period,
            rate.value,
            source_id,
            status=Status.UNRELIABLE,
            status_detail=words,
            note=note,
        )
    if confidence.value < 0:
        raise LiveSourceError(
            source_id, f"{indicator_id} {area} {period.label}: negative confidence"
        )
    status, detail = rate.status, rate.detail
    if confidence.status is Status.UNRELIABLE and status is not Status.UNRELIABLE:
        status, detail = confidence.status, confidence.detail
    return Record(
        indicator_id,
        area,
        period,
        rate.value,
        source_id,
        lower_95=round(rate.value - confidence.value, 6),
        upper_95=round(rate.value + confidence.value, 6),
        status=status,
        status_detail=detail,
        note=note,
    )


def _gap_record(not_disabled: Record, disabled: Record) -> Record:
    """NOMIS's disability employment gap: non-disabled minus disabled employment rate.

    The interval combines the two half-widths as for independent samples (square root of the
    sum of squares). A gap from a missing or unreliable rate takes that rate's status.
    """
    where = (GAP_INDICATOR, disabled.area_code, disabled.period)
    for part, name in ((disabled, "disabled"), (not_disabled, "non-disabled")):
        if part.value is None:
            detail = f"The {name} employment rate is missing: {part.status_detail}"
            return Record(*where, None, part.source_id, status=part.status, status_detail=detail)
    assert disabled.value is not None and not_disabled.value is not None
    gap = round(not_disabled.value - disabled.value, 6)
    caution = next((p for p in (disabled, not_disabled) if p.status is Status.UNRELIABLE), None)
    if caution is not None:
        return Record(
            *where,
            gap,
            disabled.source_id,
            status=Status.UNRELIABLE,
            status_detail=caution.status_detail,
        )
    halves = [
        (p.upper_95 - p.lower_95) / 2
        for p in (disabled, not_disabled)
        if p.upper_95 is not None and p.lower_95 is not None
    ]
    if len(halves) != 2:  # _aps_record never gives a usable rate without its interval
        raise ValueError(f"{where}: a usable employment rate without its interval")
    half = math.hypot(*halves)
    return Record(
        *where,
        gap,
        disabled.source_id,
        lower_95=round(gap - half, 6),
        upper_95=round(gap + half, 6),
    )
