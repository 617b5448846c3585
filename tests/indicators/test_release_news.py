"""A release's changes in plain words, judged with the intervals, most important first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indicators.release_news import IMPORTANCE, NewsKind, Release, news_since
from reports.release_history import current_releases
from tests.release_store import GLASGOW, TwoReleases, publish_two_releases


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TwoReleases:
    return publish_two_releases(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def releases(store: TwoReleases) -> list[Release]:
    return current_releases(store.root)


def test_the_chain_is_traced_back_newest_first(store: TwoReleases, releases: list[Release]) -> None:
    assert [r.release for r in releases][:2] == [store.second, store.first]
    assert releases[0].previous_release == store.first
    assert releases[1].previous_release is not None
    assert releases[1].previous_release.startswith("embedded-")


def test_a_revision_gives_old_new_and_difference(
    store: TwoReleases, releases: list[Release]
) -> None:
    revised = [i for i in releases[0].items if i.kind is NewsKind.REVISED]
    assert [i.area_codes for i in revised] == [(GLASGOW,)]
    assert revised[0].text == (
        f"Claimant rate (yearly average), Glasgow City: {store.revised_period_label} revised from "
        f"{store.first_value}% to {store.published_value}% (-0.3 pp)."
    )
    assert revised[0].page == "trends"
    assert revised[0].query == {"indicator": "claimant_rate", "areas": GLASGOW}


def test_a_new_period_names_its_areas_and_what_is_withheld(
    store: TwoReleases, releases: list[Release]
) -> None:
    new = [i for i in releases[0].items if i.kind is NewsKind.NEW_PERIOD]
    assert len(new) == 1 and len(new[0].area_codes) == 33
    text = new[0].text
    assert text.startswith(f"Employment rate (16 to 64): figures for {store.added_period_label} ")
    assert "for Scotland and all 32 council areas" in text
    # Council 2023 APS estimates are suppressed by the publisher: said, never hidden.
    assert "suppressed or not available" in text
    assert "(32 of the 33 figures suppressed or not available" in text
    assert text.endswith("Scotland, 2023: 74.7%.")


def test_items_come_most_important_first(releases: list[Release]) -> None:
    ranks = [IMPORTANCE[i.kind] for i in releases[0].items]
    assert ranks == sorted(ranks)
    assert IMPORTANCE[NewsKind.TARGET_STATUS] < IMPORTANCE[NewsKind.INTO_WORSE]
    assert IMPORTANCE[NewsKind.SIGNIFICANT_CHANGE] < IMPORTANCE[NewsKind.REVISED]


def test_news_since_a_date_spans_releases(releases: list[Release]) -> None:
    latest_only = news_since(releases, None)
    assert latest_only == list(releases[0].items)
    everything = news_since(releases, date(2026, 1, 1))
    assert len(everything) == sum(len(r.items) for r in releases)
    assert news_since(releases, date(2099, 1, 1)) == []


def test_the_embedded_snapshot_alone_is_compared_with_the_build_before_it(tmp_path: Path) -> None:
    # No refreshed store: one release on record, the embedded build, judged against the
    # embedded build it replaced (kept in its RELEASE.json).
    releases = current_releases(tmp_path)
    assert len(releases) == 1
    assert releases[0].release.startswith("embedded-")
    assert releases[0].previous_release is not None
    texts = [i.text for i in releases[0].items]
    assert any(
        t.startswith("Participation of 16 to 19 year olds, Scotland: ") and "to 94.3%" in t
        for t in texts
    )
