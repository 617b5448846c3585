"""The significance rules, case by case, and the symmetry of comparing two estimates."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.significance import (
    Comparison,
    Estimate,
    Judgement,
    compare_estimates,
    compare_to_value,
    judge,
)
from metadata.registry import Polarity

NAN = math.nan

# --- an estimate against a reference value ---------------------------------------------------


@pytest.mark.parametrize(
    ("estimate", "reference", "expected"),
    [
        # Interval wholly above / below the reference: different.
        (Estimate(68.0, 66.0, 70.0), 65.0, Comparison.HIGHER),
        (Estimate(67.2, 61.4, 73.0), 74.4, Comparison.LOWER),
        # Interval contains the reference, even far from the point value: not different.
        (Estimate(72.1, 68.5, 75.7), 74.4, Comparison.SIMILAR),
        (Estimate(87.5, 75.8, 99.2), 76.0, Comparison.SIMILAR),
        # Reference exactly on a bound is inside the interval.
        (Estimate(70.0, 66.0, 74.4), 74.4, Comparison.SIMILAR),
        (Estimate(80.0, 74.4, 85.0), 74.4, Comparison.SIMILAR),
        (Estimate(74.4, 73.6, 75.2), 74.4, Comparison.SIMILAR),
    ],
)
def test_compare_to_value_with_interval(
    estimate: Estimate, reference: float, expected: Comparison
) -> None:
    assert compare_to_value(estimate, reference) is expected


@pytest.mark.parametrize(
    ("estimate", "reference", "expected"),
    [
        (Estimate(3.1), 3.0, Comparison.HIGHER),
        (Estimate(2.9), 3.0, Comparison.LOWER),
        (Estimate(3.0), 3.0, Comparison.SAME),
        # A half-given interval is not an interval: exact comparison.
        (Estimate(3.1, 2.0, None), 3.0, Comparison.HIGHER),
        (Estimate(3.0, NAN, NAN), 3.0, Comparison.SAME),
    ],
)
def test_compare_to_value_without_interval_is_exact(
    estimate: Estimate, reference: float, expected: Comparison
) -> None:
    assert compare_to_value(estimate, reference) is expected


@pytest.mark.parametrize(
    ("estimate", "reference"),
    [
        (Estimate(None), 3.0),
        (Estimate(NAN, 1.0, 2.0), 3.0),
        (Estimate(3.0, 2.0, 4.0), None),
        (Estimate(3.0), NAN),
    ],
)
def test_compare_to_value_missing_is_unknown(estimate: Estimate, reference: float | None) -> None:
    assert compare_to_value(estimate, reference) is Comparison.UNKNOWN


# --- two estimates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Non-overlapping intervals: different.
        (Estimate(80.0, 78.0, 82.0), Estimate(70.0, 68.0, 72.0), Comparison.HIGHER),
        (Estimate(70.0, 68.0, 72.0), Estimate(80.0, 78.0, 82.0), Comparison.LOWER),
        # Overlapping intervals: not different, although the point values differ by 0.3.
        # (Scotland's employment rate, 2023 against 2022.)
        (Estimate(74.7, 73.7, 75.7), Estimate(74.4, 73.6, 75.2), Comparison.SIMILAR),
        # Intervals that only touch overlap.
        (Estimate(75.0, 72.0, 78.0), Estimate(69.0, 66.0, 72.0), Comparison.SIMILAR),
        # Both intervals, equal values.
        (Estimate(5.0, 4.0, 6.0), Estimate(5.0, 4.5, 5.5), Comparison.SIMILAR),
    ],
)
def test_compare_estimates_both_with_intervals(
    first: Estimate, second: Estimate, expected: Comparison
) -> None:
    assert compare_estimates(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Only the first has an interval: it must exclude the second's value.
        (Estimate(10.0, 8.0, 12.0), Estimate(7.0), Comparison.HIGHER),
        (Estimate(10.0, 8.0, 12.0), Estimate(13.0), Comparison.LOWER),
        (Estimate(10.0, 8.0, 12.0), Estimate(11.9), Comparison.SIMILAR),
        # Only the second has an interval: the direction is still first against second.
        (Estimate(7.0), Estimate(10.0, 8.0, 12.0), Comparison.LOWER),
        (Estimate(13.0), Estimate(10.0, 8.0, 12.0), Comparison.HIGHER),
        (Estimate(8.5), Estimate(10.0, 8.0, 12.0), Comparison.SIMILAR),
    ],
)
def test_compare_estimates_one_side_with_interval(
    first: Estimate, second: Estimate, expected: Comparison
) -> None:
    assert compare_estimates(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (Estimate(3.0), Estimate(3.1), Comparison.LOWER),
        (Estimate(31.9), Estimate(31.2), Comparison.HIGHER),
        (Estimate(3.1), Estimate(3.1), Comparison.SAME),
        (Estimate(40665.0), Estimate(22235.0), Comparison.HIGHER),
    ],
)
def test_compare_estimates_without_intervals_is_exact(
    first: Estimate, second: Estimate, expected: Comparison
) -> None:
    assert compare_estimates(first, second) is expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Estimate(None), Estimate(3.0)),
        (Estimate(3.0), Estimate(None)),
        (Estimate(NAN), Estimate(3.0, 2.0, 4.0)),
        (Estimate(3.0, 2.0, 4.0), Estimate(NAN, NAN, NAN)),
        (Estimate(None), Estimate(None)),
    ],
)
def test_compare_estimates_missing_is_unknown(first: Estimate, second: Estimate) -> None:
    assert compare_estimates(first, second) is Comparison.UNKNOWN


def test_estimate_properties() -> None:
    assert Estimate(None).missing
    assert Estimate(NAN).missing
    assert not Estimate(0.0).missing
    assert Estimate(1.0, 0.5, 1.5).has_interval
    assert not Estimate(1.0).has_interval
    assert not Estimate(1.0, 0.5, None).has_interval
    assert not Estimate(1.0, NAN, 1.5).has_interval


# --- judgement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparison", "polarity", "expected"),
    [
        (Comparison.HIGHER, Polarity.HIGHER_IS_BETTER, Judgement.BETTER),
        (Comparison.LOWER, Polarity.HIGHER_IS_BETTER, Judgement.WORSE),
        (Comparison.HIGHER, Polarity.LOWER_IS_BETTER, Judgement.WORSE),
        (Comparison.LOWER, Polarity.LOWER_IS_BETTER, Judgement.BETTER),
        (Comparison.SIMILAR, Polarity.HIGHER_IS_BETTER, Judgement.NOT_DIFFERENT),
        (Comparison.SIMILAR, Polarity.LOWER_IS_BETTER, Judgement.NOT_DIFFERENT),
        (Comparison.SAME, Polarity.HIGHER_IS_BETTER, Judgement.NOT_DIFFERENT),
        (Comparison.SAME, Polarity.LOWER_IS_BETTER, Judgement.NOT_DIFFERENT),
        (Comparison.UNKNOWN, Polarity.HIGHER_IS_BETTER, Judgement.UNKNOWN),
        (Comparison.UNKNOWN, Polarity.LOWER_IS_BETTER, Judgement.UNKNOWN),
    ],
)
def test_judge(comparison: Comparison, polarity: Polarity, expected: Judgement) -> None:
    assert judge(comparison, polarity) is expected


def test_judge_end_to_end_for_both_polarities() -> None:
    # An area's employment rate wholly below Scotland's: worse (higher is better).
    employment = compare_to_value(Estimate(67.2, 61.4, 73.0), 74.4)
    assert judge(employment, Polarity.HIGHER_IS_BETTER) is Judgement.WORSE
    # An unemployment rate wholly below Scotland's: better (lower is better).
    unemployment = compare_to_value(Estimate(2.0, 1.5, 2.6), 3.5)
    assert judge(unemployment, Polarity.LOWER_IS_BETTER) is Judgement.BETTER


# --- symmetry --------------------------------------------------------------------------------

MIRROR = {
    Comparison.HIGHER: Comparison.LOWER,
    Comparison.LOWER: Comparison.HIGHER,
    Comparison.SIMILAR: Comparison.SIMILAR,
    Comparison.SAME: Comparison.SAME,
    Comparison.UNKNOWN: Comparison.UNKNOWN,
}

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
half_width = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)


@st.composite
def estimates(draw: st.DrawFn) -> Estimate:
    """Missing, exact, or with a valid 95% interval (lower <= value <= upper)."""
    kind = draw(st.sampled_from(["missing_none", "missing_nan", "exact", "interval"]))
    if kind == "missing_none":
        return Estimate(None)
    if kind == "missing_nan":
        return Estimate(NAN)
    # A small grid of values makes exact ties and touching intervals likely.
    value = draw(st.one_of(finite, st.integers(-5, 5).map(float)))
    if kind == "exact":
        return Estimate(value)
    below, above = draw(half_width), draw(half_width)
    if draw(st.booleans()):
        below, above = float(draw(st.integers(0, 3))), float(draw(st.integers(0, 3)))
    return Estimate(value, value - below, value + above)


@given(estimates(), estimates())
def test_compare_estimates_is_its_own_mirror(first: Estimate, second: Estimate) -> None:
    assert compare_estimates(second, first) is MIRROR[compare_estimates(first, second)]


@given(estimates())
def test_an_estimate_is_never_different_from_itself(estimate: Estimate) -> None:
    result = compare_estimates(estimate, estimate)
    if estimate.missing:
        assert result is Comparison.UNKNOWN
    elif estimate.has_interval:
        assert result is Comparison.SIMILAR
    else:
        assert result is Comparison.SAME
