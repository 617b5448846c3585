"""statistics.gov.scot client (SPARQL, CSV results) for council-area model-based unemployment.

It complements NOMIS: the Scottish Government's linked-data copy of the model-based
unemployment rate for council areas. Two queries are made: the observations (area, period,
ratio) and the dataset's `dcterms:modified`, which is recorded as the release date. The CSV is
checked for HTML, its columns, duplicated (area, period) pairs, unknown areas, unparseable
periods or values, and completeness (every council area has every period).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from datetime import date

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
SELECT ?area ?period ?value WHERE {{
  ?obs qb:dataSet <{dataset}> ;
       sdmx:refArea ?area ;
       sdmx:refPeriod ?period ;
       mp:ratio ?value .
  FILTER(REGEX(STR(?area), "/(S12[0-9]{{6}}|S92000003)$"))
}}
ORDER BY ?area ?period
"""

MODIFIED_QUERY = """\
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?modified WHERE {{
  <{dataset}> dcterms:modified ?modified .
}}
"""

AREA_URI = re.compile(r"^https?://statistics\.gov\.scot/id/statistical-geography/(S\d{8})$")
YEAR_URI = re.compile(r"^https?://reference\.data\.gov\.uk/id/year/(\d{4})$")
INTERVAL_URI = re.compile(
    r"^https?://reference\.data\.gov\.uk/id/gregorian-interval/(\d{4})-01-01T00:00:00/P1Y$"
)


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


def _period(source_id: str, uri: str) -> Period:
    for pattern in (YEAR_URI, INTERVAL_URI):
        found = pattern.match(uri.strip())
        if found:
            return calendar_year(int(found.group(1)))
    raise LiveSourceError(
        source_id, f"unexpected period {uri!r}: expected a calendar year (reference.data.gov.uk)"
    )


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
        client,
        settings,
        source_id,
        OBSERVATIONS_QUERY.format(dataset=dataset),
        ["area", "period", "value"],
    )
    if not rows:
        raise LiveSourceError(source_id, f"dataset {dataset} returned no observations")
    values: dict[tuple[str, str], float] = {}
    periods: dict[str, Period] = {}
    for row in rows:
        area = _area(source_id, row["area"])
        period = _period(source_id, row["period"])
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
    councils = {a.code for a in council_areas()}
    present = {area for area, _ in values}
    if missing := sorted(councils - present):
        raise LiveSourceError(source_id, f"no rows for council areas {missing[:6]}")
    notes: list[str] = []
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
