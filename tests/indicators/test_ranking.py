"""rank_areas on real council rows from the committed snapshot, and on hand-built edge cases."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from data_sources.schema import COLUMNS
from indicators.catalogue import Catalogue
from indicators.ranking import rank_areas
from metadata.registry import Polarity

NEW_COLUMNS = ["rank", "rank_label", "rank_best", "rank_worst", "ranked_count"]


def _ranked(catalogue: Catalogue, indicator_id: str, period: str) -> pd.DataFrame:
    rows = catalogue.council_values(indicator_id, period)
    return rank_areas(rows, catalogue.indicator(indicator_id).polarity)


def _by_name(ranked: pd.DataFrame) -> dict[str, pd.Series]:
    return {str(row["area_name"]): row for _, row in ranked.iterrows()}


def _frame(*areas: tuple) -> pd.DataFrame:
    """Council rows in the Observations column layout.

    Each area is (name, value, lower_95, upper_95[, status]); value None means missing.
    """
    records = []
    for number, area in enumerate(areas):
        name, value, lower, upper, *rest = area
        status = rest[0] if rest else ("ok" if value is not None else "suppressed")
        records.append(
            {
                "indicator_id": "test_indicator",
                "area_code": f"S12{number:06d}",
                "area_name": name,
                "area_type": "council_area",
                "period": "2022-01-01/P1Y",
                "period_label": "2022",
                "period_end": "2022-12-31",
                "value": math.nan if value is None else float(value),
                "lower_95": math.nan if lower is None else float(lower),
                "upper_95": math.nan if upper is None else float(upper),
                "status": status,
                "status_detail": None if status == "ok" else "withheld by the publisher",
                "note": None,
                "source_id": "test_source",
                "release_id": "test_source@2022",
            }
        )
    return pd.DataFrame(records, columns=list(COLUMNS))


# --- real rows -----------------------------------------------------------------------------


def test_claimant_rate_2025_best_area_and_tie_for_second(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "claimant_rate", "2025-01-01/P1Y")
    assert len(ranked) == 32
    assert set(ranked["ranked_count"]) == {32}

    first = ranked.iloc[0]
    assert first["area_name"] == "Shetland Islands"
    assert first["value"] == pytest.approx(1.2)
    assert first["rank"] == 1
    assert first["rank_label"] == "1"

    second, third = ranked.iloc[1], ranked.iloc[2]
    # Ties share the best rank of the tie; the shared rows are ordered by name.
    assert [second["area_name"], third["area_name"]] == ["East Renfrewshire", "Orkney Islands"]
    for row in (second, third):
        assert row["value"] == pytest.approx(1.6)
        assert row["rank"] == 2
        assert row["rank_label"] == "2="
    # After a two-way tie for 2nd, the next area is 4th (no 3rd).
    assert ranked.iloc[3]["rank"] == 4
    assert ranked.iloc[3]["rank_label"] == "4"
    assert 3 not in set(ranked["rank"])


def test_claimant_rate_ranks_run_lowest_value_first(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "claimant_rate", "2025-01-01/P1Y")
    assert ranked["value"].is_monotonic_increasing
    worst = ranked.iloc[-1]
    assert worst["value"] == ranked["value"].max()
    assert worst["rank"] == 32


def test_claimant_rate_without_intervals_range_is_the_rank_or_the_tie(
    catalogue: Catalogue,
) -> None:
    ranked = _ranked(catalogue, "claimant_rate", "2025-01-01/P1Y")
    assert ranked["lower_95"].isna().all()
    tie_sizes = ranked.groupby("value")["area_code"].transform("size")
    for (_, row), size in zip(ranked.iterrows(), tie_sizes, strict=True):
        assert row["rank_best"] == row["rank"]
        # An untied area collapses to its rank; a tie of k spans rank .. rank + k - 1.
        assert row["rank_worst"] == row["rank"] + size - 1
    by_name = _by_name(ranked)
    assert by_name["Shetland Islands"]["rank_worst"] == 1
    assert (by_name["Orkney Islands"]["rank_best"], by_name["Orkney Islands"]["rank_worst"]) == (
        2,
        3,
    )


def test_youth_employment_2022_missing_areas_are_unranked(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "youth_employment_rate", "2022-01-01/P1Y")
    assert len(ranked) == 32
    assert set(ranked["ranked_count"]) == {30}
    by_name = _by_name(ranked)
    orkney, shetland = by_name["Orkney Islands"], by_name["Shetland Islands"]
    assert orkney["status"] == "unreliable"
    assert shetland["status"] == "suppressed"
    for row in (orkney, shetland):
        assert pd.isna(row["rank"])
        assert row["rank_label"] == ""
        assert pd.isna(row["rank_best"])
        assert pd.isna(row["rank_worst"])
    # Unranked areas come last; no area is ever given rank 0.
    assert list(ranked["area_name"].iloc[-2:]) == ["Orkney Islands", "Shetland Islands"]
    ranks = ranked["rank"].dropna()
    assert ranks.min() == 1
    assert ranks.max() <= 30
    # Higher is better: rank 1 has the highest ranked value (Orkney's printed 100% is
    # unreliable, so it is not ranked even though it is the largest number).
    assert ranked.iloc[0]["value"] == ranked.loc[ranked["rank"].notna(), "value"].max()
    assert orkney["value"] == 100.0


def test_plausible_range_contains_rank_for_every_ranked_area(catalogue: Catalogue) -> None:
    checked = 0
    for indicator in catalogue.indicators(council_areas_only=True):
        for period in catalogue.periods(indicator.id, geography="council_area"):
            ranked = _ranked(catalogue, indicator.id, period.period)
            assert ranked["rank"].dtype == "Int64"
            count = int(ranked["ranked_count"].iloc[0])
            assert count == int(ranked["rank"].notna().sum())
            for _, row in ranked[ranked["rank"].notna()].iterrows():
                assert 1 <= row["rank_best"] <= row["rank"] <= row["rank_worst"] <= count, (
                    indicator.id,
                    period.period,
                    row["area_name"],
                )
                checked += 1
    assert checked > 1000


def test_employment_rate_2022_intervals_widen_the_range(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "employment_rate", "2022-01-01/P1Y")
    by_name = _by_name(ranked)
    orkney = by_name["Orkney Islands"]
    assert (orkney["rank"], orkney["rank_best"]) == (1, 1)
    # Orkney's interval (75.8 to 99.2) is wide; only areas wholly below 75.8 are surely worse.
    surely_worse = (ranked["upper_95"] < orkney["lower_95"]).sum()
    assert orkney["rank_worst"] == 32 - surely_worse
    assert orkney["rank_worst"] > 1

    clacks = by_name["Clackmannanshire"]
    assert clacks["rank"] == 32
    surely_better = (ranked["lower_95"] > clacks["upper_95"]).sum()
    assert clacks["rank_best"] == 1 + surely_better
    assert clacks["rank_worst"] == 32


# --- hand-built frames ---------------------------------------------------------------------


def test_polarity_flips_the_order() -> None:
    rows = _frame(("A", 1.0, None, None), ("B", 2.0, None, None), ("C", 3.0, None, None))
    lower = rank_areas(rows, Polarity.LOWER_IS_BETTER)
    higher = rank_areas(rows, Polarity.HIGHER_IS_BETTER)
    assert list(lower["area_name"]) == ["A", "B", "C"]
    assert list(higher["area_name"]) == ["C", "B", "A"]
    assert list(lower["rank"]) == [1, 2, 3]
    assert list(higher["rank"]) == [1, 2, 3]
    assert list(lower["rank_label"]) == ["1", "2", "3"]


def test_all_missing_gives_no_ranks() -> None:
    rows = _frame(
        ("A", None, None, None, "suppressed"),
        ("B", None, None, None, "unreliable"),
        ("C", None, None, None, "not_available"),
    )
    ranked = rank_areas(rows, Polarity.HIGHER_IS_BETTER)
    assert len(ranked) == 3
    assert ranked["rank"].isna().all()
    assert ranked["rank_best"].isna().all()
    assert ranked["rank_worst"].isna().all()
    assert list(ranked["rank_label"]) == ["", "", ""]
    assert list(ranked["ranked_count"]) == [0, 0, 0]
    assert list(ranked["area_name"]) == ["A", "B", "C"]


def test_missing_and_provisional_rows() -> None:
    rows = _frame(
        ("A", 5.0, None, None),
        ("B", None, None, None, "suppressed"),
        ("C", 7.0, None, None, "provisional"),
    )
    ranked = rank_areas(rows, Polarity.HIGHER_IS_BETTER)
    assert list(ranked["area_name"]) == ["C", "A", "B"]
    assert list(ranked["rank_label"]) == ["1", "2", ""]
    assert list(ranked["ranked_count"]) == [2, 2, 2]
    assert pd.isna(ranked.iloc[2]["rank"])
    # The input frame is not modified.
    assert not set(NEW_COLUMNS) & set(rows.columns)


def test_ties_share_the_best_rank_of_the_tie() -> None:
    rows = _frame(
        ("A", 10.0, None, None),
        ("B", 10.0, None, None),
        ("C", 10.0, None, None),
        ("D", 8.0, None, None),
        ("E", 8.0, None, None),
        ("F", 5.0, None, None),
    )
    ranked = rank_areas(rows, Polarity.HIGHER_IS_BETTER)
    assert list(ranked["area_name"]) == ["A", "B", "C", "D", "E", "F"]
    assert list(ranked["rank"]) == [1, 1, 1, 4, 4, 6]
    assert list(ranked["rank_label"]) == ["1=", "1=", "1=", "4=", "4=", "6"]
    assert list(ranked["rank_best"]) == [1, 1, 1, 4, 4, 6]
    assert list(ranked["rank_worst"]) == [3, 3, 3, 5, 5, 6]


def test_interval_that_separates_an_area_collapses_its_range() -> None:
    rows = _frame(
        ("Clear", 90.0, 88.0, 92.0),
        ("P", 60.0, 50.0, 70.0),
        ("Q", 58.0, 49.0, 67.0),
        ("R", 55.0, 45.0, 65.0),
        ("S", 40.0, 30.0, 44.0),
    )
    ranked = rank_areas(rows, Polarity.HIGHER_IS_BETTER)
    by_name = _by_name(ranked)
    assert (by_name["Clear"]["rank"], by_name["Clear"]["rank_best"]) == (1, 1)
    assert by_name["Clear"]["rank_worst"] == 1
    # P, Q and R overlap each other but sit wholly between Clear and S: each could be 2nd to 4th.
    for name, rank in (("P", 2), ("Q", 3), ("R", 4)):
        row = by_name[name]
        assert (row["rank"], row["rank_best"], row["rank_worst"]) == (rank, 2, 4)
    # S's interval (30 to 44) lies below every other interval: surely last.
    assert (by_name["S"]["rank"], by_name["S"]["rank_best"], by_name["S"]["rank_worst"]) == (
        5,
        5,
        5,
    )


def test_separated_interval_with_lower_is_better() -> None:
    rows = _frame(
        ("Low", 1.0, 0.5, 1.5),
        ("Mid1", 5.0, 4.0, 6.0),
        ("Mid2", 5.5, 4.5, 6.5),
    )
    ranked = rank_areas(rows, Polarity.LOWER_IS_BETTER)
    by_name = _by_name(ranked)
    assert (by_name["Low"]["rank_best"], by_name["Low"]["rank_worst"]) == (1, 1)
    assert (by_name["Mid1"]["rank"], by_name["Mid1"]["rank_best"]) == (2, 2)
    assert by_name["Mid1"]["rank_worst"] == 3
    assert (by_name["Mid2"]["rank"], by_name["Mid2"]["rank_best"]) == (3, 2)
    assert by_name["Mid2"]["rank_worst"] == 3


def test_a_value_printed_with_a_caution_is_neither_ranked_nor_compared(
    catalogue: Catalogue,
) -> None:
    """Orkney's youth employment rate for 2022 is printed (100%) with its interval suppressed."""
    from indicators.ranking import rank_against_scotland
    from indicators.significance import compare_to_value
    from indicators.summaries import areas_significantly_worse, estimate_of

    ranked, scotland = rank_against_scotland(catalogue, "youth_employment_rate", "2022-01-01/P1Y")
    orkney = ranked.set_index("area_name").loc["Orkney Islands"]
    assert (orkney["status"], orkney["value"]) == ("unreliable", 100.0)
    assert pd.isna(orkney["rank"]) and orkney["rank_label"] == ""
    assert orkney["vs_scotland"] == "unknown"
    assert estimate_of(orkney).missing
    assert compare_to_value(estimate_of(orkney), scotland).value == "unknown"
    assert int(orkney["ranked_count"]) == 30  # Orkney and suppressed Shetland left out
    worse = areas_significantly_worse(catalogue, "economic_inactivity_rate")
    assert "Orkney Islands" not in set(worse.get("area_name", []))
