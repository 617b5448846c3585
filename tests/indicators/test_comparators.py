"""Comparator groups and the area-against-peers summaries, on the committed real snapshot."""

from __future__ import annotations

import pytest

from data_sources.snapshot import load_snapshot
from geo.council_areas import SCOTLAND_CODE, area_name, council_areas
from geo.partnerships import partnership_members
from indicators.catalogue import Catalogue
from indicators.comparators import (
    COMPARATOR_KINDS,
    METHOD_NOTE,
    SIMILARITY_INDICATORS,
    area_profile_rows,
    comparator_group,
    compare_sentence,
    council_indicators,
    custom_group,
    group_ranking,
    neighbour_group,
    parse_comparator,
    partnership_group,
    peer_summary,
    possessive,
    profile_table,
    similar_areas,
    spine_rows,
    withheld_notes,
    youth_against_benchmark,
)
from indicators.significance import Comparison, Judgement
from metadata.registry import load_registry

GLASGOW = "S12000049"
FIFE = "S12000047"
ORKNEY = "S12000023"
SHETLAND = "S12000027"
HIGHLAND = "S12000017"
EILEAN_SIAR = "S12000013"
YEAR_2022 = "2022-01-01/P1Y"
YEAR_2025 = "2025-01-01/P1Y"
GLASGOW_BORDERS = {
    "East Dunbartonshire",
    "East Renfrewshire",
    "North Lanarkshire",
    "Renfrewshire",
    "South Lanarkshire",
    "West Dunbartonshire",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


# --- groups -----------------------------------------------------------------------------


def test_glasgow_neighbours_are_the_six_bordering_areas() -> None:
    group = neighbour_group(GLASGOW)
    assert set(group.member_names) == GLASGOW_BORDERS
    assert len(group.members) == 6
    assert "share a land border" in group.description
    assert all(name in group.description for name in GLASGOW_BORDERS)


def test_orkney_has_two_nearest_areas_not_border_neighbours() -> None:
    group = neighbour_group(ORKNEY)
    assert set(group.members) == {HIGHLAND, SHETLAND}
    assert group.short_label == "nearest areas"
    assert "no land border" in group.description and "2 nearest" in group.description


def test_old_code_gives_the_same_group() -> None:
    assert neighbour_group("S12000046").members == neighbour_group(GLASGOW).members


def test_fife_partnership_peers_are_the_union_of_both_partnerships() -> None:
    group = partnership_group(FIFE)
    edinburgh = set(partnership_members("Edinburgh and South East Scotland City Region"))
    tay = set(partnership_members("Tay Cities Region"))
    assert set(group.members) == (edinburgh | tay) - {FIFE}
    assert len(group.members) == 8 and FIFE not in group.members
    assert "Edinburgh and South East Scotland City Region" in group.description
    assert "Tay Cities Region" in group.description
    assert "two Regional Economic Partnerships" in group.description


def test_glasgow_partnership_is_the_other_seven_members() -> None:
    group = partnership_group(GLASGOW)
    assert set(group.member_names) == GLASGOW_BORDERS | {"Inverclyde"}
    assert "Glasgow City Region" in group.description


def test_similar_areas_are_five_distinct_councils_and_deterministic(catalogue: Catalogue) -> None:
    for area in council_areas():
        similar = similar_areas(catalogue, area.code)
        codes = [s.code for s in similar]
        assert len(codes) == 5 and len(set(codes)) == 5
        assert area.code not in codes and SCOTLAND_CODE not in codes
        distances = [s.distance for s in similar]
        assert distances == sorted(distances)
    assert similar_areas(catalogue, GLASGOW) == similar_areas(catalogue, GLASGOW)
    # Glasgow's labour market is most like the other large cities and the former industrial areas.
    assert [s.name for s in similar_areas(catalogue, GLASGOW)] == [
        "Dundee City",
        "Aberdeen City",
        "North Ayrshire",
        "Inverclyde",
        "Fife",
    ]


def test_similarity_skips_a_missing_measure_and_scales_by_the_count(catalogue: Catalogue) -> None:
    # Orkney's 2022 economic inactivity estimate is unreliable (withheld), so four measures count.
    assert {s.measures_used for s in similar_areas(catalogue, ORKNEY)} == {4}
    assert {s.measures_used for s in similar_areas(catalogue, GLASGOW)} == {5}
    for s in similar_areas(catalogue, ORKNEY):
        assert s.distance >= 0


def test_method_note_documents_the_measures() -> None:
    assert len(SIMILARITY_INDICATORS) == 5
    for words in ("claimant rate", "employment rate", "inactivity", "unemployment", "youth"):
        assert words in METHOD_NOTE
    assert "z-score" in METHOD_NOTE and "Euclidean" in METHOD_NOTE


def test_custom_group_drops_scotland_the_area_repeats_and_unknown_codes() -> None:
    group = custom_group(GLASGOW, [SCOTLAND_CODE, GLASGOW, "S12000036", "S12000036", "XYZ"])
    assert group.members == ("S12000036",)
    assert "City of Edinburgh" in group.description
    assert custom_group(GLASGOW, []).members == ()
    # Old codes are mapped to current ones.
    assert custom_group(ORKNEY, ["S12000015"]).members == (FIFE,)


def test_every_comparator_kind_builds(catalogue: Catalogue) -> None:
    for kind in COMPARATOR_KINDS:
        group = comparator_group(catalogue, kind, GLASGOW, ["S12000036"])
        assert GLASGOW not in group.members
        assert group.description
    assert len(comparator_group(catalogue, "scotland", GLASGOW).members) == 31


def test_parse_comparator() -> None:
    assert parse_comparator("partnership") == ("partnership", ())
    assert parse_comparator(None) == (None, ())
    kind, messages = parse_comparator("rivals")
    assert kind is None and len(messages) == 1
    assert "not one of those offered" in messages[0] and "rivals" not in messages[0]


# --- peer summaries ---------------------------------------------------------------------


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


def test_possessive() -> None:
    assert possessive("Glasgow City") == "Glasgow City's"
    assert possessive("Orkney Islands") == "Orkney Islands'"


# --- the area profile -------------------------------------------------------------------


def test_glasgow_profile_rows(catalogue: Catalogue) -> None:
    rows = area_profile_rows(catalogue, GLASGOW, neighbour_group(GLASGOW).members)
    by_id = {r.indicator.id: r for r in rows}
    assert [r.indicator.id for r in rows] == [i.id for i in council_indicators(catalogue)]
    assert {"claimant_rate", "employment_rate", "participation_16_19"} <= set(by_id)
    assert all(r.summary.period is not None for r in rows)
    claimant = by_id["claimant_rate"]
    # ONS claimant rate 2025: Glasgow is the highest of the 32 (4.6%), Shetland lowest (1.2%).
    assert claimant.rank_label == "32" and claimant.ranked_count == 32
    assert claimant.national_min == pytest.approx(1.2)
    assert claimant.national_max == pytest.approx(4.6)
    assert claimant.national_median == pytest.approx(2.65)
    assert claimant.previous_label == "2024"
    assert claimant.change == pytest.approx(-0.2)
    assert claimant.change_judgement is Judgement.BETTER
    employment = by_id["employment_rate"]
    assert (employment.rank_best, employment.rank_worst) == (4, 32)
    assert employment.change_comparison is Comparison.SIMILAR
    count = by_id["youth_claimant_count"]
    assert count.rank_label == "" and count not in spine_rows(rows)
    table = profile_table(rows, "neighbouring areas").set_index("Indicator")
    assert table.loc["Claimant rate", "Value"] == "4.6%"
    assert table.loc["Claimant rate", "Rank (1 = best)"] == "32 of 32"
    assert table.loc["Claimant rate", "Compared with Scotland"] == "Worse"
    assert table.loc["Employment rate (16 to 64)", "95% interval"] == "68.5% to 75.7%"
    assert table.loc["Employment rate (16 to 64)", "Plausible rank range"] == "4 to 32"
    assert table.loc["Claimants aged 16 to 24", "Rank (1 = best)"] == "Not ranked (a count)"
    # The 2023 APS council estimates were not published: said in the publisher's words.
    notes = withheld_notes(rows)
    assert any(n.startswith("Employment rate (16 to 64), 2023: suppressed.") for n in notes)
    assert any("Not published by the Scottish Government" in n for n in notes)


def test_orkney_profile_keeps_withheld_figures_missing(catalogue: Catalogue) -> None:
    rows = area_profile_rows(catalogue, ORKNEY, neighbour_group(ORKNEY).members)
    table = profile_table(rows, "nearest areas").set_index("Indicator")
    youth = table.loc["Youth employment rate (16 to 24)"]
    assert youth["Value"] == "–" and youth["Rank (1 = best)"] == "Not ranked"
    assert youth["Status"].startswith("Unreliable: Rate published without its 95% interval")
    assert youth["Compared with Scotland"] == "No comparison"
    assert "Youth employment rate (16 to 24)" not in {r.indicator.title for r in spine_rows(rows)}
    assert area_name(ORKNEY) == "Orkney Islands"


def test_youth_against_2019(catalogue: Catalogue) -> None:
    youth = youth_against_benchmark(catalogue, GLASGOW).set_index("indicator_id")
    # LGBF ECON12b: Glasgow 3.3% in March 2019, 7.9% in March 2021 (no interval: exact).
    claimant = youth.loc["youth_claimant_rate"]
    assert claimant["benchmark_period"] == "March 2019"
    assert claimant["judgement"] == "worse"
    assert "7.9% in March 2021 against 3.3% in March 2019" in claimant["sentence"]
    # APS: 47.5% (2019) to 56.6% (2022), but the intervals overlap.
    assert youth.loc["youth_employment_rate", "judgement"] == "not_different"
    # Council participation figures are held for 2023 only.
    assert youth.loc["participation_16_19", "judgement"] == "unknown"
    assert "youth_unemployment_rate_excl_ft_students" not in youth.index


def test_council_indicators_have_council_figures(catalogue: Catalogue) -> None:
    chosen = council_indicators(catalogue)
    assert "disability_employment_gap" not in {i.id for i in chosen}
    for indicator in chosen:
        assert indicator.has_council_areas
        assert catalogue.latest_period(indicator.id, geography="council_area") is not None
