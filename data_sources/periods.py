"""Period helpers: ISO-8601 intervals for storage and the labels people use for them."""

from __future__ import annotations

import calendar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: ISO interval (`2024-01-01/P1Y`), its last day, and its label."""

    iso: str
    end: str
    label: str


def calendar_year(year: int) -> Period:
    """January to December (APS Jan-Dec datasets, ONS annual figures)."""
    return Period(f"{year}-01-01/P1Y", f"{year}-12-31", str(year))


def financial_year(start_year: int) -> Period:
    """April to March, labelled the way councils and LGBF do: 2020-21."""
    return Period(
        f"{start_year}-04-01/P1Y",
        f"{start_year + 1}-03-31",
        f"{start_year}-{(start_year + 1) % 100:02d}",
    )


def participation_year(measure_year: int) -> Period:
    """The Annual Participation Measure year: APM 2023 covers 1 April 2022 to 31 March 2023."""
    return Period(
        f"{measure_year - 1}-04-01/P1Y",
        f"{measure_year}-03-31",
        f"{measure_year} (Apr {measure_year - 1} to Mar {measure_year})",
    )


def month(year: int, month_number: int) -> Period:
    """A single month, e.g. the March claimant count snapshot."""
    last_day = calendar.monthrange(year, month_number)[1]
    return Period(
        f"{year}-{month_number:02d}-01/P1M",
        f"{year}-{month_number:02d}-{last_day:02d}",
        f"{calendar.month_name[month_number]} {year}",
    )
