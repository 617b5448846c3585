"""Judge differences the way statistics producers do: only when the 95% intervals support it.

Rules (stated on the pages):
- Area against a comparator value (e.g. Scotland): different only if the area's 95% interval
  excludes the comparator's value. Scotland's own interval is narrow, so this follows ScotPHO.
- Change between two periods, or two areas' values: different only if the two 95% intervals do
  not overlap. This is conservative (it misses some real differences) but never over-claims.
- Figures without intervals (administrative counts, or survey figures published without one)
  are compared as exact numbers, and the wording says the figure is not a survey estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from metadata.registry import Polarity


class Comparison(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    SIMILAR = "similar"  # not significantly different
    SAME = "same"  # exactly equal (no intervals)
    UNKNOWN = "unknown"  # one side missing


class Judgement(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    NOT_DIFFERENT = "not_different"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Estimate:
    """A value with an optional 95% interval."""

    value: float | None
    lower_95: float | None = None
    upper_95: float | None = None

    @property
    def missing(self) -> bool:
        return self.value is None or math.isnan(self.value)

    @property
    def has_interval(self) -> bool:
        return not (
            self.lower_95 is None
            or self.upper_95 is None
            or math.isnan(self.lower_95)
            or math.isnan(self.upper_95)
        )


def compare_to_value(estimate: Estimate, reference: float | None) -> Comparison:
    """Is the estimate higher or lower than a reference value, given its interval?"""
    if estimate.missing or reference is None or math.isnan(reference):
        return Comparison.UNKNOWN
    assert estimate.value is not None
    if estimate.has_interval:
        assert estimate.lower_95 is not None and estimate.upper_95 is not None
        if estimate.lower_95 > reference:
            return Comparison.HIGHER
        if estimate.upper_95 < reference:
            return Comparison.LOWER
        return Comparison.SIMILAR
    if estimate.value > reference:
        return Comparison.HIGHER
    if estimate.value < reference:
        return Comparison.LOWER
    return Comparison.SAME


def compare_estimates(first: Estimate, second: Estimate) -> Comparison:
    """Is `first` higher or lower than `second`? Intervals must not overlap to say so."""
    if first.missing or second.missing:
        return Comparison.UNKNOWN
    assert first.value is not None and second.value is not None
    if first.has_interval and second.has_interval:
        assert first.lower_95 is not None and first.upper_95 is not None
        assert second.lower_95 is not None and second.upper_95 is not None
        if first.lower_95 > second.upper_95:
            return Comparison.HIGHER
        if first.upper_95 < second.lower_95:
            return Comparison.LOWER
        return Comparison.SIMILAR
    if first.has_interval or second.has_interval:
        reference = second if first.has_interval else first
        comparison = compare_to_value(first if first.has_interval else second, reference.value)
        if second.has_interval and comparison in (Comparison.HIGHER, Comparison.LOWER):
            return Comparison.LOWER if comparison is Comparison.HIGHER else Comparison.HIGHER
        return comparison
    if first.value > second.value:
        return Comparison.HIGHER
    if first.value < second.value:
        return Comparison.LOWER
    return Comparison.SAME


def judge(comparison: Comparison, polarity: Polarity) -> Judgement:
    """Turn higher/lower into better/worse using the indicator's polarity."""
    if comparison is Comparison.UNKNOWN:
        return Judgement.UNKNOWN
    if comparison in (Comparison.SIMILAR, Comparison.SAME):
        return Judgement.NOT_DIFFERENT
    higher_is_better = polarity is Polarity.HIGHER_IS_BETTER
    is_higher = comparison is Comparison.HIGHER
    return Judgement.BETTER if is_higher == higher_is_better else Judgement.WORSE
