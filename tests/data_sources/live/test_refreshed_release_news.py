"""A refresh against the stand-in services is a release What's new can judge: compared with
the snapshot it replaced, Glasgow City hears of its new monthly claimant figures."""

from __future__ import annotations

from pathlib import Path

from data_sources.live.settings import Settings
from indicators.release_news import NewsKind
from reports.release_history import current_releases
from tests.data_sources.live.test_refresh import run

GLASGOW = "S12000049"


def test_a_refresh_is_compared_with_the_snapshot_it_replaced(
    settings: Settings, store: Path
) -> None:
    result = run(settings, store)
    releases = current_releases(store)
    assert releases[0].release == result.version
    glasgow = [i for i in releases[0].items if GLASGOW in i.area_codes]
    for item in glasgow:
        print(f"{item.kind_words}: {item.text}")
    monthly = [
        i for i in glasgow if i.kind in (NewsKind.NEW_PERIOD, NewsKind.SERIES_ADDED)
        and i.indicator_id == "claimant_count_monthly"
    ]  # fmt: skip
    assert monthly, [i.text for i in glasgow]
