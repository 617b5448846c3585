"""Plain-English words for the codes behind the figures: judgements, changes, target tracks,
directions, frequencies, and what each status means.

One vocabulary per layer: a status's label lives beside `Status` (data_sources.schema, because
the export needs it), a unit's words on `Unit` (metadata.registry), and every other word for a
code here. Pages, charts, tables and briefings read their words from these lists, so a code
reads the same everywhere; tests/test_vocabulary.py fails if another module writes its own
table of words, or if a code has none. Plain Python with no Streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from data_sources.schema import STATUS_LABELS, Status, status_label
from indicators.catalogue import USABLE
from indicators.progress import TrackStatus
from indicators.significance import Judgement
from metadata.registry import Comparison, Frequency, Geography, Polarity, Registry


@dataclass(frozen=True, slots=True)
class StatusExplanation:
    """What a status is called, whether its figure is shown, and what it means."""

    label: str
    shown: bool
    meaning: str


STATUS_EXPLANATIONS: Final[dict[Status, StatusExplanation]] = {
    Status.OK: StatusExplanation(
        STATUS_LABELS[Status.OK],
        True,
        "A published estimate that can be used as it stands.",
    ),
    Status.PROVISIONAL: StatusExplanation(
        STATUS_LABELS[Status.PROVISIONAL],
        True,
        "A published estimate that the publisher may revise in a later release. It is shown and "
        "used, and marked as provisional in tables and downloads.",
    ),
    Status.SUPPRESSED: StatusExplanation(
        STATUS_LABELS[Status.SUPPRESSED],
        False,
        "The publisher withheld the figure, usually because the survey sample was too small to "
        "publish or to protect confidentiality. It is left as a gap, never shown as zero; the "
        "publisher's own reason is given beside it where one was published.",
    ),
    Status.UNRELIABLE: StatusExplanation(
        STATUS_LABELS[Status.UNRELIABLE],
        True,
        "The publisher marked the estimate as too uncertain to rely on (for example, too few "
        "people in the survey sample). Where the publisher still printed a value with a caution "
        '("treat with caution"), it is shown greyed and hatched with the publisher\'s words, and '
        "left out of ranks, comparisons and headline figures; where it printed none, it is a gap.",
    ),
    Status.NOT_AVAILABLE: StatusExplanation(
        STATUS_LABELS[Status.NOT_AVAILABLE],
        False,
        "No figure was published for this area and period (for example, a council did not "
        "return data that year). It is left as a gap.",
    ),
}

POLARITY_WORDS: Final[dict[Polarity, str]] = {
    Polarity.HIGHER_IS_BETTER: "Higher is better",
    Polarity.LOWER_IS_BETTER: "Lower is better",
}

FREQUENCY_WORDS: Final[dict[Frequency, str]] = {
    Frequency.ANNUAL: "Yearly (calendar year, January to December)",
    Frequency.MONTHLY: "Monthly",
    Frequency.MARCH_SNAPSHOT: "Yearly, a count taken in March",
    Frequency.FINANCIAL_YEAR: "Yearly (financial year, April to March)",
    Frequency.PARTICIPATION_YEAR: "Yearly (participation year, April to March)",
}

JUDGEMENT_WORDS: Final[dict[Judgement, str]] = {
    Judgement.BETTER: "Better",
    Judgement.WORSE: "Worse",
    Judgement.NOT_DIFFERENT: "Not significantly different",
    Judgement.UNKNOWN: "No comparison",
}
"""An area against a reference (Scotland, the peer median, another area), in a table cell."""

JUDGEMENT_AGAINST: Final[dict[Judgement, str]] = {
    Judgement.BETTER: "better than",
    Judgement.WORSE: "worse than",
    Judgement.NOT_DIFFERENT: "not significantly different from",
    Judgement.UNKNOWN: "not comparable with",
}
"""The same judgements inside a sentence, before what is compared with ("... Scotland")."""

CHANGE_WORDS: Final[dict[Judgement, str]] = {
    Judgement.BETTER: "Improved",
    Judgement.WORSE: "Worsened",
    Judgement.NOT_DIFFERENT: "Not significantly different",
    Judgement.UNKNOWN: "No comparison",
}
"""A figure against an earlier figure of the same area (previous period, benchmark year)."""

CHANGE_NOUNS: Final[dict[Judgement, str]] = {
    Judgement.BETTER: "an improvement",
    Judgement.WORSE: "a deterioration",
    Judgement.NOT_DIFFERENT: "no significant change",
    Judgement.UNKNOWN: "no comparison",
}
"""The same verdicts inside a sentence ("down 0.2 percentage points on 2024: an improvement")."""

UNCHANGED: Final = "Unchanged"
"""A change of exactly zero between figures published without intervals."""

NO_EARLIER_FIGURE: Final = "No earlier figure"
"""An area's figure with no earlier usable figure to compare it with."""

NOT_RANKED: Final = "Not ranked"
NOT_RANKED_COUNT: Final = "Not ranked (a count)"
"""No rank: no usable figure, or a count (which depends on the size of each area)."""

COUNT_NOT_COMPARED: Final = "Not compared (a count)"
"""Counts depend on the size of each area, so they are never judged against other areas."""

TRACK_STATUS_WORDS: Final[dict[TrackStatus, str]] = {
    TrackStatus.ON_TRACK: "On track",
    TrackStatus.OFF_TRACK: "Off track",
    TrackStatus.TOO_CLOSE: "Too close to call",
    TrackStatus.MET: "Met",
    TrackStatus.NOT_MET: "Not met",
    TrackStatus.UNKNOWN: "Cannot be judged",
}
"""A target's progress against its straight-line path, or a milestone year against its goal."""


def judged_against(judgement: str, what: str) -> str:
    """'Better than Glasgow City', 'Not significantly different' (a judgement's cell when the
    column does not already say what it is compared with)."""
    if judgement in (Judgement.BETTER, Judgement.WORSE):
        return f"{JUDGEMENT_AGAINST[Judgement(judgement)].capitalize()} {what}"
    return JUDGEMENT_WORDS[Judgement(judgement)]


TARGET_COMPARISON_WORDS: Final[dict[Comparison, str]] = {
    Comparison.AT_MOST: "at most",
    Comparison.AT_LEAST: "at least",
}
"""Which side of a target or milestone value counts as reaching it."""

GEOGRAPHY_WORDS: Final[dict[Geography, str]] = {
    Geography.SCOTLAND: "Scotland",
    Geography.COUNCIL_AREA: "the 32 council areas",
}

# The rules in indicators.significance, in the words shown to users.
SIGNIFICANCE_RULES: Final[tuple[str, ...]] = (
    "An area is better or worse than a comparator value (such as Scotland's figure) only if the "
    "area's 95% confidence interval excludes that value. Otherwise the two are described as "
    "not significantly different. Scotland's own interval is narrow, so this follows the "
    "approach used by ScotPHO.",
    "A change between two periods, or a difference between two areas, is called significant "
    "only if the two 95% intervals do not overlap. This is cautious: it can miss some real "
    "differences, but it never claims a difference the data do not support.",
    "Figures published without an interval (administrative counts, or survey figures published "
    "without one) are compared as exact numbers, and the wording says the figure is not a "
    "survey estimate with a stated margin of error.",
)

RANKING_NOTES: Final[tuple[str, ...]] = (
    "Rank 1 is always the best-performing area, whichever direction is better for the indicator.",
    "Areas without a usable figure get no rank, never a zero. Tied values share the best rank of "
    "the tie, written with an equals sign (for example 2=).",
    "Where 95% intervals are published, each area also gets a plausible rank range: the best "
    "and worst ranks consistent with the intervals. Survey estimates for small areas are "
    "uncertain, so a rank on its own can mislead; the range shows how far it could move.",
)

TARGET_PATH_NOTE: Final = (
    "The straight-line path from a target's baseline to its target year is our own illustration "
    "of steady progress, not an official trajectory. A year is on track only if the whole 95% "
    "interval is on the target side of the path, off track if it is wholly on the other side, "
    "and too close to call otherwise. Where no interval is published, the point estimate is "
    "compared with the path, and the page says so."
)


NO_FIGURE_HELD: Final = "No figure held"
"""Said where the snapshot holds no row at all for an area and period (not a status)."""


def status_words(status: str, detail: str | None = None) -> str:
    """'Published', 'Suppressed', or 'Suppressed: <the publisher's words>' when a figure is
    withheld and the publisher gave a reason; 'missing' (no row held) reads NO_FIGURE_HELD."""
    words = NO_FIGURE_HELD if status == "missing" else status_label(status)
    return f"{words}: {detail}" if detail and not is_usable(status) else words


def is_usable(status: str) -> bool:
    return status in USABLE


def plain_words(text: str, registry: Registry) -> str:
    """Replace indicator and source ids in a note with their titles (longest ids first)."""
    names = {i.id: i.title for i in registry.indicators.values()}
    names.update({key: f"“{source.title}”" for key, source in registry.sources.items()})
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)) + r")\b"
    )
    return pattern.sub(lambda match: names[match.group(1)], text)
