"""Each live source is validated on its own, so a fault is pinned on the source that has it."""

from __future__ import annotations

import pytest

from data_sources.live.fetch_result import LiveFetch
from data_sources.live.nomis import CLAIMANT_SOURCE
from data_sources.live.refresh import RefreshError, check_source
from data_sources.live.statistics_gov_scot import SOURCE_ID as SGS_SOURCE
from data_sources.periods import calendar_year, month
from data_sources.records import Record
from metadata.registry import load_registry

# Real figures: Aberdeen City's all-ages claimant count, March 2021 (LGBF, 9,675), and its
# model-based unemployment rate, 2021 (ONS, 4.0).
CLAIMANTS = Record("claimant_count_monthly", "S12000033", month(2021, 3), 9675.0, CLAIMANT_SOURCE)
MODEL = Record("unemployment_rate", "S12000033", calendar_year(2021), 4.0, SGS_SOURCE)


def fetch(source_id: str, *records: Record) -> LiveFetch:
    return LiveFetch(source_id, list(records), "2026-11-22", ())


def test_a_source_may_leave_a_geography_to_the_other_sources_of_a_series() -> None:
    # statistics.gov.scot without a Scotland row: ONS's file still gives Scotland's figure.
    checked = check_source(fetch(SGS_SOURCE, MODEL), load_registry())
    assert checked.frame["value"].tolist() == [4.0]


def test_a_series_only_this_source_feeds_must_cover_every_declared_geography() -> None:
    with pytest.raises(
        RefreshError, match="claimant_count_monthly: no rows for geography scotland"
    ):
        check_source(fetch(CLAIMANT_SOURCE, CLAIMANTS), load_registry())


def test_a_source_may_not_yield_a_series_the_registry_does_not_give_it() -> None:
    stray = Record("claimant_count_monthly", "S12000033", month(2021, 3), 9675.0, SGS_SOURCE)
    with pytest.raises(RefreshError, match="does not list this source for that indicator"):
        check_source(fetch(SGS_SOURCE, stray), load_registry())


def test_rows_that_fail_the_schema_are_the_source_s_fault() -> None:
    # A 95% interval that does not contain its value (bounds swapped round the real 4.0).
    broken = Record(
        "unemployment_rate", "S12000033", calendar_year(2021), 4.0, SGS_SOURCE, 4.9, 3.1
    )
    with pytest.raises(RefreshError, match=f"{SGS_SOURCE}: its rows fail validation"):
        check_source(fetch(SGS_SOURCE, broken), load_registry())
