"""No One Left Behind's own delivery figures, arranged for reading: by year, cumulative, by council.

Plain functions on the catalogue's delivery table. A period printed in several editions is
shown from its newest edition, with the edition named and the earlier printings listed beside
it, never mixed silently. Councils are listed alphabetically, never ranked, and a council whose
row is not held says so; need is shown beside delivery as the snapshot's own figures with their
own periods, not as a ratio of the two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import pandas as pd

from geo.council_areas import council_areas
from indicators.catalogue import Catalogue
from indicators.units import format_value
from metadata.registry import DeliveryMeasure, DeliveryStatus

YEARLY_STARTS: Final = "people_started_year"
FIRST_EDITION_YEAR: Final = "people_supported_year"  # the first edition's words for year 1
CUMULATIVE_STARTS: Final = "people_started_cumulative"
CUMULATIVE_JOB_ENTRIES: Final = "entered_employment_cumulative"
JOB_ENTRY_SHARE: Final = "entered_employment_share_of_people_started"
COUNCIL_MEASURES: Final = ("total_participants", "entered_employment", "in_employment_at_52_weeks")
# Need, from the snapshot, shown beside each council's delivery (each with its own period).
NEED_INDICATORS: Final = ("claimant_rate_march", "youth_claimant_count")
UNKNOWN_DATE: Final = "0000"  # sorts an undated printing before any dated one


def _by_publication(rows: pd.DataFrame) -> pd.DataFrame:
    dated = rows.assign(_order=rows["published"].fillna(UNKNOWN_DATE))
    return dated.sort_values(["_order", "edition"], kind="mergesort").drop(columns="_order")


def newest_editions(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per period (start and end dates): the one printed in the newest edition.
    Periods are ordered by their end date; undated printings count as oldest."""
    dated = rows[rows["period_start"].notna()]
    newest = _by_publication(dated).groupby(["period_start", "period_end"], sort=False).tail(1)
    return newest.sort_values(["period_end", "period_start"]).reset_index(drop=True)


def printings(rows: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Every printing of one period, oldest edition first."""
    same = rows[(rows["period_start"] == start) & (rows["period_end"] == end)]
    return _by_publication(same).reset_index(drop=True)


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _figure(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:g}%"
    if unit == "percentage points":
        return f"{value:g} pp"
    return _count(value)


def _published(value: object) -> str:
    return value if isinstance(value, str) else "not stated"


def yearly_starts(catalogue: Catalogue) -> pd.DataFrame:
    """People starting support in each NOLB year (1 April to 31 March), each from its newest
    edition, with that edition and every earlier printing of the same year."""
    rows = catalogue.delivery(measures=[YEARLY_STARTS, FIRST_EDITION_YEAR])
    newest = newest_editions(rows[rows["measure"] == YEARLY_STARTS])
    records = []
    for figure in newest.to_dict("records"):
        earlier = printings(rows, str(figure["period_start"]), str(figure["period_end"]))
        earlier = earlier[earlier["edition"] != figure["edition"]]
        records.append(
            {
                "Year": str(figure["period_label"]).split(" ")[0],
                "Period": figure["period_label"],
                "People starting support": float(figure["value"]),
                "Edition shown": figure["edition"],
                "Published": _published(figure["published"]),
                "Earlier printings of this year": (
                    "; ".join(
                        f"{_count(float(value))} ({str(edition).split(';')[0]})"
                        for value, edition in zip(earlier["value"], earlier["edition"], strict=True)
                    )
                    or "none held"
                ),
                "Source": figure["source_url"],
            }
        )
    return pd.DataFrame(records)


def year_one_revisions(catalogue: Catalogue) -> pd.DataFrame:
    """Every printing of year 1 (2019/20), oldest first: the revision the page must show."""
    rows = catalogue.delivery(measures=[YEARLY_STARTS, FIRST_EDITION_YEAR])
    measures = catalogue.delivery_measures()
    first = printings(rows, "2019-04-01", "2020-03-31")
    return pd.DataFrame(
        {
            "Edition": list(first["edition"]),
            "Published": [_published(p) for p in first["published"]],
            "Measure as printed": [measures[m].title for m in first["measure"]],
            "Year 1 (2019/20)": [float(v) for v in first["value"]],
            "Quote": list(first["quote"]),
        }
    )


def cumulative_figures(catalogue: Catalogue, measures: tuple[str, ...]) -> pd.DataFrame:
    """Cumulative totals from April 2019, by end date, each with its edition (one row per
    printing: a cumulative total is never revised in place, a later one simply runs longer)."""
    declared = catalogue.delivery_measures()
    rows = catalogue.delivery(measures=list(measures))
    rows = rows.sort_values(["period_end", "measure"], kind="mergesort")
    return _printed_figures(
        rows, declared, {"Published": [_published(p) for p in rows["published"]]}
    )


def other_scotland_figures(catalogue: Catalogue, shown: tuple[str, ...]) -> pd.DataFrame:
    """The Scotland figures not shown in the sections above, each with its edition."""
    declared = catalogue.delivery_measures()
    rows = catalogue.delivery(area_codes=["S92000003"])
    rows = rows[~rows["measure"].isin(shown)]
    return _printed_figures(rows, declared, {"Quote": list(rows["quote"])})


def _printed_figures(
    rows: pd.DataFrame, declared: Mapping[str, DeliveryMeasure], extra: dict[str, list[str]]
) -> pd.DataFrame:
    """Measure, period, figure and edition of each printed figure, then `extra`, then source."""
    return pd.DataFrame(
        {
            "Measure": [declared[m].title for m in rows["measure"]],
            "Period": list(rows["period_label"]),
            "Figure": [
                _figure(float(v), u) for v, u in zip(rows["value"], rows["unit"], strict=True)
            ],
            "Edition": list(rows["edition"]),
            **extra,
            "Source": list(rows["source_url"]),
        }
    )


@dataclass(frozen=True)
class CouncilDelivery:
    """One council's row of the council table, or why it is not held."""

    code: str
    name: str
    period_label: str
    held: bool
    figures: dict[str, float | None]  # measure -> value (None when not held)
    status_words: str
    note: str


def council_delivery(catalogue: Catalogue, code: str) -> CouncilDelivery | None:
    """The council table's row for one council (None for Scotland or an unknown code)."""
    rows = catalogue.delivery(measures=list(COUNCIL_MEASURES), area_codes=[code])
    if rows.empty:
        return None
    declared = catalogue.registry.delivery
    assert declared is not None  # rows exist only when the registry declares the table
    status = DeliveryStatus(str(rows["status"].iloc[0]))
    values = dict(zip(rows["measure"], rows["value"], strict=True))
    return CouncilDelivery(
        code=code,
        name=str(rows["area_name"].iloc[0]),
        period_label=str(rows["period_label"].iloc[0]),
        held=status is not DeliveryStatus.NOT_HELD,
        figures={m: None if pd.isna(values[m]) else float(values[m]) for m in COUNCIL_MEASURES},
        status_words=declared.status_words[status],
        note=str(rows["note"].iloc[0]),
    )


def _need_cell(catalogue: Catalogue, indicator_id: str, code: str) -> str:
    indicator = catalogue.indicator(indicator_id)
    latest = catalogue.latest(indicator_id, code)
    if latest is None:
        return "no figure held"
    return f"{format_value(float(latest['value']), indicator)} ({latest['period_label']})"


def council_table(catalogue: Catalogue) -> pd.DataFrame:
    """Every council, alphabetically (never ranked): its participants, job entries and in
    employment at 52 weeks (April 2019 to June 2025), its status, and beside them need from
    the snapshot, each figure with its own period. Councils not held keep blank figures."""
    declared = catalogue.delivery_measures()
    records = []
    for area in council_areas():
        row = council_delivery(catalogue, area.code)
        if row is None:
            continue
        record: dict[str, object] = {"Council area": area.name}
        for measure in COUNCIL_MEASURES:
            record[declared[measure].title] = row.figures[measure]
        record["Status"] = row.status_words
        for indicator_id in NEED_INDICATORS:
            record[f"Need: {catalogue.indicator(indicator_id).title}"] = _need_cell(
                catalogue, indicator_id, area.code
            )
        records.append(record)
    return pd.DataFrame(records)


def council_coverage(catalogue: Catalogue) -> tuple[int, list[str]]:
    """How many councils the council table holds, and the names of those it does not."""
    held, missing = 0, []
    for area in council_areas():
        row = council_delivery(catalogue, area.code)
        if row is not None and row.held:
            held += 1
        elif row is not None:
            missing.append(area.name)
    return held, missing
