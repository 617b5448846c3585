"""A council area's profile: every measure at its latest period with rank, change, the
national spread behind the spine chart, and the youth measures against their benchmark year.

Who the area is compared with is `comparator_groups`; the peer figures of each row come from
`peer_comparison.peer_summary`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from geo.council_areas import council_code
from indicators.catalogue import USABLE, Catalogue
from indicators.glossary import (
    CHANGE_WORDS,
    NO_EARLIER_FIGURE,
    NO_FIGURE_HELD,
    NOT_RANKED,
    NOT_RANKED_COUNT,
    UNCHANGED,
    status_words,
)
from indicators.peer_comparison import (
    PeerSummary,
    float_or_none,
    is_comparable,
    judgement_words,
    peer_summaries,
    peer_summary,
)
from indicators.ranking import RANK_HEADING, rank_areas
from indicators.significance import Comparison, Judgement, compare_estimates, judge
from indicators.summaries import estimate_of
from indicators.target_progress import benchmark_comparison
from indicators.units import (
    format_change,
    format_difference,
    format_value,
    shared_format,
    with_number_formats,
)
from metadata.registry import Indicator, Polarity


@dataclass(frozen=True)
class ProfileRow:
    """One council-area indicator in an area's profile, with the spine-chart values."""

    summary: PeerSummary
    rank: int | None
    rank_label: str
    ranked_count: int
    rank_best: int | None
    rank_worst: int | None
    previous_label: str | None
    change: float | None
    change_comparison: Comparison
    change_judgement: Judgement
    national_min: float | None
    national_q25: float | None
    national_median: float | None
    national_q75: float | None
    national_max: float | None
    newer_periods: tuple[tuple[str, str, str | None], ...]

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator

    @property
    def lower_is_better(self) -> bool:
        return self.indicator.polarity is Polarity.LOWER_IS_BETTER


def _optional_int(value: object) -> int | None:
    if value is None or value is pd.NA:
        return None
    number = float(str(value))
    return None if math.isnan(number) else int(number)


def _newer_periods(
    catalogue: Catalogue, indicator_id: str, area_code: str, after_end: str
) -> tuple[tuple[str, str, str | None], ...]:
    """Periods after the latest usable council period where the area's figure is withheld:
    (period label, status, the publisher's words)."""
    rows = catalogue.series(indicator_id, area_code)
    rows = rows[rows["period_end"] > after_end]
    return tuple(
        (
            str(r["period_label"]),
            str(r["status"]),
            r["status_detail"] if isinstance(r["status_detail"], str) else None,
        )
        for _, r in rows.iterrows()
    )


def profile_row(
    catalogue: Catalogue, indicator_id: str, area_code: str, peer_codes: Sequence[str]
) -> ProfileRow:
    """One indicator of an area's profile at its latest council period."""
    return _profile_row(catalogue, peer_summary(catalogue, indicator_id, area_code, peer_codes))


def _profile_row(catalogue: Catalogue, summary: PeerSummary) -> ProfileRow:
    indicator_id = summary.indicator.id
    indicator = summary.indicator
    if summary.period is None:
        return ProfileRow(
            summary, None, "", 0, None, None, None, None, Comparison.UNKNOWN,
            Judgement.UNKNOWN, None, None, None, None, None, (),
        )  # fmt: skip
    council = catalogue.council_values(indicator_id, summary.period.period)
    ranked = rank_areas(council, indicator.polarity)
    own = ranked[ranked["area_code"] == summary.area_code]
    usable = council[council["status"].isin(USABLE) & council["value"].notna()]
    values = usable["value"].to_numpy(dtype=float)
    q = np.percentile(values, [0, 25, 50, 75, 100]) if values.size else [None] * 5
    previous_label: str | None = None
    change: float | None = None
    change_comparison = Comparison.UNKNOWN
    if not summary.area.missing:
        previous = catalogue.previous(indicator_id, summary.area_code, summary.period.end)
        if previous is not None:
            previous_label = str(previous["period_label"])
            change = float(str(summary.area.value)) - float(previous["value"])
            change_comparison = compare_estimates(summary.area, estimate_of(previous))
    comparable = is_comparable(indicator)
    row = own.iloc[0] if not own.empty else None
    return ProfileRow(
        summary=summary,
        rank=None if row is None or not comparable else _optional_int(row["rank"]),
        rank_label="" if row is None or not comparable else str(row["rank_label"]),
        ranked_count=int(ranked["ranked_count"].iloc[0]) if not ranked.empty else 0,
        rank_best=None if row is None or not comparable else _optional_int(row["rank_best"]),
        rank_worst=None if row is None or not comparable else _optional_int(row["rank_worst"]),
        previous_label=previous_label,
        change=change,
        change_comparison=change_comparison,
        change_judgement=judge(change_comparison, indicator.polarity),
        national_min=float_or_none(q[0]),
        national_q25=float_or_none(q[1]),
        national_median=float_or_none(q[2]),
        national_q75=float_or_none(q[3]),
        national_max=float_or_none(q[4]),
        newer_periods=_newer_periods(
            catalogue, indicator_id, summary.area_code, summary.period.end
        ),
    )


def area_profile_rows(
    catalogue: Catalogue, area_code: str, peer_codes: Sequence[str]
) -> list[ProfileRow]:
    """One row per indicator with council-area figures (registry order), each at its latest
    council period."""
    return [_profile_row(catalogue, s) for s in peer_summaries(catalogue, area_code, peer_codes)]


def rank_words(row: ProfileRow) -> str:
    """'2= of 32', for sentences and briefings (a grid shows the rank as a number)."""
    if not is_comparable(row.indicator):
        return NOT_RANKED_COUNT
    if row.rank_label == "":
        return NOT_RANKED
    return f"{row.rank_label} of {row.ranked_count}"


def rank_note(row: ProfileRow) -> str:
    """Beside a rank shown as a number: 'of 32', 'of 32, tied', or why there is no rank."""
    if not is_comparable(row.indicator):
        return NOT_RANKED_COUNT
    if row.rank_label == "":
        return NOT_RANKED
    return f"of {row.ranked_count}" + (", tied" if row.rank_label.endswith("=") else "")


def plausible_range_words(row: ProfileRow) -> str:
    if row.rank_best is None or row.rank_worst is None or not row.indicator.has_interval:
        return ""
    if not row.summary.area.has_interval:
        return ""
    return f"{row.rank_best} to {row.rank_worst}"


def change_words(row: ProfileRow) -> str:
    """'-0.1 pp on 2024: Improved' or 'No earlier figure'."""
    if row.change is None or row.previous_label is None:
        return NO_EARLIER_FIGURE if not row.summary.area.missing else "–"
    return (
        f"{format_change(row.change, row.indicator)} on {row.previous_label}: {change_verdict(row)}"
    )


def change_verdict(row: ProfileRow) -> str:
    """'Improved', 'Worsened', 'Unchanged', ... or why there is no change to judge."""
    if row.change is None or row.previous_label is None:
        return NO_EARLIER_FIGURE if not row.summary.area.missing else ""
    if row.change_comparison is Comparison.SAME:
        return UNCHANGED
    return CHANGE_WORDS[row.change_judgement]


def _interval_shown(row: ProfileRow) -> bool:
    return row.indicator.has_interval and row.summary.area.has_interval


def _range_shown(row: ProfileRow) -> bool:
    """A plausible rank range means something only for a ranked survey estimate."""
    return _interval_shown(row) and row.rank is not None


def profile_table(rows: Sequence[ProfileRow], group_label: str) -> pd.DataFrame:
    """The area profile for a data grid, one row per indicator: figures, ranks and changes as
    numbers (so they sort as numbers), the unit, notes and judgements in words beside them;
    nothing shown as zero."""
    summaries = [r.summary for r in rows]
    table = pd.DataFrame(
        {
            "Indicator": [r.indicator.title for r in rows],
            "Period": ["–" if s.period is None else s.period.label for s in summaries],
            "Value": [s.area.value for s in summaries],
            "Unit": [r.indicator.unit.label for r in rows],
            "Lower 95%": [r.summary.area.lower_95 if _interval_shown(r) else None for r in rows],
            "Upper 95%": [r.summary.area.upper_95 if _interval_shown(r) else None for r in rows],
            "Scotland": [s.scotland for s in summaries],
            "Compared with Scotland": [
                judgement_words(s, s.vs_scotland_judgement) for s in summaries
            ],
            "Peer median": [s.peer_median for s in summaries],
            f"Compared with {group_label}": [
                judgement_words(s, s.vs_peers_judgement) for s in summaries
            ],
            RANK_HEADING: pd.array([r.rank for r in rows], dtype="Int64"),
            "Rank note": [rank_note(r) for r in rows],
            "Best plausible rank": pd.array(
                [r.rank_best if _range_shown(r) else None for r in rows],
                dtype="Int64",
            ),
            "Worst plausible rank": pd.array(
                [r.rank_worst if _range_shown(r) else None for r in rows],
                dtype="Int64",
            ),
            "Change": [r.change for r in rows],
            "Change on": [r.previous_label or "" for r in rows],
            "Change verdict": [change_verdict(r) for r in rows],
            "Status": [status_words(s.status, s.status_detail) for s in summaries],
        }
    )
    indicators = [r.indicator for r in rows]
    figures = shared_format(indicators)
    return with_number_formats(
        table,
        dict.fromkeys(("Value", "Lower 95%", "Upper 95%", "Scotland", "Peer median"), figures)
        | dict.fromkeys((RANK_HEADING, "Best plausible rank", "Worst plausible rank"), "%d")
        | {"Change": shared_format(indicators, change=True)},
        row_indicators=indicators,
    )


def spine_rows(rows: Sequence[ProfileRow]) -> list[ProfileRow]:
    """The rows a spine chart can draw: rates with an area value and a national spread."""
    return [
        r
        for r in rows
        if is_comparable(r.indicator)
        and r.summary.period is not None
        and r.national_min is not None
        and not r.summary.area.missing
    ]


SPREAD_COLUMNS: Final = (
    "Lowest council area",
    "25th percentile",
    "Median council area",
    "75th percentile",
    "Highest council area",
)


def spine_table(rows: Sequence[ProfileRow], area: str) -> pd.DataFrame:
    """The figures behind the spine chart, as numbers (they sort as numbers)."""
    spreads = [
        (r.national_min, r.national_q25, r.national_median, r.national_q75, r.national_max)
        for r in rows
    ]
    table = pd.DataFrame(
        {
            "Indicator": [r.indicator.title for r in rows],
            "Period": ["–" if r.summary.period is None else r.summary.period.label for r in rows],
            "Better is": ["Lower" if r.lower_is_better else "Higher" for r in rows],
            area: [r.summary.area.value for r in rows],
            "Unit": [r.indicator.unit.label for r in rows],
            "Scotland": [r.summary.scotland for r in rows],
            **{
                column: [spread[position] for spread in spreads]
                for position, column in enumerate(SPREAD_COLUMNS)
            },
            "Compared with Scotland": [
                judgement_words(r.summary, r.summary.vs_scotland_judgement) for r in rows
            ],
        }
    )
    figures = shared_format(r.indicator for r in rows)
    return with_number_formats(
        table,
        dict.fromkeys((area, "Scotland", *SPREAD_COLUMNS), figures),
        row_indicators=[r.indicator for r in rows],
    )


def withheld_notes(rows: Sequence[ProfileRow]) -> list[str]:
    """Sentences about newer periods whose council figures are withheld, in the publisher's
    words (e.g. the 2023 APS estimates the Scottish Government did not publish)."""
    notes = []
    for row in rows:
        for label, status, detail in row.newer_periods:
            words = status_words(status).lower()
            notes.append(
                f"{row.indicator.title}, {label}: {words}" + (f". {detail}" if detail else ".")
            )
    return notes


# --- young people -----------------------------------------------------------------------


def youth_against_benchmark(catalogue: Catalogue, area_code: str) -> pd.DataFrame:
    """The area's youth measures against its own figure for the benchmark year (2019), from
    `target_progress.benchmark_comparison`. Measures without council figures are skipped.

    Columns: indicator_id, indicator, benchmark_period, benchmark_value, latest_period,
    latest_value, change, comparison, judgement, sentence.
    """
    code = council_code(area_code)
    benchmark = catalogue.registry.benchmarks["young_persons_guarantee_2019"]
    records = []
    for indicator_id in benchmark.indicators:
        indicator = catalogue.indicator(indicator_id)
        if not indicator.has_council_areas:
            continue
        frame = benchmark_comparison(catalogue, benchmark, indicator_id, councils=True)
        own = frame[frame["area_code"] == code] if not frame.empty else frame
        if own.empty:
            continue
        row = own.iloc[0]
        base = float_or_none(row["benchmark_value"])
        latest = float_or_none(row["latest_value"])
        judgement = Judgement(str(row["judgement"]))
        if base is None:
            sentence = (
                f"No council-area figure for {benchmark.year} is held, so the latest figure, "
                f"{format_value(latest, indicator)} for {row['latest_period']}, cannot be "
                f"compared with {benchmark.year}."
            )
        elif latest is None:
            sentence = f"No figure after {row['benchmark_period']} is held."
        else:
            change = latest - base
            direction = "up" if change > 0 else "down" if change < 0 else "unchanged"
            size = "" if change == 0 else f" {format_difference(change, indicator)}"
            verdict = CHANGE_WORDS[judgement].lower()
            if judgement is Judgement.NOT_DIFFERENT:
                verdict = (
                    "not significantly different (the 95% confidence intervals overlap)"
                    if indicator.has_interval
                    else "unchanged"
                )
            sentence = (
                f"{format_value(latest, indicator)} in {row['latest_period']} against "
                f"{format_value(base, indicator)} in {row['benchmark_period']}: {direction}"
                f"{size}, {verdict}."
            )
        records.append(
            {
                "indicator_id": indicator_id,
                "indicator": indicator.title,
                "benchmark_period": row["benchmark_period"],
                "benchmark_value": base,
                "latest_period": row["latest_period"],
                "latest_value": latest,
                "change": None if base is None or latest is None else latest - base,
                "comparison": str(row["comparison"]),
                "judgement": judgement.value,
                "sentence": sentence,
            }
        )
    return pd.DataFrame(records)


def youth_table(frame: pd.DataFrame, catalogue: Catalogue, year: int) -> pd.DataFrame:
    """The youth comparison for a data grid: the figures and the change as numbers, each
    figure's period and the verdict in words beside them."""
    indicators = [catalogue.indicator(str(i)) for i in frame["indicator_id"]]
    verdicts = []
    for row in frame.itertuples():
        if float_or_none(row.benchmark_value) is None or float_or_none(row.latest_value) is None:
            verdicts.append(CHANGE_WORDS[Judgement.UNKNOWN])
        elif row.comparison == Comparison.SAME:
            verdicts.append(UNCHANGED)
        else:
            verdicts.append(CHANGE_WORDS[Judgement(str(row.judgement))])
    table = pd.DataFrame(
        {
            "Measure": [i.title for i in indicators],
            f"{year} figure": [float_or_none(v) for v in frame["benchmark_value"]],
            f"{year} period": [
                NO_FIGURE_HELD if float_or_none(v) is None else str(p)
                for v, p in zip(frame["benchmark_value"], frame["benchmark_period"], strict=True)
            ],
            "Latest figure": [float_or_none(v) for v in frame["latest_value"]],
            "Latest period": [
                NO_FIGURE_HELD if float_or_none(v) is None else str(p)
                for v, p in zip(frame["latest_value"], frame["latest_period"], strict=True)
            ],
            "Unit": [i.unit.label for i in indicators],
            "Change": [float_or_none(v) for v in frame["change"]],
            f"Compared with {year}": verdicts,
        }
    )
    figures = shared_format(indicators)
    return with_number_formats(
        table,
        {f"{year} figure": figures, "Latest figure": figures}
        | {"Change": shared_format(indicators, change=True)},
        row_indicators=indicators,
    )
