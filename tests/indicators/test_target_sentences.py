"""How progress to a target is put in words, on the real disability employment gap target."""

from __future__ import annotations

import dataclasses

import pytest

from indicators.catalogue import Catalogue
from indicators.target_progress import TargetProgress, target_progress
from indicators.target_sentences import (
    back_to_level,
    gap_progress_sentence,
    milestone_rates,
    pace_per_year,
    recent_pace_span,
    target_facts,
    target_statement,
)

GAP = "halve_disability_employment_gap"
YPG = "young_persons_guarantee_pre_covid"


@pytest.fixture(scope="module")
def gap(catalogue: Catalogue) -> TargetProgress:
    progress = target_progress(catalogue, catalogue.registry.targets[GAP])
    assert progress is not None
    return progress


def test_the_target_is_stated_from_its_baseline_to_its_level(catalogue: Catalogue) -> None:
    target = catalogue.registry.targets[GAP]
    indicator = catalogue.indicator(target.indicator)
    words = target_statement(target, indicator)
    assert words.startswith(target.title.lower() + ", from ")
    assert f"in {target.baseline.period} to at most " in words
    assert words.endswith(f"by {target.target.period}")


def test_a_pace_is_signed_in_points_or_a_dash_when_unknown() -> None:
    assert pace_per_year(-0.346) == "-0.35 pp"
    assert pace_per_year(0.5) == "+0.50 pp"
    assert pace_per_year(None) == "–"


def test_the_gap_sentence_says_which_way_it_last_moved(
    catalogue: Catalogue, gap: TargetProgress
) -> None:
    deg = catalogue.indicator(gap.target.indicator)
    widened = gap_progress_sentence(dataclasses.replace(gap, latest_change=0.4), deg)
    narrowed = gap_progress_sentence(dataclasses.replace(gap, latest_change=-0.4), deg)
    first = gap_progress_sentence(dataclasses.replace(gap, latest_change=None), deg)
    assert "it widened by 0.4 percentage points a year since the previous figure" in widened
    assert "it narrowed by 0.4 percentage points a year since the previous figure" in narrowed
    assert "; no earlier figure is held." in first
    assert widened.startswith(f"In {gap.latest_year} the gap was ")


def test_the_gap_sentence_says_when_the_recent_pace_would_reach_the_target(
    catalogue: Catalogue, gap: TargetProgress
) -> None:
    deg = catalogue.indicator(gap.target.indicator)
    never = dataclasses.replace(gap, year_met_at_recent_pace=None)
    later = dataclasses.replace(gap, year_met_at_recent_pace=gap.latest_year + 7.6)
    reached = dataclasses.replace(gap, year_met_at_recent_pace=float(gap.latest_year))
    assert gap_progress_sentence(never, deg).endswith("the target would not be reached.")
    assert gap_progress_sentence(later, deg).endswith(f"reached in {gap.latest_year + 7}.")
    assert gap_progress_sentence(reached, deg).endswith("The target level has been reached.")


def test_the_recent_pace_names_its_years(gap: TargetProgress) -> None:
    assert recent_pace_span(dataclasses.replace(gap, recent_pace_years=None)) is None
    span = dataclasses.replace(gap, recent_pace_years=(2019, 2024))
    assert recent_pace_span(span) == "Average from 2019 to 2024."


def test_back_to_the_level_compares_the_point_estimate(catalogue: Catalogue) -> None:
    progress = target_progress(catalogue, catalogue.registry.targets[YPG])
    assert progress is not None
    level = progress.target.target.value
    assert back_to_level(dataclasses.replace(progress, latest_value=level))
    assert not back_to_level(dataclasses.replace(progress, latest_value=level + 0.1))


def test_milestone_rates_name_each_row_by_its_indicator(catalogue: Catalogue) -> None:
    target = catalogue.registry.targets[GAP]
    ids = ["disabled_employment_rate", "non_disabled_employment_rate"]
    rates = milestone_rates(catalogue, target, ids)
    assert set(rates["indicator_id"]) == set(ids)
    assert set(rates["area_name"]) == {catalogue.indicator(i).title for i in ids}


def test_target_facts_list_measure_baseline_target_and_every_milestone(
    catalogue: Catalogue,
) -> None:
    target = catalogue.registry.targets[GAP]
    facts = target_facts(catalogue, target)
    labels = [label for label, _ in facts]
    assert labels == ["Measure", "Baseline", "Target"] + ["Milestone"] * len(target.milestones)
    assert facts[0][1] == f"{catalogue.indicator(target.indicator).title}, Scotland"
    assert facts[2][1].startswith("at most ")
