"""After a refresh, monthly claimant series headline on the same month a year earlier.

The refreshed snapshot comes from the local stand-in NOMIS (fixtures carry the real March 2021
and March 2022 youth claimant counts from the LGBF ECON12 extract).
"""

from __future__ import annotations

from pathlib import Path

from data_sources.live.settings import Settings
from data_sources.store import load_freshest_snapshot
from indicators.catalogue import Catalogue
from indicators.significance import Comparison, Judgement
from indicators.summaries import headline
from metadata.registry import load_registry
from tests.data_sources.live.test_refresh import run


def test_monthly_headline_compares_with_the_same_month_last_year(
    settings: Settings, store: Path
) -> None:
    run(settings, store)
    fresh = load_freshest_snapshot(store)
    catalogue = Catalogue(load_registry(), fresh.snapshot, origin=fresh.origin)
    summary = headline(catalogue, "youth_claimant_count_monthly", "S12000049")
    assert summary.latest is not None and summary.previous is not None
    # Glasgow City, claimants aged 16-24: 3,435 in March 2022 against 6,210 in March 2021.
    assert summary.latest["period_label"] == "March 2022"
    assert summary.previous["period_label"] == "March 2021"
    assert summary.change == 3435 - 6210
    assert summary.comparison is Comparison.LOWER
    assert summary.judgement is Judgement.BETTER
    assert summary.sentence.startswith(
        "Claimants aged 16 to 24 (monthly): 3,435 in March 2022, down 2,775 people on "
        "March 2021 (6,210): an improvement."
    )
    assert "Not seasonally adjusted" in summary.sentence


def test_monthly_series_are_offered_once_refreshed(settings: Settings, store: Path) -> None:
    run(settings, store)
    fresh = load_freshest_snapshot(store)
    catalogue = Catalogue(load_registry(), fresh.snapshot, origin=fresh.origin)
    headline_ids = {i.id for i in catalogue.indicators(headline_only=True)}
    assert "claimant_rate_monthly" in headline_ids


def test_a_missing_previous_month_is_a_gap_not_an_older_month(
    settings: Settings, store: Path
) -> None:
    run(settings, store)
    fresh = load_freshest_snapshot(store)
    catalogue = Catalogue(load_registry(), fresh.snapshot, origin=fresh.origin)
    rows = catalogue.series("youth_claimant_count_monthly", "S12000049")
    february = rows[rows["period_label"] == "February 2022"]
    # The stand-in NOMIS marks February 2022 missing ("These figures are missing.").
    assert february["value"].isna().all()
    summary = headline(catalogue, "youth_claimant_count_monthly", "S12000049")
    assert "On the month" not in summary.sentence
