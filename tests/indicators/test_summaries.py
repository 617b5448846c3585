"""Headline sentences and areas to watch, on the committed real snapshot."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import Catalogue
from indicators.significance import Comparison, Judgement
from indicators.summaries import areas_significantly_worse, estimate_of, headline

EMPLOYMENT_2022 = "2022-01-01/P1Y"


def test_claimant_rate_headline(catalogue: Catalogue) -> None:
    summary = headline(catalogue, "claimant_rate")
    assert summary.area_code == SCOTLAND_CODE
    assert summary.latest is not None and summary.previous is not None
    assert summary.latest["period_label"] == "2025"
    assert summary.previous["period_label"] == "2024"
    assert summary.value_text == "3.0%"
    assert summary.change == pytest.approx(-0.1)
    assert summary.change_text == "-0.1 pp"
    # No intervals: the exact figures are compared, and lower is better.
    assert summary.comparison is Comparison.LOWER
    assert summary.judgement is Judgement.BETTER
    assert summary.sentence == (
        "Claimant rate (yearly average): 3.0% in 2025, down 0.1 percentage points on 2024 "
        "(3.1%): an improvement."
    )


def test_employment_rate_change_is_not_significant(catalogue: Catalogue) -> None:
    summary = headline(catalogue, "employment_rate")
    assert summary.latest is not None and summary.previous is not None
    assert summary.latest["period_label"] == "2023"
    assert summary.previous["period_label"] == "2022"
    latest, previous = estimate_of(summary.latest), estimate_of(summary.previous)
    assert latest.has_interval and previous.has_interval
    # The intervals overlap although the point estimate rose.
    assert (latest.lower_95, latest.upper_95) == (73.7, 75.7)
    assert (previous.lower_95, previous.upper_95) == (73.6, 75.2)
    assert summary.change is not None and summary.change > 0
    assert summary.comparison is Comparison.SIMILAR
    assert summary.judgement is Judgement.NOT_DIFFERENT
    assert summary.value_text == "74.7%"
    assert summary.change_text == "+0.3 pp"
    assert "not significantly different from 2022 (74.4%)" in summary.sentence
    assert "intervals overlap" in summary.sentence
    assert " up " not in summary.sentence
    assert "improvement" not in summary.sentence


def test_disability_employment_gap_headline(catalogue: Catalogue) -> None:
    summary = headline(catalogue, "disability_employment_gap")
    assert summary.latest is not None and summary.previous is not None
    assert summary.value_text == "31.9 pp"
    assert summary.latest["period_label"] == "2022"
    assert summary.previous["period_label"] == "2021"
    assert summary.change == pytest.approx(0.7)
    assert summary.change_text == "+0.7 pp"
    assert summary.comparison is Comparison.HIGHER
    # A wider gap is worse.
    assert summary.judgement is Judgement.WORSE
    assert summary.sentence == (
        "Disability employment gap: 31.9 pp in 2022, up 0.7 percentage points on 2021 "
        "(31.2 pp): a deterioration."
    )


def test_headline_without_any_figure(catalogue: Catalogue) -> None:
    # The disability employment gap is published for Scotland only.
    summary = headline(catalogue, "disability_employment_gap", "S12000049")
    assert summary.latest is None and summary.previous is None
    assert summary.judgement is Judgement.UNKNOWN
    assert summary.value_text == "–"
    assert summary.change_text == "–"
    assert summary.sentence == (
        "No published disability employment gap figure is available for this area."
    )


def test_headline_without_an_earlier_figure(catalogue: Catalogue) -> None:
    # The gap for men is held for one year only (2022, from the 2023 edition's excerpts).
    summary = headline(catalogue, "disability_employment_gap_men")
    assert summary.latest is not None
    assert summary.previous is None
    assert summary.change is None
    assert summary.comparison is Comparison.UNKNOWN
    assert summary.judgement is Judgement.UNKNOWN
    assert summary.sentence.endswith("there is no earlier figure to compare with.")


def test_significant_change_says_so(catalogue: Catalogue) -> None:
    # Scottish Borders, 2022 (75.3 to 83.5) against 2021: the intervals do not overlap.
    summary = headline(catalogue, "employment_rate", "S12000026")
    assert summary.latest is not None and summary.previous is not None
    assert summary.previous["upper_95"] < summary.latest["lower_95"]
    assert summary.comparison is Comparison.HIGHER
    assert summary.judgement is Judgement.BETTER
    assert summary.sentence == (
        "Employment rate (16 to 64): 79.4% in 2022, up 11.1 percentage points on 2021 "
        "(68.3%): a statistically significant improvement."
    )


def test_change_without_intervals_is_not_called_significant(catalogue: Catalogue) -> None:
    rows = catalogue.series("youth_unemployment_rate", SCOTLAND_CODE)
    assert rows["lower_95"].isna().all()
    summary = headline(catalogue, "youth_unemployment_rate")
    # 2024 (SG key points) against 2020 (the Monitor), the latest two held.
    assert summary.judgement is Judgement.BETTER
    assert summary.sentence.endswith("down 2.8 percentage points on 2020 (13.2%): an improvement.")
    assert "significant" not in summary.sentence


def test_areas_significantly_worse_employment_rate(catalogue: Catalogue) -> None:
    worse = areas_significantly_worse(catalogue, "employment_rate")
    assert list(worse["area_name"]) == [
        "Clackmannanshire",
        "Dumfries and Galloway",
        "South Ayrshire",
        "North Lanarkshire",
        "Dundee City",
    ]
    assert set(worse["scotland_value"]) == {74.4}
    assert worse["value"].is_monotonic_increasing  # worst first

    scotland = catalogue.observations(
        "employment_rate", area_codes=[SCOTLAND_CODE], period=EMPLOYMENT_2022
    )
    reference = float(scotland["value"].iloc[0])
    assert reference == 74.4
    councils = catalogue.council_values("employment_rate", EMPLOYMENT_2022)
    expected = set(councils.loc[councils["upper_95"] < reference, "area_name"])
    assert set(worse["area_name"]) == expected
    # No listed area's interval contains Scotland's value.
    assert (worse["upper_95"] < reference).all()
    containing = councils[(councils["lower_95"] <= reference) & (councils["upper_95"] >= reference)]
    assert not containing.empty
    assert not set(containing["area_name"]) & set(worse["area_name"])
    # Glasgow's point estimate (72.1) is below Scotland's, but its interval reaches 75.7.
    assert "Glasgow City" in set(containing["area_name"])


def test_areas_significantly_worse_lower_is_better(catalogue: Catalogue) -> None:
    indicator_id = "unemployment_rate"
    period = catalogue.latest_period(indicator_id)
    assert period is not None
    scotland = catalogue.observations(
        indicator_id, area_codes=[SCOTLAND_CODE], period=period.period
    )
    reference = float(scotland["value"].iloc[0])
    councils = catalogue.council_values(indicator_id, period.period)
    worse = areas_significantly_worse(catalogue, indicator_id)
    expected = set(councils.loc[councils["lower_95"] > reference, "area_name"])
    assert expected, "the real data has councils significantly above Scotland's rate"
    assert set(worse["area_name"]) == expected
    assert worse["value"].is_monotonic_decreasing  # worst (highest) first


def test_areas_significantly_worse_without_council_figures(catalogue: Catalogue) -> None:
    result = areas_significantly_worse(catalogue, "disability_employment_gap")
    assert isinstance(result, pd.DataFrame)
    assert result.empty


def test_estimate_of_a_row(catalogue: Catalogue) -> None:
    row = catalogue.latest("employment_rate")
    estimate = estimate_of(row)
    assert (estimate.value, estimate.lower_95, estimate.upper_95) == (74.7, 73.7, 75.7)
    no_interval = estimate_of(catalogue.latest("claimant_rate"))
    assert (no_interval.value, no_interval.lower_95, no_interval.upper_95) == (3.0, None, None)
    assert estimate_of(None).missing
