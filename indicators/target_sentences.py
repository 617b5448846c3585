"""How progress to a target is said in words: the sentences and figures the targets page and
the About page's target list show, built from `target_progress` and the registry's targets.

Pages arrange these; they do not compute a pace, pick "widened" or "narrowed", or judge a
level met.
"""

from __future__ import annotations

import pandas as pd

from geo.council_areas import area_name
from indicators.catalogue import Catalogue
from indicators.glossary import TARGET_COMPARISON_WORDS
from indicators.progress import annual_change_on_path
from indicators.target_progress import TargetProgress
from indicators.units import format_difference, format_value
from metadata.registry import Indicator, Target


def target_statement(target: Target, indicator: Indicator) -> str:
    """'halve the gap, from 32.6 pp in 2016 to at most 16.3 pp by 2038' (no leading label)."""
    return (
        f"{target.title.lower()}, from {format_value(target.baseline.value, indicator)} "
        f"in {target.baseline.period} to at most {format_value(target.target.value, indicator)} "
        f"by {target.target.period}"
    )


def pace_per_year(change: float | None) -> str:
    """A change each year in percentage points, signed ('+0.35 pp'), or an en dash if unknown."""
    return "–" if change is None else f"{change:+.2f} pp"


def recent_pace_span(progress: TargetProgress) -> str | None:
    """Which years the recent pace is averaged over, or None if there are too few."""
    if progress.recent_pace_years is None:
        return None
    first, last = progress.recent_pace_years
    return f"Average from {first} to {last}."


def _latest_change_words(progress: TargetProgress, indicator: Indicator) -> str:
    if progress.latest_change is None:
        return "no earlier figure is held"
    direction = "widened" if progress.latest_change > 0 else "narrowed"
    size = format_difference(progress.latest_change, indicator)
    return f"it {direction} by {size} a year since the previous figure"


def _pace_words(progress: TargetProgress) -> str:
    met = progress.year_met_at_recent_pace
    if met is None:
        return "At the recent pace the target would not be reached."
    if met > progress.latest_year:
        return f"At the recent pace the target would be reached in {int(met)}."
    return "The target level has been reached."


def gap_progress_sentence(progress: TargetProgress, indicator: Indicator) -> str:
    """Where the gap stands, how it last moved, the straight path's fall and the recent pace."""
    path = format_difference(annual_change_on_path(progress.target), indicator)
    return (
        f"In {progress.latest_year} the gap was {format_value(progress.latest_value, indicator)}; "
        f"{_latest_change_words(progress, indicator)}. The straight path falls {path} a year. "
        f"{_pace_words(progress)}"
    )


def back_to_level(progress: TargetProgress) -> bool:
    """Whether the latest point estimate is at or below the target level (no interval is
    published for the Young Person's Guarantee measure, so the estimate is compared)."""
    return progress.latest_value <= progress.target.target.value


def milestone_rates(catalogue: Catalogue, target: Target, indicator_ids: list[str]) -> pd.DataFrame:
    """The series behind a target's milestones for its area, each row named by its indicator's
    title (so a chart's legend and table say which rate is which)."""
    rates = pd.concat([catalogue.series(i, target.area) for i in indicator_ids])
    return rates.assign(area_name=[catalogue.indicator(i).title for i in rates["indicator_id"]])


def target_facts(catalogue: Catalogue, target: Target) -> list[tuple[str, str]]:
    """A target's measure, baseline, target and milestones, as (label, words) pairs."""
    indicator = catalogue.indicator(target.indicator)
    comparison = TARGET_COMPARISON_WORDS[target.target.comparison]
    facts = [
        ("Measure", f"{indicator.title}, {area_name(target.area)}"),
        (
            "Baseline",
            f"{format_value(target.baseline.value, indicator)} in {target.baseline.period}",
        ),
        (
            "Target",
            f"{comparison} {format_value(target.target.value, indicator)} by "
            f"{target.target.period}",
        ),
    ]
    for milestone in target.milestones:
        measure = catalogue.indicator(milestone.indicator)
        facts.append(
            (
                "Milestone",
                f"{measure.title} {TARGET_COMPARISON_WORDS[milestone.comparison]} "
                f"{format_value(milestone.value, measure)} by {milestone.period}",
            )
        )
    return facts
