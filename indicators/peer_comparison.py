"""How a council area sits among its comparator group: peer summaries, rankings, sentences.

Rules (stated on the pages):
- Peer figures use each peer's value for the same period as the area's. Peers without a usable
  value (suppressed, unreliable, not available) are left out of the median and range and
  counted separately: a missing figure is never treated as zero.
- The area is judged against Scotland and against the peer median with `compare_to_value`:
  different only if the area's 95% interval excludes the reference value (exact comparison
  when no interval is published).
- Counts (such as the number of young claimants) depend on the size of an area, so they are
  shown but never ranked or judged better or worse against other areas.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from geo.council_areas import SCOTLAND_CODE, area_name, council_code
from indicators.catalogue import USABLE, Catalogue, PeriodInfo, usable_mask
from indicators.comparator_groups import ComparatorGroup, join_names, possessive
from indicators.glossary import COUNT_NOT_COMPARED, JUDGEMENT_WORDS, status_words
from indicators.ranking import rank_areas
from indicators.significance import (
    Comparison,
    Estimate,
    Judgement,
    compare_estimates,
    compare_to_value,
    judge,
)
from indicators.summaries import estimate_of
from indicators.units import format_value, shared_format, with_number_formats
from metadata.registry import Indicator, Unit


def council_indicators(catalogue: Catalogue) -> list[Indicator]:
    """Indicators declared for council areas that have at least one usable council figure
    in the snapshot (registry order)."""
    return [
        indicator
        for indicator in catalogue.indicators(council_areas_only=True)
        if catalogue.latest_period(indicator.id, geography="council_area") is not None
    ]


def is_comparable(indicator: Indicator) -> bool:
    """Rates can be compared across areas; counts depend on each area's size."""
    return indicator.unit is not Unit.COUNT


@dataclass(frozen=True)
class PeerSummary:
    """One indicator, one period: the area, its peers and Scotland, with judgements."""

    indicator: Indicator
    period: PeriodInfo | None
    area_code: str
    area: Estimate
    status: str
    status_detail: str | None
    peer_codes: tuple[str, ...]
    peer_median: float | None
    peer_min: float | None
    peer_max: float | None
    peer_count: int
    peers_without_value: tuple[str, ...]
    scotland: float | None
    vs_scotland: Comparison
    vs_scotland_judgement: Judgement
    vs_peers: Comparison
    vs_peers_judgement: Judgement

    @property
    def comparable(self) -> bool:
        return is_comparable(self.indicator)


def float_or_none(value: object) -> float | None:
    """A frame cell as a float, None for a missing one (None, NaN or NA)."""
    if value is None:
        return None
    number = float(str(value))
    return None if math.isnan(number) else number


def _scotland_value(catalogue: Catalogue, indicator_id: str, period: str) -> float | None:
    rows = catalogue.observations(indicator_id, area_codes=[SCOTLAND_CODE], period=period)
    rows = rows[rows["status"].isin(USABLE)]
    return None if rows.empty else float_or_none(rows["value"].iloc[0])


def _period_info(catalogue: Catalogue, indicator_id: str, period: str | None) -> PeriodInfo | None:
    if period is None:
        return catalogue.latest_period(indicator_id, geography="council_area")
    for info in catalogue.periods(indicator_id):
        if info.period == period:
            return info
    raise KeyError(f"{indicator_id} has no period {period!r}")


def peer_summary(
    catalogue: Catalogue,
    indicator_id: str,
    area_code: str,
    peer_codes: Sequence[str],
    period: str | None = None,
) -> PeerSummary:
    """The area, peer median/min/max and Scotland for one period (the latest council period
    by default), with the area judged against Scotland and against the peer median."""
    indicator = catalogue.indicator(indicator_id)
    code = council_code(area_code)
    peers = tuple(p for p in dict.fromkeys(peer_codes) if p != code)
    info = _period_info(catalogue, indicator_id, period)
    empty = PeerSummary(
        indicator, None, code, Estimate(None), "missing", None, peers, None, None, None, 0,
        tuple(area_name(p) for p in peers), None, Comparison.UNKNOWN, Judgement.UNKNOWN,
        Comparison.UNKNOWN, Judgement.UNKNOWN,
    )  # fmt: skip
    if info is None:
        return empty
    rows = catalogue.council_values(indicator_id, info.period).set_index("area_code")
    if code in rows.index:
        own = rows[rows.index == code].iloc[0]
        status = str(own["status"])
        detail = own["status_detail"] if isinstance(own["status_detail"], str) else None
        area = estimate_of(own) if status in USABLE and pd.notna(own["value"]) else Estimate(None)
    else:
        status, detail, area = "missing", None, Estimate(None)
    peer_rows = rows.loc[[p for p in peers if p in rows.index]]
    usable = peer_rows[peer_rows["status"].isin(USABLE) & peer_rows["value"].notna()]
    values = [float(v) for v in usable["value"]]
    without = tuple(area_name(p) for p in peers if p not in usable.index)
    median = statistics.median(values) if values else None
    scotland = _scotland_value(catalogue, indicator_id, info.period)
    if is_comparable(indicator):
        vs_scotland = compare_to_value(area, scotland)
        vs_peers = compare_to_value(area, median)
    else:
        vs_scotland = vs_peers = Comparison.UNKNOWN
    return PeerSummary(
        indicator=indicator,
        period=info,
        area_code=code,
        area=area,
        status=status,
        status_detail=detail,
        peer_codes=peers,
        peer_median=median,
        peer_min=min(values) if values else None,
        peer_max=max(values) if values else None,
        peer_count=len(values),
        peers_without_value=without,
        scotland=scotland,
        vs_scotland=vs_scotland,
        vs_scotland_judgement=judge(vs_scotland, indicator.polarity),
        vs_peers=vs_peers,
        vs_peers_judgement=judge(vs_peers, indicator.polarity),
    )


def group_ranking(
    catalogue: Catalogue,
    indicator_id: str,
    period: str,
    area_code: str,
    peer_codes: Sequence[str],
) -> pd.DataFrame:
    """The area and its peers for one period, ranked within the group (1 = best).

    Adds `vs_scotland` (better/worse/not_different/unknown), `vs_area` (the peer against the
    area, by non-overlapping intervals: better/worse/not_different/unknown; 'self' for the
    area) and `is_area`. Peers without a usable value are kept, unranked.
    """
    indicator = catalogue.indicator(indicator_id)
    code = council_code(area_code)
    codes = [code, *(p for p in dict.fromkeys(peer_codes) if p != code)]
    rows = catalogue.council_values(indicator_id, period)
    rows = rows[rows["area_code"].isin(codes)]
    ranked = rank_areas(rows, indicator.polarity)
    scotland = _scotland_value(catalogue, indicator_id, period)
    own_rows = ranked[ranked["area_code"] == code]
    own = (
        estimate_of(own_rows.iloc[0])
        if not own_rows.empty and usable_mask(own_rows).iloc[0]
        else Estimate(None)
    )
    vs_scotland: list[str] = []
    vs_area: list[str] = []
    for _, row in ranked.iterrows():
        estimate = estimate_of(row)
        if not is_comparable(indicator):
            vs_scotland.append(Judgement.UNKNOWN.value)
        else:
            vs_scotland.append(
                judge(compare_to_value(estimate, scotland), indicator.polarity).value
            )
        if row["area_code"] == code:
            vs_area.append("self")
        elif not is_comparable(indicator):
            vs_area.append(Judgement.UNKNOWN.value)
        else:
            vs_area.append(judge(compare_estimates(estimate, own), indicator.polarity).value)
    ranked["vs_scotland"] = vs_scotland
    ranked["vs_area"] = vs_area
    ranked["is_area"] = ranked["area_code"] == code
    return ranked


def _interval_words(indicator: Indicator, estimate: Estimate) -> str:
    if estimate.has_interval:
        low = format_value(estimate.lower_95, indicator)
        high = format_value(estimate.upper_95, indicator)
        return f" (95% confidence interval {low} to {high})"
    return ""


def _against(comparison: Comparison, judgement: Judgement, estimate: Estimate, what: str) -> str:
    """'significantly higher than X, which is worse' and the like, honest about intervals."""
    if comparison is Comparison.UNKNOWN:
        return f"cannot be compared with {what}"
    if comparison is Comparison.SAME:
        return f"the same as {what}"
    if comparison is Comparison.SIMILAR:
        return f"not significantly different from {what}: the 95% confidence interval includes it"
    direction = "higher" if comparison is Comparison.HIGHER else "lower"
    quality = "better" if judgement is Judgement.BETTER else "worse"
    if estimate.has_interval:
        return f"significantly {direction} than {what} ({quality})"
    return f"{direction} than {what} ({quality})"


def compare_sentence(summary: PeerSummary, group: ComparatorGroup, ranking: pd.DataFrame) -> str:
    """Plain English about the area against Scotland, the peer median and each peer.

    A difference is claimed only when the 95% intervals support it; figures without an
    interval are compared as exact numbers and the sentence says so.
    """
    indicator = summary.indicator
    name = area_name(summary.area_code)
    title = indicator.title[0].lower() + indicator.title[1:]
    if summary.period is None:
        return f"No council-area figures for the {title} are held."
    when = summary.period.label
    parts: list[str] = []
    if summary.area.missing:
        why = status_words(summary.status).lower()
        parts.append(f"{name} has no usable {title} figure for {when} (status: {why}).")
        if summary.status_detail:
            parts.append(f"The publisher's note: “{summary.status_detail.rstrip('.')}.”")
    else:
        value = format_value(summary.area.value, indicator)
        interval = _interval_words(indicator, summary.area)
        parts.append(f"In {when}, {possessive(name)} {title} was {value}{interval}.")
    if summary.peer_median is not None:
        parts.append(
            f"The median of the {summary.peer_count} {group.short_label} with a figure was "
            f"{format_value(summary.peer_median, indicator)} (range "
            f"{format_value(summary.peer_min, indicator)} to "
            f"{format_value(summary.peer_max, indicator)})."
        )
    elif summary.peer_codes:
        parts.append(f"None of the {group.short_label} has a usable figure for {when}.")
    if summary.peers_without_value and summary.peer_median is not None:
        parts.append(
            f"No usable figure for {join_names(list(summary.peers_without_value))}, left out "
            "rather than counted as zero."
        )
    if summary.area.missing:
        parts.append(f"No comparison can be made for {name}.")
        return " ".join(parts)
    if not summary.comparable:
        parts.append(
            "This is a count, which depends on the size of each area, so no area is called "
            "better or worse."
        )
        return " ".join(parts)
    if not summary.area.has_interval and indicator.has_interval:
        parts.append("This estimate is published without a confidence interval.")
    elif not indicator.has_interval:
        parts.append(
            "It is not a survey estimate and has no confidence interval, so the figures are "
            "compared as exact numbers."
        )
    scotland_words = (
        f"Scotland's {format_value(summary.scotland, indicator)}"
        if summary.scotland is not None
        else "Scotland"
    )
    against_scotland = _against(
        summary.vs_scotland, summary.vs_scotland_judgement, summary.area, scotland_words
    )
    parts.append(f"It is {against_scotland}.")
    if summary.peer_median is not None:
        against_peers = _against(
            summary.vs_peers, summary.vs_peers_judgement, summary.area, "the peer median"
        )
        parts.append(f"It is {against_peers}.")
        peers = ranking[~ranking["is_area"] & usable_mask(ranking)]
        counts = peers["vs_area"].value_counts()
        test = (
            "a peer counts as better or worse only when its 95% confidence interval does not "
            "overlap the area's"
            if indicator.has_interval
            else "comparing the exact figures"
        )
        parts.append(
            f"Of the {len(peers)} {group.short_label} with a figure, {counts.get('better', 0)} "
            f"{'is' if counts.get('better', 0) == 1 else 'are'} better than {name}, "
            f"{counts.get('worse', 0)} worse and {counts.get('not_different', 0)} not "
            f"significantly different ({test})."
        )
    return " ".join(parts)


def peer_summaries(
    catalogue: Catalogue, area_code: str, peer_codes: Sequence[str]
) -> list[PeerSummary]:
    """peer_summary for every indicator with council-area figures, each at its latest
    council period."""
    return [
        peer_summary(catalogue, indicator.id, area_code, peer_codes)
        for indicator in council_indicators(catalogue)
    ]


def peer_summary_table(summaries: Sequence[PeerSummary], group_label: str) -> pd.DataFrame:
    """The compact all-indicators table: figures as numbers (they sort as numbers), judgements
    and statuses in words, nothing shown as zero."""
    table = pd.DataFrame(
        {
            "Indicator": [s.indicator.title for s in summaries],
            "Period": ["–" if s.period is None else s.period.label for s in summaries],
            "Area": [s.area.value for s in summaries],
            "Unit": [s.indicator.unit.label for s in summaries],
            "Status": [status_words(s.status, s.status_detail) for s in summaries],
            "Peer median": [s.peer_median for s in summaries],
            "Lowest peer": [s.peer_min for s in summaries],
            "Highest peer": [s.peer_max for s in summaries],
            "Peers with a figure": pd.array([s.peer_count for s in summaries], dtype="Int64"),
            "Peers": pd.array([len(s.peer_codes) for s in summaries], dtype="Int64"),
            "Scotland": [s.scotland for s in summaries],
            "Compared with Scotland": [
                judgement_words(s, s.vs_scotland_judgement) for s in summaries
            ],
            f"Compared with {group_label}": [
                judgement_words(s, s.vs_peers_judgement) for s in summaries
            ],
        }
    )
    figures = shared_format(s.indicator for s in summaries)
    return with_number_formats(
        table,
        dict.fromkeys(("Area", "Peer median", "Lowest peer", "Highest peer", "Scotland"), figures)
        | dict.fromkeys(("Peers with a figure", "Peers"), "%d"),
        row_indicators=[s.indicator for s in summaries],
    )


def judgement_words(summary: PeerSummary, judgement: Judgement) -> str:
    """The judgement in a table cell; counts are never judged against other areas."""
    if not summary.comparable:
        return COUNT_NOT_COMPARED
    return JUDGEMENT_WORDS[judgement]
