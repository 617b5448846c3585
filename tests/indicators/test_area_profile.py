"""An area's profile: rows, the tables behind its grids, spine and youth (real snapshot)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.council_areas import area_name
from indicators.area_profile import (
    area_profile_rows,
    profile_table,
    spine_rows,
    spine_table,
    withheld_notes,
    youth_against_benchmark,
    youth_table,
)
from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from indicators.peer_comparison import council_indicators
from indicators.significance import Comparison, Judgement
from indicators.units import NUMBER_FORMATS
from tests.areas import GLASGOW, ORKNEY


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
    claimant_row = table.loc["Claimant rate (yearly average)"]
    assert (claimant_row["Value"], claimant_row["Unit"]) == (pytest.approx(4.6), "%")
    assert (claimant_row["Rank (1 = best)"], claimant_row["Rank note"]) == (32, "of 32")
    assert claimant_row["Compared with Scotland"] == "Worse"
    assert claimant_row["Change"] == pytest.approx(-0.2)
    assert (claimant_row["Change on"], claimant_row["Change verdict"]) == ("2024", "Improved")
    employment_row = table.loc["Employment rate (16 to 64)"]
    assert (employment_row["Lower 95%"], employment_row["Upper 95%"]) == (
        pytest.approx(68.5),
        pytest.approx(75.7),
    )
    assert (employment_row["Best plausible rank"], employment_row["Worst plausible rank"]) == (
        4,
        32,
    )
    counted = table.loc["Claimants aged 16 to 24"]
    assert pd.isna(counted["Rank (1 = best)"])
    assert counted["Rank note"] == "Not ranked (a count)"
    assert table.attrs[NUMBER_FORMATS]["Rank (1 = best)"] == "%d"
    # The 2023 APS council estimates were not published: said in the publisher's words.
    notes = withheld_notes(rows)
    assert any(n.startswith("Employment rate (16 to 64), 2023: suppressed.") for n in notes)
    assert any("Not published by the Scottish Government" in n for n in notes)


def test_orkney_profile_keeps_withheld_figures_missing(catalogue: Catalogue) -> None:
    rows = area_profile_rows(catalogue, ORKNEY, neighbour_group(ORKNEY).members)
    table = profile_table(rows, "nearest areas").set_index("Indicator")
    youth = table.loc["Youth employment rate (16 to 24)"]
    assert pd.isna(youth["Value"]) and pd.isna(youth["Rank (1 = best)"])
    assert youth["Rank note"] == "Not ranked"
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
    # Council participation now runs from 2016 (LGBF CHN21, no intervals before 2023), so the
    # area's 2023 figure is compared with its own 2019 figure as exact numbers.
    assert youth.loc["participation_16_19", "judgement"] == "better"
    assert "youth_unemployment_rate_excl_ft_students" not in youth.index


def test_council_indicators_have_council_figures(catalogue: Catalogue) -> None:
    chosen = council_indicators(catalogue)
    assert "disability_employment_gap" not in {i.id for i in chosen}
    for indicator in chosen:
        assert indicator.has_council_areas
        assert catalogue.latest_period(indicator.id, geography="council_area") is not None


def _sorts_as_numbers(table: pd.DataFrame, column: str) -> None:
    """The column is numeric and sorting the grid by it gives numeric order (3.4 before 10.2)."""
    assert pd.api.types.is_numeric_dtype(table[column]), column
    values = [float(v) for v in table.sort_values(column)[column].dropna()]
    assert values == sorted(values) and len(values) > 1, column


def test_profile_spine_and_youth_grids_sort_as_numbers(catalogue: Catalogue) -> None:
    rows = area_profile_rows(catalogue, GLASGOW, neighbour_group(GLASGOW).members)
    profile = profile_table(rows, "neighbouring areas")
    for column in ("Value", "Lower 95%", "Scotland", "Peer median", "Rank (1 = best)", "Change"):
        _sorts_as_numbers(profile, column)
    assert set(profile.attrs[NUMBER_FORMATS]) >= {"Value", "Rank (1 = best)", "Change"}
    spine = spine_table(spine_rows(rows), "Glasgow City")
    for column in ("Glasgow City", "Scotland", "Lowest council area", "Highest council area"):
        _sorts_as_numbers(spine, column)
    # Every spine measure is a percentage with one decimal, so one format shows them all.
    assert spine.attrs[NUMBER_FORMATS]["Glasgow City"] == "%.1f%%"
    youth = youth_table(youth_against_benchmark(catalogue, GLASGOW), catalogue, 2019)
    for column in ("2019 figure", "Latest figure", "Change"):
        _sorts_as_numbers(youth, column)
    claimant = youth.set_index("Measure").loc["Youth claimant rate (16 to 24, March)"]
    assert (claimant["2019 figure"], claimant["2019 period"]) == (
        pytest.approx(3.3, abs=0.05),
        "March 2019",
    )
    assert claimant["Compared with 2019"] == "Worsened"
