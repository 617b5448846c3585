"""statistics.gov.scot periods: quarter URIs, one per quarterly 12-month estimate, of which only
the January-December ones are kept, established from the period's label or its end date."""

from __future__ import annotations

import pytest

from data_sources.live.http import LiveSourceError
from data_sources.live.statistics_gov_scot import _period
from data_sources.periods import calendar_year

Q = "http://reference.data.gov.uk/id/quarter/"


@pytest.mark.parametrize(
    ("uri", "label", "end", "year"),
    [
        # The label names the months: it decides, whatever the quarter number.
        (f"{Q}2021-Q4", "January 2021 to December 2021", "", 2021),
        (f"{Q}2021-Q4", "Jan 2021-Dec 2021", "", 2021),
        (f"{Q}2011-Q3", "Jan-Dec 2011", "", 2011),
        (f"{Q}2021-Q4", "12 months ending December 2021", "", 2021),
        (f"{Q}2011-Q3", "July 2010 to June 2011", "", None),
        (f"{Q}2021-Q4", "Year ending March 2021", "", None),
        # A label naming no months leaves it to the end of the period (given either way).
        (f"{Q}2021-Q4", "2021-Q4", "2022-01-01T00:00:00", 2021),
        (f"{Q}2021-Q4", "", "2021-12-31", 2021),
        (f"{Q}2011-Q3", "2011-Q3", "2011-10-01T00:00:00", None),
        ("http://reference.data.gov.uk/id/year/2019", "", "", 2019),
    ],
)
def test_only_january_to_december_estimates_are_placed(
    uri: str, label: str, end: str, year: int | None
) -> None:
    expected = calendar_year(year) if year is not None else None
    assert _period("s", uri, label, end) == expected


@pytest.mark.parametrize(
    ("uri", "label", "end", "problem"),
    [
        (f"{Q}2021-Q4", "2021-Q4", "", "has neither a label naming its months nor an end date"),
        (f"{Q}2021-Q4", "", "2021-06-30", "ends on 2021-06-30, outside its own quarter"),
        (f"{Q}2021-Q4", "", "not a date", "is not a date"),
        ("http://reference.data.gov.uk/id/month/2021-12", "", "", "expected a reference.data"),
    ],
)
def test_a_period_that_cannot_be_placed_stops_the_source(
    uri: str, label: str, end: str, problem: str
) -> None:
    with pytest.raises(LiveSourceError, match=problem):
        _period("s", uri, label, end)
