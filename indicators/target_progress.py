"""Progress views built from the catalogue: a target's full picture, and benchmark comparisons.

These assemble the pure calculations in `progress` with the real series, so the page only
arranges what comes back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import Catalogue, usable_mask
from indicators.glossary import JUDGEMENT_AGAINST, JUDGEMENT_WORDS, TRACK_STATUS_WORDS
from indicators.progress import (
    GapChange,
    Judged,
    TrackStatus,
    annual_change_needed,
    average_annual_change,
    decompose_gap_change,
    milestone_status,
    status_against_path,
    year_target_met_at_pace,
)
from indicators.significance import Comparison, Estimate, Judgement, compare_estimates, judge
from indicators.summaries import estimate_of
from indicators.units import format_value, number_format, with_number_formats
from metadata.registry import Benchmark, Milestone, Target

RECENT_YEARS = 5


def _year(period_end: str) -> int:
    return int(period_end[:4])


def yearly_values(catalogue: Catalogue, indicator_id: str, area_code: str) -> dict[int, float]:
    """Usable values by calendar year of the period's end (annual series only)."""
    rows = catalogue.series(indicator_id, area_code)
    rows = rows[usable_mask(rows)]
    return {
        _year(str(end)): float(value)
        for end, value in zip(rows["period_end"], rows["value"], strict=True)
    }


@dataclass(frozen=True)
class MilestoneProgress:
    """A milestone's status in its own year, and the latest figure held before or at it."""

    milestone: Milestone
    value: float | None
    status: TrackStatus
    latest_year: int | None
    latest_value: float | None


@dataclass(frozen=True)
class TargetProgress:
    """Everything the targets page says about one target, computed from the snapshot."""

    target: Target
    series: pd.DataFrame
    latest_year: int
    latest_value: float
    judged: Judged
    needed_per_year: float
    latest_change: float | None
    recent_pace: float | None
    recent_pace_years: tuple[int, int] | None
    year_met_at_recent_pace: float | None
    milestones: tuple[MilestoneProgress, ...]


def target_progress(catalogue: Catalogue, target: Target) -> TargetProgress | None:
    """None if the target's indicator has no usable figure for its area."""
    series = catalogue.series(target.indicator, target.area)
    usable = series[usable_mask(series)]
    if usable.empty:
        return None
    latest = usable.iloc[-1]
    latest_year, latest_value = _year(str(latest["period_end"])), float(latest["value"])
    estimate = estimate_of(latest)
    judged = status_against_path(
        target, latest_year, latest_value, estimate.lower_95, estimate.upper_95
    )
    values = yearly_values(catalogue, target.indicator, target.area)
    years = sorted(values)
    previous = [y for y in years if y < latest_year]
    latest_change = (
        (latest_value - values[previous[-1]]) / (latest_year - previous[-1]) if previous else None
    )
    window = [y for y in years if y >= latest_year - RECENT_YEARS]
    recent_pace = average_annual_change([(y, values[y]) for y in window])
    pace_years = (window[0], window[-1]) if len(window) >= 2 else None
    milestones = []
    for milestone in target.milestones:
        milestone_values = yearly_values(catalogue, milestone.indicator, target.area)
        value = milestone_values.get(milestone.period)
        held = [y for y in sorted(milestone_values) if y <= milestone.period]
        milestones.append(
            MilestoneProgress(
                milestone,
                value,
                milestone_status(value, milestone.value, milestone.comparison),
                held[-1] if held else None,
                milestone_values[held[-1]] if held else None,
            )
        )
    return TargetProgress(
        target=target,
        series=series,
        latest_year=latest_year,
        latest_value=latest_value,
        judged=judged,
        needed_per_year=annual_change_needed(latest_year, latest_value, target),
        latest_change=latest_change,
        recent_pace=recent_pace,
        recent_pace_years=pace_years,
        year_met_at_recent_pace=year_target_met_at_pace(
            latest_year, latest_value, recent_pace, target
        ),
        milestones=tuple(milestones),
    )


def disability_gap_decomposition(
    catalogue: Catalogue, area_code: str = SCOTLAND_CODE
) -> list[GapChange]:
    """Changes in the disability employment gap split by the two employment rates."""
    return decompose_gap_change(
        yearly_values(catalogue, "disabled_employment_rate", area_code),
        yearly_values(catalogue, "non_disabled_employment_rate", area_code),
    )


def benchmark_comparison(
    catalogue: Catalogue, benchmark: Benchmark, indicator_id: str, *, councils: bool
) -> pd.DataFrame:
    """Each area's latest figure against its own figure for the period ending in the benchmark
    year, with the change judged by the 95% intervals where they exist.

    Columns: area_code, area_name, benchmark_period, benchmark_value, latest_period,
    latest_value, change, comparison, judgement. Areas missing either figure are kept, with
    comparison 'unknown'.
    """
    indicator = catalogue.indicator(indicator_id)
    rows = catalogue.observations(indicator_id)
    rows = rows[rows["area_type"] == ("council_area" if councils else "scotland")]
    records = []
    for code, area_rows in rows.groupby("area_code", sort=False):
        area_rows = area_rows.sort_values("period_end")
        in_year = area_rows[area_rows["period_end"].str.startswith(str(benchmark.year))]
        base = in_year.iloc[-1] if not in_year.empty else None
        usable = area_rows[usable_mask(area_rows)]
        latest = usable.iloc[-1] if not usable.empty else None
        if base is not None and latest is not None and latest["period"] == base["period"]:
            latest = None
        base_estimate = (
            estimate_of(base) if base is not None and pd.notna(base["value"]) else Estimate(None)
        )
        latest_estimate = estimate_of(latest) if latest is not None else Estimate(None)
        comparison = compare_estimates(latest_estimate, base_estimate)
        records.append(
            {
                "area_code": code,
                "area_name": area_rows["area_name"].iloc[0],
                "benchmark_period": None if base is None else base["period_label"],
                "benchmark_value": base_estimate.value,
                "latest_period": None if latest is None else latest["period_label"],
                "latest_value": latest_estimate.value,
                "change": None
                if base_estimate.missing or latest_estimate.missing
                else float(latest_estimate.value or 0) - float(base_estimate.value or 0),
                "comparison": comparison.value,
                "judgement": judge(comparison, indicator.polarity).value
                if comparison is not Comparison.UNKNOWN
                else "unknown",
            }
        )
    frame = pd.DataFrame(records)
    return frame.sort_values("area_name").reset_index(drop=True) if not frame.empty else frame


def milestone_sentence(progress: MilestoneProgress) -> str | None:
    """'50% by 2023: met (50.7%).' or, with no figure for the year, how the latest compares."""
    milestone = progress.milestone
    goal = f"{milestone.value:g}% by {milestone.period}"
    if progress.value is not None:
        return f"**{goal}:** {TRACK_STATUS_WORDS[progress.status].lower()} ({progress.value:.1f}%)."
    if progress.latest_value is None:
        return None
    reached = progress.latest_value >= milestone.value
    return (
        f"**{goal}:** no figure for {milestone.period} is held yet; the latest, "
        f"{progress.latest_value:.1f}% in {progress.latest_year}, is "
        f"{'already above' if reached else 'below'} the milestone."
    )


def decomposition_table(changes: list[GapChange]) -> pd.DataFrame:
    """The gap's changes and their two parts, in percentage points: numbers (they sort as
    numbers), shown with their signs."""
    table = pd.DataFrame(
        {
            "Period": [f"{c.from_year} to {c.to_year}" for c in changes],
            "Change in the gap (pp)": [c.gap_change_pp for c in changes],
            "From the disabled rate (pp)": [c.from_disabled_rate_pp for c in changes],
            "From the non-disabled rate (pp)": [c.from_non_disabled_rate_pp for c in changes],
        }
    )
    return with_number_formats(table, dict.fromkeys(table.columns[1:], "%+.1f"))


@dataclass(frozen=True)
class BenchmarkView:
    """What the targets page says about one measure against its benchmark year."""

    scotland_sentence: str | None
    councils: pd.DataFrame  # council areas with both figures (benchmark_comparison columns)
    council_sentence: str
    table: pd.DataFrame


def benchmark_view(catalogue: Catalogue, benchmark: Benchmark, indicator_id: str) -> BenchmarkView:
    """Scotland and each council against their own figure for the benchmark year, in words."""
    indicator = catalogue.indicator(indicator_id)
    scotland = benchmark_comparison(catalogue, benchmark, indicator_id, councils=False)
    scotland_sentence = None
    if not scotland.empty and pd.notna(scotland.iloc[0]["benchmark_value"]):
        row = scotland.iloc[0]
        verdict = JUDGEMENT_AGAINST[Judgement(str(row["judgement"]))]
        scotland_sentence = (
            f"Scotland: {format_value(row['latest_value'], indicator)} in {row['latest_period']}, "
            f"{verdict} its pre-COVID level of {format_value(row['benchmark_value'], indicator)} "
            f"({row['benchmark_period']})."
        )
    councils = benchmark_comparison(catalogue, benchmark, indicator_id, councils=True)
    comparable = councils[councils["comparison"] != "unknown"] if not councils.empty else councils
    if comparable.empty:
        sentence = (
            f"Council-area figures for {benchmark.year} are not held for this measure, so no "
            "area comparison can be made."
        )
    else:
        counts = comparable["judgement"].value_counts()
        sentence = (
            f"Of {len(comparable)} council areas with both figures: "
            f"{counts.get('better', 0)} better than in {benchmark.year}, "
            f"{counts.get('worse', 0)} worse, {counts.get('not_different', 0)} not "
            "significantly different."
        )
    table = pd.DataFrame(
        {
            "Area": comparable.get("area_name", pd.Series(dtype=object)),
            f"{benchmark.year} level": comparable.get("benchmark_value", pd.Series(dtype=float)),
            "Latest": comparable.get("latest_value", pd.Series(dtype=float)),
            "Latest period": comparable.get("latest_period", pd.Series(dtype=object)),
            f"Compared with {benchmark.year}": comparable.get(
                "judgement", pd.Series(dtype=object)
            ).map(lambda code: JUDGEMENT_WORDS[Judgement(code)]),
        }
    )
    table = with_number_formats(
        table, dict.fromkeys((f"{benchmark.year} level", "Latest"), number_format(indicator))
    )
    return BenchmarkView(scotland_sentence, comparable, sentence, table)
