"""Plain-English sentences that claim a difference only when the evidence supports it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import USABLE, Catalogue, usable_mask
from indicators.glossary import CHANGE_NOUNS
from indicators.significance import (
    Comparison,
    Estimate,
    Judgement,
    compare_estimates,
    compare_to_value,
    judge,
)
from indicators.units import format_change, format_difference, format_value
from metadata.registry import Frequency, Indicator


def estimate_of(row: pd.Series | None) -> Estimate:
    """The row's value and interval for a comparison; none for a row that is not usable (an
    unreliable estimate keeps its printed value for display, never for significance)."""
    if row is None or ("status" in row.index and row["status"] not in USABLE):
        return Estimate(None)
    if pd.isna(row["value"]):
        return Estimate(None)
    return Estimate(
        float(row["value"]),
        None if pd.isna(row["lower_95"]) else float(row["lower_95"]),
        None if pd.isna(row["upper_95"]) else float(row["upper_95"]),
    )


@dataclass(frozen=True)
class Headline:
    """What the Overview card says about one indicator for one area."""

    indicator: Indicator
    area_code: str
    latest: pd.Series | None
    previous: pd.Series | None
    change: float | None
    comparison: Comparison
    judgement: Judgement
    sentence: str

    @property
    def value_text(self) -> str:
        return format_value(
            None if self.latest is None else float(self.latest["value"]), self.indicator
        )

    @property
    def change_text(self) -> str:
        return format_change(self.change, self.indicator)


def _direction_words(comparison: Comparison) -> str:
    return {Comparison.HIGHER: "up", Comparison.LOWER: "down"}.get(comparison, "")


def headline(catalogue: Catalogue, indicator_id: str, area_code: str = SCOTLAND_CODE) -> Headline:
    """Latest value, change on the previous period and a sentence that respects intervals."""
    indicator = catalogue.indicator(indicator_id)
    latest = catalogue.latest(indicator_id, area_code)
    if latest is None:
        return Headline(
            indicator,
            area_code,
            None,
            None,
            None,
            Comparison.UNKNOWN,
            Judgement.UNKNOWN,
            f"No published {indicator.title.lower()} figure is available for this area.",
        )
    value_text = format_value(float(latest["value"]), indicator)
    opening = f"{indicator.title}: {value_text} in {latest['period_label']}"
    month_note = ""
    if indicator.frequency is Frequency.MONTHLY:
        # Monthly claimant counts are not seasonally adjusted: the headline change is on the
        # same month a year earlier, and the change on the month is given as well.
        previous = month_before(catalogue, indicator_id, area_code, latest, months=12)
        last_month = month_before(catalogue, indicator_id, area_code, latest, months=1)
        if last_month is not None:
            month_change = float(latest["value"]) - float(last_month["value"])
            month_note = (
                f" On the month ({last_month['period_label']}): "
                f"{format_change(month_change, indicator)}."
            )
        month_note += (
            " Not seasonally adjusted, so the main comparison is with the same month a year "
            "earlier."
        )
    else:
        previous = catalogue.previous(indicator_id, area_code, str(latest["period_end"]))
    if previous is None:
        return Headline(
            indicator,
            area_code,
            latest,
            None,
            None,
            Comparison.UNKNOWN,
            Judgement.UNKNOWN,
            f"{opening}; there is no earlier figure to compare with.{month_note}",
        )
    change = float(latest["value"]) - float(previous["value"])
    comparison = compare_estimates(estimate_of(latest), estimate_of(previous))
    judgement = judge(comparison, indicator.polarity)
    since = f"{previous['period_label']} ({format_value(float(previous['value']), indicator)})"
    if comparison is Comparison.SIMILAR:
        sentence = (
            f"{opening}, not significantly different from {since}: the 95% confidence "
            "intervals overlap."
        )
    elif comparison is Comparison.SAME:
        sentence = f"{opening}, unchanged since {since}."
    else:
        verdict = CHANGE_NOUNS[judgement]
        evidence = (
            f"a statistically significant {verdict.removeprefix('an ').removeprefix('a ')}"
            if estimate_of(latest).has_interval and estimate_of(previous).has_interval
            else verdict
        )
        sentence = (
            f"{opening}, {_direction_words(comparison)} {format_difference(change, indicator)} "
            f"on {since}: {evidence}."
        )
    sentence += month_note
    return Headline(indicator, area_code, latest, previous, change, comparison, judgement, sentence)


def month_before(
    catalogue: Catalogue, indicator_id: str, area_code: str, latest: pd.Series, *, months: int
) -> pd.Series | None:
    """The usable row for exactly `months` months before `latest` (a monthly period), if any:
    a missing month is a gap, never replaced by an older one."""
    year, month = int(str(latest["period"])[:4]), int(str(latest["period"])[5:7])
    index = year * 12 + (month - 1) - months
    wanted = f"{index // 12:04d}-{index % 12 + 1:02d}-01/P1M"
    rows = catalogue.observations(indicator_id, area_codes=[area_code], period=wanted)
    rows = rows[usable_mask(rows)]
    return None if rows.empty else rows.iloc[-1]


def areas_significantly_worse(catalogue: Catalogue, indicator_id: str) -> pd.DataFrame:
    """Councils whose latest value is significantly worse than Scotland's in the same period."""
    indicator = catalogue.indicator(indicator_id)
    period = catalogue.latest_period(indicator_id, geography="council_area")
    if period is None:
        return pd.DataFrame()
    scotland = catalogue.observations(
        indicator_id, area_codes=[SCOTLAND_CODE], period=period.period
    )
    if scotland.empty or not usable_mask(scotland).iloc[0]:
        return pd.DataFrame()
    reference = float(scotland.iloc[0]["value"])
    councils = catalogue.council_values(indicator_id, period.period)
    councils = councils[usable_mask(councils)]
    worse = [
        judge(compare_to_value(estimate_of(row), reference), indicator.polarity) is Judgement.WORSE
        for _, row in councils.iterrows()
    ]
    result = councils[worse].assign(scotland_value=reference)
    ascending = indicator.polarity.value == "lower_is_better"
    return result.sort_values("value", ascending=not ascending).reset_index(drop=True)
