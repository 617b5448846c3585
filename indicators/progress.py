"""Progress toward policy targets: required paths, status, pace needed, and why a gap moved.

All pure functions on plain numbers, so each can be checked against hand-worked examples.
The straight-line path from baseline to target is our own illustration of steady progress,
not an official trajectory, and every page that shows it says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from metadata.registry import Comparison, Target


class TrackStatus(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    TOO_CLOSE = "too_close_to_call"
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


def path_value(target: Target, year: float) -> float:
    """The straight-line path from the baseline to the target, at `year`."""
    start, end = target.baseline, target.target
    slope = (end.value - start.value) / (end.period - start.period)
    return start.value + slope * (year - start.period)


def annual_change_on_path(target: Target) -> float:
    """Change a year along the straight path (e.g. 37.4 → 18.7 over 2016-2038: −0.85)."""
    return (target.target.value - target.baseline.value) / (
        target.target.period - target.baseline.period
    )


def _is_good_side(value: float, reference: float, comparison: Comparison) -> bool:
    return value <= reference if comparison is Comparison.AT_MOST else value >= reference


@dataclass(frozen=True, slots=True)
class Judged:
    """A status with the rule that produced it, in words for the page."""

    status: TrackStatus
    rule: str


def status_against_path(
    target: Target,
    year: int,
    value: float | None,
    lower_95: float | None = None,
    upper_95: float | None = None,
) -> Judged:
    """On track if the whole 95% interval is on the target side of the path in that year, off
    track if it is wholly on the other side, too close to call otherwise. Without a published
    interval the point estimate is compared, and the rule says so."""
    if value is None or math.isnan(value):
        return Judged(TrackStatus.UNKNOWN, "No figure for this year.")
    reference = path_value(target, year)
    comparison = target.target.comparison
    has_interval = (
        lower_95 is not None
        and upper_95 is not None
        and not math.isnan(lower_95)
        and not math.isnan(upper_95)
    )
    if has_interval:
        assert lower_95 is not None and upper_95 is not None
        good_edge = upper_95 if comparison is Comparison.AT_MOST else lower_95
        bad_edge = lower_95 if comparison is Comparison.AT_MOST else upper_95
        if _is_good_side(good_edge, reference, comparison):
            return Judged(
                TrackStatus.ON_TRACK,
                f"The whole 95% interval is on the target side of the path ({reference:.1f}).",
            )
        if not _is_good_side(bad_edge, reference, comparison):
            return Judged(
                TrackStatus.OFF_TRACK,
                f"The whole 95% interval is on the wrong side of the path ({reference:.1f}).",
            )
        return Judged(
            TrackStatus.TOO_CLOSE,
            f"The 95% interval straddles the path ({reference:.1f}).",
        )
    side = _is_good_side(value, reference, comparison)
    return Judged(
        TrackStatus.ON_TRACK if side else TrackStatus.OFF_TRACK,
        f"No interval is published for this figure, so the point estimate is compared with the "
        f"path ({reference:.1f}); treat a small margin with caution.",
    )


def milestone_status(value: float | None, goal: float, comparison: Comparison) -> TrackStatus:
    """Met or not met, for a milestone year that has a figure."""
    if value is None or math.isnan(value):
        return TrackStatus.UNKNOWN
    return TrackStatus.MET if _is_good_side(value, goal, comparison) else TrackStatus.NOT_MET


def annual_change_needed(latest_year: int, latest_value: float, target: Target) -> float:
    """Average change a year needed from the latest figure to reach the target on time."""
    years_left = target.target.period - latest_year
    if years_left <= 0:
        raise ValueError("the target year has passed")
    return (target.target.value - latest_value) / years_left


def average_annual_change(points: list[tuple[int, float]]) -> float | None:
    """Average change a year between the first and last of the given (year, value) points."""
    if len(points) < 2:
        return None
    (first_year, first_value), (last_year, last_value) = points[0], points[-1]
    if last_year == first_year:
        return None
    return (last_value - first_value) / (last_year - first_year)


def year_target_met_at_pace(
    latest_year: int, latest_value: float, pace_per_year: float | None, target: Target
) -> float | None:
    """The year the target would be reached if the recent pace continued; None if it never
    would (no pace, or moving away from the target)."""
    gap_to_target = target.target.value - latest_value
    if _is_good_side(latest_value, target.target.value, target.target.comparison):
        return float(latest_year)
    if pace_per_year is None or pace_per_year == 0 or (gap_to_target / pace_per_year) < 0:
        return None
    return latest_year + gap_to_target / pace_per_year


@dataclass(frozen=True, slots=True)
class GapChange:
    """One period's change in a gap split into the parts from each group's rate."""

    from_year: int
    to_year: int
    gap_change_pp: float
    from_disabled_rate_pp: float
    from_non_disabled_rate_pp: float


def decompose_gap_change(
    disabled: dict[int, float], non_disabled: dict[int, float]
) -> list[GapChange]:
    """Gap = non-disabled rate − disabled rate, so its change is exactly Δnon-disabled − Δdisabled.

    A rise in the disabled employment rate narrows the gap (a negative contribution). Uses
    consecutive years that have both rates; years with a missing rate are skipped, not filled.
    """
    years = sorted(set(disabled) & set(non_disabled))
    changes = []
    for earlier, later in zip(years, years[1:], strict=False):
        from_disabled = -(disabled[later] - disabled[earlier])
        from_non_disabled = non_disabled[later] - non_disabled[earlier]
        changes.append(
            GapChange(
                earlier,
                later,
                round(from_disabled + from_non_disabled, 6),
                round(from_disabled, 6),
                round(from_non_disabled, 6),
            )
        )
    return changes
