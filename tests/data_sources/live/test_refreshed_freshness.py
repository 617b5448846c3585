"""A refreshed snapshot says how current it is the same way: the monthly claimant count from
the stand-in NOMIS (newest month March 2022) is long overdue on 1 December 2026."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from data_sources.live.settings import Settings
from data_sources.store import load_freshest_snapshot
from indicators.catalogue import Catalogue
from indicators.freshness import indicator_freshness, stale_notice
from metadata.registry import load_registry
from tests.data_sources.live.test_refresh import run


def test_refreshed_monthly_count_says_how_old_it_is(settings: Settings, store: Path) -> None:
    run(settings, store)
    fresh = load_freshest_snapshot(store)
    catalogue = Catalogue(load_registry(), fresh.snapshot, origin=fresh.origin)
    state = indicator_freshness(
        catalogue, "youth_claimant_count_monthly", date(2026, 12, 1), area_code="S12000049"
    )
    # April 2022's count was due in mid-May 2022.
    assert state.sentence() == (
        "Latest figures held: March 2022, 4 years 8 months old. A newer release was due by "
        "May 2022 and is not included here, so this is not the latest published figure."
    )
    # A refreshed snapshot that is still behind says so the same way.
    notice = stale_notice(catalogue, date(2026, 12, 1))
    assert notice is not None and "refreshed snapshot" in notice
    # The stand-in marks Scotland's monthly rate suppressed, so no usable headline is held.
    monthly = catalogue.indicator("claimant_rate_monthly").title
    assert f"- {monthly}: figures up to October 2026 (none held)" in notice
