"""How an area sits among its peers: summaries, rankings and sentences, on the real snapshot."""

from __future__ import annotations

import pytest

from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from indicators.peer_comparison import (
    compare_sentence,
    group_ranking,
    peer_summary,
)
from indicators.significance import Comparison, Judgement
from tests.areas import (
    EILEAN_SIAR,
    GLASGOW,
    HIGHLAND,
    ORKNEY,
    SHETLAND,
    YEAR_2022,
)


def test_peer_median_on_a_hand_checked_example(catalogue: Catalogue) -> None:
    # ONS claimant rate 2025: Glasgow 4.6%; its neighbours 1.6, 1.8, 2.6, 2.7, 3.0 and 3.7%,
    # so the median is (2.6 + 2.7) / 2 = 2.65. Scotland 3.0%.
    summary = peer_summary(catalogue, "claimant_rate", GLASGOW, neighbour_group(GLASGOW).members)
    assert summary.period is not None and summary.period.label == "2025"
    assert summary.area.value == pytest.approx(4.6)
    assert summary.peer_median == pytest.approx(2.65)
    assert (summary.peer_min, summary.peer_max) == (pytest.approx(1.6), pytest.approx(3.7))
    assert summary.peer_count == 6 and summary.peers_without_value == ()
    assert summary.scotland == pytest.approx(3.0)
    # No interval: exact comparison; lower is better, so higher is worse.
    assert summary.vs_scotland is Comparison.HIGHER
    assert summary.vs_scotland_judgement is Judgement.WORSE
    assert summary.vs_peers_judgement is Judgement.WORSE


def test_interval_decides_the_comparison(catalogue: Catalogue) -> None:
    # Glasgow employment rate 2022: 72.1% (68.5 to 75.7). Scotland 74.4% lies inside the
    # interval; the neighbours' median (75.8 + 76.3) / 2 = 76.05 lies above it.
    summary = peer_summary(
        catalogue, "employment_rate", GLASGOW, neighbour_group(GLASGOW).members, YEAR_2022
    )
    assert summary.peer_median == pytest.approx(76.05)
    assert summary.vs_scotland is Comparison.SIMILAR
    assert summary.vs_scotland_judgement is Judgement.NOT_DIFFERENT
    assert summary.vs_peers is Comparison.LOWER
    assert summary.vs_peers_judgement is Judgement.WORSE


def test_suppressed_peers_are_left_out_not_counted_as_zero(catalogue: Catalogue) -> None:
    # Youth employment 2022: Highland 54.1%; Shetland's estimate is suppressed.
    summary = peer_summary(
        catalogue, "youth_employment_rate", EILEAN_SIAR, [HIGHLAND, SHETLAND], YEAR_2022
    )
    assert summary.peer_count == 1
    assert summary.peer_median == pytest.approx(54.1)
    assert summary.peer_min == pytest.approx(54.1) and summary.peer_max == pytest.approx(54.1)
    assert summary.peers_without_value == ("Shetland Islands",)


def test_missing_area_value_stays_missing(catalogue: Catalogue) -> None:
    summary = peer_summary(
        catalogue, "youth_employment_rate", ORKNEY, neighbour_group(ORKNEY).members, YEAR_2022
    )
    assert summary.area.missing and summary.status == "unreliable"
    assert summary.status_detail is not None and "95% interval" in summary.status_detail
    assert summary.vs_scotland_judgement is Judgement.UNKNOWN
    assert summary.vs_peers_judgement is Judgement.UNKNOWN


def test_counts_are_never_judged(catalogue: Catalogue) -> None:
    summary = peer_summary(
        catalogue, "youth_claimant_count", GLASGOW, neighbour_group(GLASGOW).members
    )
    assert not summary.comparable
    assert summary.vs_peers_judgement is Judgement.UNKNOWN
    assert summary.peer_median is not None


def test_group_ranking_and_sentence(catalogue: Catalogue) -> None:
    group = neighbour_group(GLASGOW)
    summary = peer_summary(catalogue, "employment_rate", GLASGOW, group.members, YEAR_2022)
    ranking = group_ranking(catalogue, "employment_rate", YEAR_2022, GLASGOW, group.members)
    assert len(ranking) == 7
    own = ranking[ranking["is_area"]].iloc[0]
    assert own["rank_label"] == "5" and own["vs_area"] == "self"
    # Only South Lanarkshire (76.1 to 83.5) clears Glasgow's interval (68.5 to 75.7).
    better = ranking[ranking["vs_area"] == "better"]["area_name"].tolist()
    assert better == ["South Lanarkshire"]
    sentence = compare_sentence(summary, group, ranking)
    assert "Glasgow City's employment rate (16 to 64) was 72.1%" in sentence
    assert "not significantly different from Scotland's 74.4%" in sentence
    assert "significantly lower than the peer median (worse)" in sentence
    assert "1 is better than Glasgow City, 0 worse and 5 not significantly different" in sentence


def test_sentence_for_a_missing_area_claims_nothing(catalogue: Catalogue) -> None:
    group = neighbour_group(ORKNEY)
    summary = peer_summary(catalogue, "youth_employment_rate", ORKNEY, group.members, YEAR_2022)
    ranking = group_ranking(catalogue, "youth_employment_rate", YEAR_2022, ORKNEY, group.members)
    sentence = compare_sentence(summary, group, ranking)
    assert "no usable youth employment rate (16 to 24) figure for 2022" in sentence
    assert "better" not in sentence and "worse" not in sentence
