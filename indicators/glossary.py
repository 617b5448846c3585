"""Plain-English words for the codes behind the figures: statuses, directions, frequencies, methods.

The About page, and any page that needs to explain a code, reads its words from here, so each
explanation is written once. Plain Python with no Streamlit, so tests can check that every
status, polarity and frequency has words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from data_sources.schema import USABLE_STATUSES, Status
from metadata.registry import Frequency, Geography, Polarity, Registry, Unit


@dataclass(frozen=True, slots=True)
class StatusExplanation:
    """What a status is called, whether its figure is shown, and what it means."""

    label: str
    shown: bool
    meaning: str


STATUS_EXPLANATIONS: Final[dict[Status, StatusExplanation]] = {
    Status.OK: StatusExplanation(
        "OK",
        True,
        "A published estimate that can be used as it stands.",
    ),
    Status.PROVISIONAL: StatusExplanation(
        "Provisional",
        True,
        "A published estimate that the publisher may revise in a later release. It is shown and "
        "used, and marked as provisional in tables and downloads.",
    ),
    Status.SUPPRESSED: StatusExplanation(
        "Suppressed",
        False,
        "The publisher withheld the figure, usually because the survey sample was too small to "
        "publish or to protect confidentiality. It is left as a gap, never shown as zero; the "
        "publisher's own reason is given beside it where one was published.",
    ),
    Status.UNRELIABLE: StatusExplanation(
        "Unreliable",
        True,
        "The publisher marked the estimate as too uncertain to rely on (for example, too few "
        "people in the survey sample). Where the publisher still printed a value with a caution "
        '("treat with caution"), it is shown greyed and hatched with the publisher\'s words, and '
        "left out of ranks, comparisons and headline figures; where it printed none, it is a gap.",
    ),
    Status.NOT_AVAILABLE: StatusExplanation(
        "Not available",
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

UNIT_WORDS: Final[dict[Unit, str]] = {
    Unit.PERCENT: "Per cent (%)",
    Unit.PERCENTAGE_POINTS: "Percentage points (the difference between two percentages)",
    Unit.COUNT: "Number of people",
}

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


def status_words(status: str) -> str:
    """'suppressed' -> 'Suppressed'; an unknown status is spelled out rather than dropped."""
    try:
        return STATUS_EXPLANATIONS[Status(status)].label
    except ValueError:
        return status.replace("_", " ").capitalize()


def is_usable(status: str) -> bool:
    return status in {s.value for s in USABLE_STATUSES}


def plain_words(text: str, registry: Registry) -> str:
    """Replace indicator and source ids in a note with their titles (longest ids first)."""
    names = {i.id: i.title for i in registry.indicators.values()}
    names.update({key: f"“{source.title}”" for key, source in registry.sources.items()})
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)) + r")\b"
    )
    return pattern.sub(lambda match: names[match.group(1)], text)
