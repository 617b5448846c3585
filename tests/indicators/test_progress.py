"""Progress calculations against hand-worked examples (DATA_FACTS.md section A)."""

from __future__ import annotations

import math

import pytest

from indicators.progress import (
    TrackStatus,
    annual_change_needed,
    annual_change_on_path,
    average_annual_change,
    decompose_gap_change,
    milestone_status,
    path_value,
    status_against_path,
    year_target_met_at_pace,
)
from metadata.registry import Comparison, load_registry

DEG = load_registry().targets["halve_disability_employment_gap"]
YPG = load_registry().targets["young_persons_guarantee_pre_covid"]


def test_straight_path_from_37_4_to_18_7_falls_0_85_a_year() -> None:
    # (18.7 - 37.4) / (2038 - 2016) = -18.7 / 22 = -0.85
    assert annual_change_on_path(DEG) == pytest.approx(-0.85)
    assert path_value(DEG, 2016) == pytest.approx(37.4)
    assert path_value(DEG, 2038) == pytest.approx(18.7)
    assert path_value(DEG, 2022) == pytest.approx(37.4 - 6 * 0.85)  # 32.3


def test_status_uses_the_interval_when_there_is_one() -> None:
    # Path in 2022 is 32.3; a gap target is "at most", so lower is the target side.
    assert status_against_path(DEG, 2022, 31.0, 30.0, 32.0).status is TrackStatus.ON_TRACK
    assert status_against_path(DEG, 2022, 33.5, 32.5, 34.5).status is TrackStatus.OFF_TRACK
    judged = status_against_path(DEG, 2022, 31.9, 30.4, 33.4)
    assert judged.status is TrackStatus.TOO_CLOSE
    assert "straddles" in judged.rule and "32.3" in judged.rule


def test_status_without_interval_says_it_compared_the_point_estimate() -> None:
    judged = status_against_path(DEG, 2022, 31.9)
    assert judged.status is TrackStatus.ON_TRACK
    assert "No interval is published" in judged.rule
    assert status_against_path(DEG, 2022, None).status is TrackStatus.UNKNOWN
    assert status_against_path(DEG, 2022, math.nan).status is TrackStatus.UNKNOWN


def test_status_for_an_at_least_goal_flips_the_side() -> None:
    # YPG path is flat at 8.1 (2019 -> 2026), "at most".
    assert status_against_path(YPG, 2021, 10.2).status is TrackStatus.OFF_TRACK
    assert status_against_path(YPG, 2021, 7.9).status is TrackStatus.ON_TRACK


def test_change_needed_and_year_met_at_recent_pace() -> None:
    # From 31.9 in 2022 to 18.7 in 2038: -13.2 / 16 = -0.825 a year.
    assert annual_change_needed(2022, 31.9, DEG) == pytest.approx(-0.825)
    # Recent pace 2017 (35.9) to 2022 (31.9): -0.8 a year; 13.2 / 0.8 = 16.5 years -> 2038.5.
    pace = average_annual_change([(2017, 35.9), (2022, 31.9)])
    assert pace == pytest.approx(-0.8)
    assert year_target_met_at_pace(2022, 31.9, pace, DEG) == pytest.approx(2038.5)
    # Moving away from the target, or no pace: never reached.
    assert year_target_met_at_pace(2022, 31.9, 0.5, DEG) is None
    assert year_target_met_at_pace(2022, 31.9, None, DEG) is None
    # Already at or beyond the target: reached now.
    assert year_target_met_at_pace(2030, 18.0, -0.5, DEG) == 2030
    with pytest.raises(ValueError, match="passed"):
        annual_change_needed(2038, 20.0, DEG)
    assert average_annual_change([(2020, 1.0)]) is None


def test_milestones_are_met_or_not() -> None:
    assert milestone_status(50.7, 50, Comparison.AT_LEAST) is TrackStatus.MET
    assert milestone_status(49.9, 50, Comparison.AT_LEAST) is TrackStatus.NOT_MET
    assert milestone_status(None, 50, Comparison.AT_LEAST) is TrackStatus.UNKNOWN


def test_gap_change_splits_exactly_into_the_two_rates() -> None:
    # Published rates: 2021 disabled 49.6, non-disabled 80.8; 2022 50.7 and 82.5.
    (change,) = decompose_gap_change({2021: 49.6, 2022: 50.7}, {2021: 80.8, 2022: 82.5})
    assert change.from_disabled_rate_pp == pytest.approx(-1.1)  # disabled rate rose 1.1
    assert change.from_non_disabled_rate_pp == pytest.approx(1.7)
    assert change.gap_change_pp == pytest.approx(0.6)
    assert change.gap_change_pp == pytest.approx(
        change.from_disabled_rate_pp + change.from_non_disabled_rate_pp
    )


def test_decomposition_skips_years_missing_a_rate_rather_than_filling() -> None:
    changes = decompose_gap_change({2016: 42.8, 2017: 45.4, 2018: 45.6}, {2016: 80.2, 2018: 81.1})
    assert [(c.from_year, c.to_year) for c in changes] == [(2016, 2018)]
