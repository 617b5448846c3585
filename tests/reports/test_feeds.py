"""Atom feeds per place: valid Atom, stable entry ids, one entry per release that touched it."""

from __future__ import annotations

import feedparser
import pytest

from indicators.release_news import Release
from reports.feeds import atom_feed, write_feeds
from reports.release_history import current_releases
from reports.subscriptions import UnknownScopeError, scope_for, scopes
from tests.release_store import GLASGOW, TwoReleases, publish_two_releases

BASE = "https://dashboard.example.scot"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TwoReleases:
    return publish_two_releases(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def releases(store: TwoReleases) -> list[Release]:
    return current_releases(store.root)


def test_there_is_a_feed_for_scotland_each_council_and_each_partnership() -> None:
    kinds = [s.kind for s in scopes()]
    assert kinds.count("scotland") == 1
    assert kinds.count("council_area") == 32
    assert kinds.count("partnership") == 8
    assert len({s.slug for s in scopes()}) == 41


def test_glasgow_feed_parses_as_valid_atom_with_both_releases(
    store: TwoReleases, releases: list[Release]
) -> None:
    parsed = feedparser.parse(atom_feed(scope_for(GLASGOW), releases, base_url=BASE))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title.startswith("What's new for Glasgow City")
    assert parsed.feed.language == "en-GB"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == f"{BASE}/feeds/glasgow-city.atom"
    assert links["alternate"] == f"{BASE}/whats_new?area={GLASGOW}"
    ids = [entry.id for entry in parsed.entries]
    assert ids == [
        f"tag:nolb-dashboard.scot,2026:release/{store.second}/glasgow-city",
        f"tag:nolb-dashboard.scot,2026:release/{store.first}/glasgow-city",
    ]
    content = parsed.entries[0].content[0].value
    assert f"revised from {store.first_value}% to {store.published_value}%" in content
    assert f"{BASE}/trends?indicator=claimant_rate&amp;areas={GLASGOW}" in content or (
        f"{BASE}/trends?indicator=claimant_rate&areas={GLASGOW}" in content
    )


def test_entry_ids_are_stable_when_feeds_are_regenerated(releases: list[Release]) -> None:
    once = atom_feed(scope_for("glasgow-city"), releases, base_url=BASE)
    again = atom_feed(scope_for("glasgow-city"), releases, base_url=BASE)
    assert once == again


def test_a_place_no_release_touched_has_a_valid_feed_with_no_entries(
    releases: list[Release],
) -> None:
    # Only Glasgow's claimant rate was revised in the first refresh, and the second adds
    # employment figures for every area: Orkney hears only of the second.
    parsed = feedparser.parse(atom_feed(scope_for("orkney-islands"), releases, base_url=BASE))
    assert parsed.bozo == 0
    assert len(parsed.entries) == 1


def test_a_partnership_feed_holds_its_members_changes(releases: list[Release]) -> None:
    glasgow_region = next(s for s in scopes() if s.kind == "partnership" and GLASGOW in s.codes)
    parsed = feedparser.parse(atom_feed(glasgow_region, releases, base_url=BASE))
    assert parsed.bozo == 0
    assert any("Glasgow City" in e.content[0].value for e in parsed.entries)


def test_feeds_hold_nothing_but_aggregate_statistics(releases: list[Release]) -> None:
    text = atom_feed(scope_for(GLASGOW), releases, base_url=BASE).decode()
    assert "@" not in text.replace("xml:lang", "")  # no e-mail addresses or personal data
    assert "<script" not in text


def test_write_feeds_writes_all_41(releases: list[Release], tmp_path) -> None:
    written = write_feeds(releases, tmp_path, base_url=BASE)
    assert len(written) == 41
    assert all(feedparser.parse(p.read_bytes()).bozo == 0 for p in written[:3])


def test_an_unknown_place_is_refused_with_what_to_give() -> None:
    with pytest.raises(UnknownScopeError, match="S92000003"):
        scope_for("Atlantis")
