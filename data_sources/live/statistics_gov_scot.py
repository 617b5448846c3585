"""statistics.gov.scot client (SPARQL, CSV results) for council-area model-based unemployment.

It complements NOMIS: the Scottish Government's linked-data copy of the model-based
unemployment rate for council areas. Two queries are made: the observations (area, period,
the period's label and end, ratio) and the dataset's `dcterms:modified`, which is recorded as
the release date. The dataset's periods are quarter URIs
(`http://reference.data.gov.uk/id/quarter/2011-Q3`), one per quarterly 12-month estimate; only
the January-December estimates are kept, and which ones they are is read from the data (the
period's label, else its end date), never assumed from the quarter number alone. The CSV is
checked for HTML, its columns, duplicated (area, period) pairs, unknown areas, unparseable
periods or values, and completeness (every council area has every period).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from data_sources.live.csv_text import csv_rows
from data_sources.live.fetch_result import LiveFetch, input_file
from data_sources.live.http import Fetched, HttpClient, LiveSourceError
from data_sources.live.settings import Settings
from data_sources.periods import Period, calendar_year
from data_sources.records import Record
from geo.council_areas import SCOTLAND_CODE, UnknownAreaError, council_areas, normalise_code

SOURCE_ID = "sg_statistics_gov_scot_unemployment_model_based_estimates"
INDICATOR_ID = "unemployment_rate"
DATASET_URI = "http://statistics.gov.scot/data/{slug}"

OBSERVATIONS_QUERY = """\
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX mp: <http://statistics.gov.scot/def/measure-properties/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?area ?period ?periodLabel ?periodEnd ?value WHERE {{
  ?obs qb:dataSet <{dataset}> ;
       sdmx:refArea ?area ;
       sdmx:refPeriod ?period ;
       qb:measureType mp:ratio ;
       mp:ratio ?value .
  OPTIONAL {{ ?period rdfs:label ?periodLabel }}
  OPTIONAL {{ ?period time:hasEnd/time:inXSDDateTime ?periodEnd }}
  FILTER(REGEX(STR(?area), "/(S12[0-9]{{6}}|S92000003)$"))
}}
ORDER BY ?area ?period
"""
COLUMNS = ["area", "period", "periodLabel", "periodEnd", "value"]

MODIFIED_QUERY = """\
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?modified WHERE {{
  <{dataset}> dcterms:modified ?modified .
}}
"""

AREA_URI = re.compile(r"^https?://statistics\.gov\.scot/id/statistical-geography/(S\d{8})$")
YEAR_URI = re.compile(r"^https?://reference\.data\.gov\.uk/id/year/(\d{4})$")
QUARTER_URI = re.compile(r"^https?://reference\.data\.gov\.uk/id/quarter/(\d{4})-Q([1-4])$")
MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"  # "Jan", "January", "Sept."
# A label naming the months the estimate covers: "January 2021 to December 2021",
# "Jan 2021-Dec 2021", "Jan-Dec 2021", "12 months ending December 2021".
WINDOW = re.compile(rf"{MONTH}\s*(\d{{4}})?\s*(?:-|–|to)\s*{MONTH}\s+(\d{{4}})", re.IGNORECASE)
ENDING = re.compile(rf"(?:12 months|year) end(?:ing|ed)\s+{MONTH}\s+(\d{{4}})", re.IGNORECASE)


def sparql_csv(
    client: HttpClient, settings: Settings, source_id: str, query: str, columns: Sequence[str]
) -> tuple[list[dict[str, str]], Fetched]:
    """Run a SELECT query; its CSV rows (checked for HTML and columns) and the fetched response."""
    fetched = client.get(
        source_id,
        f"{settings.base_url('STATISTICS_GOV_SCOT_URL')}/sparql.csv",
        {"query": query},
        accept="text/csv",
    )
    if fetched.looks_like_html() or fetched.content.lstrip().startswith(b"<"):
        raise LiveSourceError(source_id, f"{fetched.url[:120]}… came back as HTML, not CSV")
    try:
        text = fetched.content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LiveSourceError(source_id, f"SPARQL results are not UTF-8: {error}") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    if header != list(columns):
        raise LiveSourceError(
            source_id, f"SPARQL results have columns {header}, expected {list(columns)}"
        )
    rows = csv_rows(
        source_id, reader, header, where="SPARQL results", expected=f"expected {len(header)}"
    )
    return rows, fetched


def _end_date(source_id: str, text: str) -> date:
    """The last day a period covers, from its `time:hasEnd` instant.

    An instant at midnight on the first of a month is read as the end of the month before (the
    interval runs up to it); a date, or any other instant, is the last day itself.
    """
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise LiveSourceError(source_id, f"period end {text!r} is not a date") from None
    day = moment.date()
    if "T" in text and moment.time() == datetime.min.time() and day.day == 1:
        day = day - timedelta(days=1)
    return day


def _period(source_id: str, uri: str, label: str, end: str) -> Period | None:
    """The calendar year of a January-December estimate, or None for any other 12 months.

    The label is read first (the months it names); a label naming no months leaves the end date
    to decide: the 12-month estimate ending on 31 December is the January-December one. A period
    with neither cannot be placed and stops the source.
    """
    uri = uri.strip()
    if found := YEAR_URI.match(uri):
        return calendar_year(int(found.group(1)))
    quarter = QUARTER_URI.match(uri)
    if not quarter:
        raise LiveSourceError(
            source_id, f"unexpected period {uri!r}: expected a reference.data.gov.uk quarter"
        )
    if window := WINDOW.search(label):
        first, first_year, last, last_year = window.groups()
        start_year = int(first_year or last_year)
        is_calendar_year = (first.lower(), last.lower()) == ("jan", "dec")
        return (
            calendar_year(int(last_year))
            if is_calendar_year and start_year == int(last_year)
            else None
        )
    if ending := ENDING.search(label):
        return calendar_year(int(ending.group(2))) if ending.group(1).lower() == "dec" else None
    if not end.strip():
        raise LiveSourceError(
            source_id,
            f"period {uri} ({label!r}) has neither a label naming its months nor an end date, "
            "so its 12 months cannot be established",
        )
    last_day = _end_date(source_id, end)
    year, number = int(quarter.group(1)), int(quarter.group(2))
    if (last_day.year, last_day.month) != (year, 3 * number):
        raise LiveSourceError(
            source_id, f"period {uri} ends on {last_day.isoformat()}, outside its own quarter"
        )
    return calendar_year(year) if (last_day.month, last_day.day) == (12, 31) else None


def _area(source_id: str, uri: str) -> str:
    found = AREA_URI.match(uri.strip())
    if not found:
        raise LiveSourceError(
            source_id, f"unexpected area {uri!r}: not a statistical-geography URI"
        )
    try:
        return normalise_code(found.group(1))
    except UnknownAreaError:
        raise LiveSourceError(
            source_id, f"unknown area code {found.group(1)!r}: not Scotland or a council area"
        ) from None


def fetch_unemployment_model_based(
    client: HttpClient, settings: Settings, *, today: date, source_id: str = SOURCE_ID
) -> LiveFetch:
    """Model-based unemployment rate by council area (and Scotland, where the dataset has it)."""
    dataset = DATASET_URI.format(slug=settings.statistics_gov_scot_dataset)
    modified_rows, modified_response = sparql_csv(
        client, settings, source_id, MODIFIED_QUERY.format(dataset=dataset), ["modified"]
    )
    stamps = [row["modified"].strip() for row in modified_rows]
    if len(stamps) != 1 or not re.match(r"^\d{4}-\d{2}-\d{2}", stamps[0]):
        raise LiveSourceError(
            source_id, f"dataset {dataset} has dcterms:modified {stamps}, expected one date"
        )
    published = stamps[0][:10]
    if published > today.isoformat():
        raise LiveSourceError(
            source_id, f"dataset {dataset} claims to be modified on {published}, after today"
        )

    rows, response = sparql_csv(
        client, settings, source_id, OBSERVATIONS_QUERY.format(dataset=dataset), COLUMNS
    )
    if not rows:
        raise LiveSourceError(source_id, f"dataset {dataset} returned no observations")
    values: dict[tuple[str, str], float] = {}
    periods: dict[str, Period] = {}
    other_periods: set[str] = set()
    for row in rows:
        area = _area(source_id, row["area"])
        period = _period(source_id, row["period"], row["periodLabel"], row["periodEnd"])
        if period is None:
            other_periods.add(row["period"].strip())
            continue
        try:
            value = float(row["value"])
        except ValueError:
            raise LiveSourceError(
                source_id, f"{area} {period.label}: value {row['value']!r} is not a number"
            ) from None
        if not 0 <= value <= 100:
            raise LiveSourceError(
                source_id, f"{area} {period.label}: rate {value} is not a percentage"
            )
        key = (area, period.iso)
        if key in values:
            raise LiveSourceError(
                source_id,
                f"duplicated rows for {area} {period.label} (has the dataset gained a dimension?)",
            )
        values[key] = value
        periods[period.iso] = period
    if not values:
        raise LiveSourceError(
            source_id,
            f"dataset {dataset} has no January-December estimates among its "
            f"{len(other_periods)} periods",
        )
    councils = {a.code for a in council_areas()}
    present = {area for area, _ in values}
    if missing := sorted(councils - present):
        raise LiveSourceError(source_id, f"no rows for council areas {missing[:6]}")
    notes: list[str] = [
        f"Kept the {len(periods)} January-December estimates; {len(other_periods)} other "
        "quarterly 12-month estimates were left out."
    ]
    areas = sorted(present)
    if SCOTLAND_CODE not in present:
        notes.append("The dataset has no Scotland figure; council areas only.")
    gaps = [(a, p) for a in areas for p in periods if (a, p) not in values]
    if gaps:
        area, iso = gaps[0]
        raise LiveSourceError(
            source_id,
            f"{len(gaps)} area-period pairs are missing, e.g. {area} {periods[iso].label}: "
            "every area must have every period",
        )
    records = [
        Record(INDICATOR_ID, area, period, values[(area, iso)], source_id)
        for (area, iso) in sorted(values)
        for period in (periods[iso],)
    ]
    files = (input_file(modified_response), input_file(response))
    return LiveFetch(source_id, records, published, files, tuple(notes))
