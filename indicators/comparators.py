"""Comparator groups for a council area, and how the area stands against them.

A Local Employability Partnership compares its area with Scotland, with its geographic
neighbours, with the other members of its Regional Economic Partnership, with the areas most
like it on labour-market measures ("similar areas"), or with areas it chooses. Everything here
is plain Python on the catalogue: the pages only arrange what comes back.

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
from typing import Final, Literal, get_args

import numpy as np
import pandas as pd

from data_sources.schema import USABLE_STATUSES
from geo.council_areas import (
    SCOTLAND_CODE,
    UnknownAreaError,
    area_name,
    council_areas,
    is_council_area,
    normalise_code,
)
from geo.neighbours import geographic_neighbours
from geo.partnerships import partnership_members, partnerships_for
from indicators.catalogue import Catalogue, PeriodInfo
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
from indicators.target_progress import benchmark_comparison
from indicators.units import format_change, format_difference, format_value
from metadata.registry import Indicator, Polarity, Unit

USABLE: Final = frozenset(s.value for s in USABLE_STATUSES)

ComparatorKind = Literal["scotland", "neighbours", "partnership", "similar", "custom"]
COMPARATOR_KINDS: Final[tuple[ComparatorKind, ...]] = get_args(ComparatorKind)
DEFAULT_COMPARATOR: Final[ComparatorKind] = "neighbours"

COMPARATOR_LABELS: Final[dict[ComparatorKind, str]] = {
    "scotland": "Scotland (all other council areas as peers)",
    "neighbours": "Neighbouring areas",
    "partnership": "Regional Economic Partnership",
    "similar": "Similar areas (most alike on labour-market measures)",
    "custom": "Areas I choose",
}

# Statistical nearest neighbours: the measures, how many areas, and the method in words.
SIMILARITY_INDICATORS: Final[tuple[str, ...]] = (
    "claimant_rate",
    "employment_rate",
    "economic_inactivity_rate",
    "unemployment_rate",
    "youth_claimant_rate",
)
SIMILAR_COUNT: Final = 5
METHOD_NOTE: Final = (
    "Similar areas are the five council areas most alike on five labour-market measures, each "
    "taken for its latest period with council-area figures: the claimant rate, the employment "
    "rate (16 to 64), the economic inactivity rate (16 to 64), the model-based unemployment "
    "rate and the youth claimant rate (16 to 24). Each measure is turned into a z-score across "
    "the council areas that have a figure (the area's value minus the mean, divided by the "
    "standard deviation), so that every measure counts equally whatever its scale. The "
    "distance between two areas is the Euclidean distance between their z-scores, over the "
    "measures both areas have, divided by the square root of the number of measures used (so "
    "an area missing a suppressed estimate is neither favoured nor penalised). The five "
    "smallest distances are the similar areas; exact ties are broken alphabetically. Whether a "
    "measure is better or worse plays no part: the method finds areas with alike labour "
    "markets, not areas that perform alike."
)

JUDGEMENT_WORDS: Final[dict[Judgement, str]] = {
    Judgement.BETTER: "Better",
    Judgement.WORSE: "Worse",
    Judgement.NOT_DIFFERENT: "Not significantly different",
    Judgement.UNKNOWN: "No comparison",
}
CHANGE_WORDS: Final[dict[Judgement, str]] = {
    Judgement.BETTER: "Improved",
    Judgement.WORSE: "Worsened",
    Judgement.NOT_DIFFERENT: "Not significantly different",
    Judgement.UNKNOWN: "No comparison",
}
STATUS_WORDS: Final[dict[str, str]] = {
    "ok": "Published",
    "provisional": "Provisional",
    "suppressed": "Suppressed",
    "unreliable": "Unreliable",
    "not_available": "Not available",
    "missing": "No figure held",
}
COUNT_NOTE: Final = "Not compared (a count)"


# --- comparator groups ------------------------------------------------------------------


@dataclass(frozen=True)
class ComparatorGroup:
    """The areas an area is compared with, and a sentence that names them."""

    kind: ComparatorKind
    area_code: str
    members: tuple[str, ...]
    short_label: str
    description: str

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(area_name(code) for code in self.members)


@dataclass(frozen=True)
class SimilarArea:
    """A statistical nearest neighbour and how far it is (in standardised units)."""

    code: str
    name: str
    distance: float
    measures_used: int


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def possessive(name: str) -> str:
    """ "Glasgow City's", "Orkney Islands'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _council(code: str) -> str:
    current = normalise_code(code)
    if not is_council_area(current):
        raise UnknownAreaError(f"{code!r} is Scotland, not a council area.")
    return current


def _sorted_by_name(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(set(codes), key=area_name))


def parse_comparator(raw: str | None) -> tuple[ComparatorKind | None, tuple[str, ...]]:
    """The comparator named in a link, or None with a friendly message if it is unknown."""
    if raw is None or raw == "":
        return None, ()
    cleaned = raw.strip().lower()
    for kind in COMPARATOR_KINDS:
        if cleaned == kind:
            return kind, ()
    # Never quote the link: the message is shown as Markdown (see ui.url_state).
    return None, (
        "The link asks for a comparison that is not one of those offered, so "
        f"{COMPARATOR_LABELS[DEFAULT_COMPARATOR].lower()} are shown.",
    )


def neighbour_group(area_code: str) -> ComparatorGroup:
    """Areas sharing a land border; for island councils, the two nearest areas."""
    code = _council(area_code)
    neighbours = geographic_neighbours(code)
    members = tuple(n.code for n in neighbours)
    name = area_name(code)
    names = join_names([n.name for n in neighbours])
    if neighbours and neighbours[0].relation == "nearest":
        description = (
            f"{name} has no land border with another council area, so it is compared with its "
            f"{len(members)} nearest council areas (measured boundary to boundary): {names}."
        )
        short = "nearest areas"
    else:
        description = (
            f"{name} is compared with the {len(members)} council areas that share a land "
            f"border with it: {names}."
        )
        short = "neighbouring areas"
    return ComparatorGroup("neighbours", code, members, short, description)


def partnership_group(area_code: str) -> ComparatorGroup:
    """The other members of the area's Regional Economic Partnership (both, for Fife and
    Scottish Borders, which belong to two)."""
    code = _council(area_code)
    names = partnerships_for(code)
    members = _sorted_by_name(
        [member for p in names for member in partnership_members(p) if member != code]
    )
    member_names = join_names([area_name(m) for m in members])
    name = area_name(code)
    if len(names) > 1:
        description = (
            f"{name} belongs to two Regional Economic Partnerships, {join_names(names)}, so it "
            f"is compared with the other members of both ({len(members)} areas): "
            f"{member_names}."
        )
    else:
        description = (
            f"{name} is compared with the other {len(members)} members of the {names[0]} "
            f"Regional Economic Partnership: {member_names}."
        )
    short = "partnership areas"
    return ComparatorGroup("partnership", code, members, short, description)


def similarity_scores(catalogue: Catalogue) -> pd.DataFrame:
    """z-scores of the similarity measures: one row per council area, one column per measure
    (NaN where an area has no usable figure in that measure's latest council period)."""
    codes = [a.code for a in council_areas()]
    frame = pd.DataFrame(index=pd.Index(codes, name="area_code"))
    for indicator_id in SIMILARITY_INDICATORS:
        period = catalogue.latest_period(indicator_id, geography="council_area")
        if period is None:
            continue
        rows = catalogue.council_values(indicator_id, period.period)
        rows = rows[rows["status"].isin(USABLE) & rows["value"].notna()]
        values = rows.set_index("area_code")["value"].astype(float).reindex(codes)
        spread = float(values.std(ddof=0))
        frame[indicator_id] = (
            (values - float(values.mean())) / spread if spread > 0 else values * 0.0
        )
    return frame


def similar_areas(
    catalogue: Catalogue, area_code: str, count: int = SIMILAR_COUNT
) -> tuple[SimilarArea, ...]:
    """The `count` council areas nearest to `area_code` by METHOD_NOTE, nearest first."""
    code = _council(area_code)
    scores = similarity_scores(catalogue)
    own = scores.loc[code].to_numpy(dtype=float)
    found: list[SimilarArea] = []
    for other, row in scores.iterrows():
        if other == code:
            continue
        theirs = row.to_numpy(dtype=float)
        both = ~np.isnan(own) & ~np.isnan(theirs)
        used = int(both.sum())
        if used == 0:
            continue
        distance = math.sqrt(float(np.sum((own[both] - theirs[both]) ** 2)) / used)
        found.append(SimilarArea(str(other), area_name(str(other)), distance, used))
    found.sort(key=lambda s: (round(s.distance, 12), s.name))
    return tuple(found[:count])


def similar_group(catalogue: Catalogue, area_code: str) -> ComparatorGroup:
    code = _council(area_code)
    similar = similar_areas(catalogue, code)
    members = tuple(s.code for s in similar)
    description = (
        f"{area_name(code)} is compared with the {len(members)} council areas whose labour "
        "markets are most alike on the claimant, employment, inactivity, unemployment and "
        f"youth claimant rates (most alike first): {join_names([s.name for s in similar])}."
    )
    return ComparatorGroup("similar", code, members, "similar areas", description)


def custom_group(area_code: str, codes: Sequence[str]) -> ComparatorGroup:
    """Areas the user chose; Scotland, the area itself and repeats are dropped."""
    code = _council(area_code)
    chosen: list[str] = []
    for raw in codes:
        try:
            current = normalise_code(raw)
        except UnknownAreaError:
            continue
        if is_council_area(current) and current != code and current not in chosen:
            chosen.append(current)
    members = tuple(chosen)
    if members:
        description = (
            f"{area_name(code)} is compared with the {len(members)} council "
            f"area{'s' if len(members) > 1 else ''} you chose: "
            f"{join_names([area_name(m) for m in members])}."
        )
    else:
        description = "No council areas have been chosen yet: pick some to compare with."
    return ComparatorGroup("custom", code, members, "areas you chose", description)


def scotland_group(area_code: str) -> ComparatorGroup:
    code = _council(area_code)
    members = tuple(a.code for a in council_areas() if a.code != code)
    description = (
        f"{area_name(code)} is compared with Scotland as a whole; the peer median and range use "
        f"all {len(members)} other council areas."
    )
    return ComparatorGroup("scotland", code, members, "other council areas", description)


def comparator_group(
    catalogue: Catalogue,
    kind: ComparatorKind,
    area_code: str,
    custom_codes: Sequence[str] = (),
) -> ComparatorGroup:
    """The comparator group of `kind` for a council area (old codes accepted)."""
    if kind == "scotland":
        return scotland_group(area_code)
    if kind == "neighbours":
        return neighbour_group(area_code)
    if kind == "partnership":
        return partnership_group(area_code)
    if kind == "similar":
        return similar_group(catalogue, area_code)
    return custom_group(area_code, custom_codes)


# --- the area against its peers -----------------------------------------------------------


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


def _float_or_none(value: object) -> float | None:
    if value is None:
        return None
    number = float(str(value))
    return None if math.isnan(number) else number


def _scotland_value(catalogue: Catalogue, indicator_id: str, period: str) -> float | None:
    rows = catalogue.observations(indicator_id, area_codes=[SCOTLAND_CODE], period=period)
    rows = rows[rows["status"].isin(USABLE)]
    return None if rows.empty else _float_or_none(rows["value"].iloc[0])


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
    code = _council(area_code)
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
    code = _council(area_code)
    codes = [code, *(p for p in dict.fromkeys(peer_codes) if p != code)]
    rows = catalogue.council_values(indicator_id, period)
    rows = rows[rows["area_code"].isin(codes)]
    ranked = rank_areas(rows, indicator.polarity)
    scotland = _scotland_value(catalogue, indicator_id, period)
    own_rows = ranked[ranked["area_code"] == code]
    own = (
        estimate_of(own_rows.iloc[0])
        if not own_rows.empty and pd.notna(own_rows["value"].iloc[0])
        else Estimate(None)
    )
    vs_scotland: list[str] = []
    vs_area: list[str] = []
    for _, row in ranked.iterrows():
        estimate = estimate_of(row) if pd.notna(row["value"]) else Estimate(None)
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
        why = STATUS_WORDS.get(summary.status, summary.status).lower()
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
        peers = ranking[~ranking["is_area"] & ranking["value"].notna()]
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
    """The compact all-indicators table, in words."""
    records = []
    for s in summaries:
        indicator = s.indicator
        records.append(
            {
                "Indicator": indicator.title,
                "Period": "–" if s.period is None else s.period.label,
                "Area": format_value(s.area.value, indicator)
                if not s.area.missing
                else STATUS_WORDS.get(s.status, s.status),
                "Peer median": format_value(s.peer_median, indicator),
                "Peer range": "–"
                if s.peer_min is None
                else f"{format_value(s.peer_min, indicator)} to "
                f"{format_value(s.peer_max, indicator)}",
                "Peers with a figure": f"{s.peer_count} of {len(s.peer_codes)}",
                "Scotland": format_value(s.scotland, indicator),
                "Compared with Scotland": _judgement_words(s, s.vs_scotland_judgement),
                f"Compared with {group_label}": _judgement_words(s, s.vs_peers_judgement),
            }
        )
    return pd.DataFrame(records)


def _judgement_words(summary: PeerSummary, judgement: Judgement) -> str:
    if not summary.comparable:
        return COUNT_NOTE
    return JUDGEMENT_WORDS[judgement]


# --- the area profile ------------------------------------------------------------------


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
    summary = peer_summary(catalogue, indicator_id, area_code, peer_codes)
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
        national_min=_float_or_none(q[0]),
        national_q25=_float_or_none(q[1]),
        national_median=_float_or_none(q[2]),
        national_q75=_float_or_none(q[3]),
        national_max=_float_or_none(q[4]),
        newer_periods=_newer_periods(
            catalogue, indicator_id, summary.area_code, summary.period.end
        ),
    )


def area_profile_rows(
    catalogue: Catalogue, area_code: str, peer_codes: Sequence[str]
) -> list[ProfileRow]:
    """One row per indicator with council-area figures (registry order), each at its latest
    council period."""
    return [
        profile_row(catalogue, indicator.id, area_code, peer_codes)
        for indicator in council_indicators(catalogue)
    ]


def status_words(status: str, detail: str | None) -> str:
    """'Published', or 'Suppressed: <the publisher's words>'."""
    words = STATUS_WORDS.get(status, status.replace("_", " ").capitalize())
    return f"{words}: {detail}" if detail and status not in USABLE else words


def rank_words(row: ProfileRow) -> str:
    if not is_comparable(row.indicator):
        return "Not ranked (a count)"
    if row.rank_label == "":
        return "Not ranked"
    return f"{row.rank_label} of {row.ranked_count}"


def plausible_range_words(row: ProfileRow) -> str:
    if row.rank_best is None or row.rank_worst is None or not row.indicator.has_interval:
        return ""
    if not row.summary.area.has_interval:
        return ""
    return f"{row.rank_best} to {row.rank_worst}"


def change_words(row: ProfileRow) -> str:
    """'-0.1 pp on 2024: Improved' or 'No earlier figure'."""
    if row.change is None or row.previous_label is None:
        return "No earlier figure" if not row.summary.area.missing else "–"
    verdict = CHANGE_WORDS[row.change_judgement]
    if row.change_comparison is Comparison.SAME:
        verdict = "Unchanged"
    return f"{format_change(row.change, row.indicator)} on {row.previous_label}: {verdict}"


def profile_table(rows: Sequence[ProfileRow], group_label: str) -> pd.DataFrame:
    """The area profile in words: one row per indicator, nothing shown as zero."""
    records = []
    for row in rows:
        s, indicator = row.summary, row.indicator
        interval = (
            f"{format_value(s.area.lower_95, indicator)} to "
            f"{format_value(s.area.upper_95, indicator)}"
            if s.area.has_interval
            else ("Not published" if indicator.has_interval and not s.area.missing else "")
        )
        records.append(
            {
                "Indicator": indicator.title,
                "Period": "–" if s.period is None else s.period.label,
                "Value": format_value(s.area.value, indicator),
                "95% interval": interval,
                "Scotland": format_value(s.scotland, indicator),
                "Compared with Scotland": _judgement_words(s, s.vs_scotland_judgement),
                "Peer median": format_value(s.peer_median, indicator),
                f"Compared with {group_label}": _judgement_words(s, s.vs_peers_judgement),
                "Rank (1 = best)": rank_words(row),
                "Plausible rank range": plausible_range_words(row),
                "Change": change_words(row),
                "Status": status_words(s.status, s.status_detail),
            }
        )
    return pd.DataFrame(records)


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


def spine_table(rows: Sequence[ProfileRow], area: str) -> pd.DataFrame:
    """The figures behind the spine chart, in words."""
    records = []
    for row in rows:
        s, indicator = row.summary, row.indicator
        records.append(
            {
                "Indicator": indicator.title,
                "Period": "–" if s.period is None else s.period.label,
                "Better is": "Lower" if row.lower_is_better else "Higher",
                area: format_value(s.area.value, indicator),
                "Scotland": format_value(s.scotland, indicator),
                "Lowest council area": format_value(row.national_min, indicator),
                "25th percentile": format_value(row.national_q25, indicator),
                "Median council area": format_value(row.national_median, indicator),
                "75th percentile": format_value(row.national_q75, indicator),
                "Highest council area": format_value(row.national_max, indicator),
                "Compared with Scotland": _judgement_words(s, s.vs_scotland_judgement),
            }
        )
    return pd.DataFrame(records)


def withheld_notes(rows: Sequence[ProfileRow]) -> list[str]:
    """Sentences about newer periods whose council figures are withheld, in the publisher's
    words (e.g. the 2023 APS estimates the Scottish Government did not publish)."""
    notes = []
    for row in rows:
        for label, status, detail in row.newer_periods:
            words = STATUS_WORDS.get(status, status).lower()
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
    code = _council(area_code)
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
        base = _float_or_none(row["benchmark_value"])
        latest = _float_or_none(row["latest_value"])
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
    """The youth comparison in words."""
    records = []
    for row in frame.itertuples():
        indicator = catalogue.indicator(str(row.indicator_id))
        base = _float_or_none(row.benchmark_value)
        latest = _float_or_none(row.latest_value)
        change = _float_or_none(row.change)
        records.append(
            {
                "Measure": indicator.title,
                f"{year} figure": "No figure held"
                if base is None
                else f"{format_value(base, indicator)}, {row.benchmark_period}",
                "Latest figure": "No figure held"
                if latest is None
                else f"{format_value(latest, indicator)}, {row.latest_period}",
                "Change": format_change(change, indicator),
                f"Compared with {year}": "No comparison"
                if base is None or latest is None
                else (
                    CHANGE_WORDS[Judgement(str(row.judgement))]
                    if row.comparison != "same"
                    else "Unchanged"
                ),
            }
        )
    return pd.DataFrame(records)
