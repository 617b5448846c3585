"""How current each figure is: its age, when a newer release is due, and whether it is overdue.

The registry declares each source's usual release timetable (`release_cadences`). From it and
the newest period held, this module works out how old that period is on a given day, when the
release carrying the next period is expected, and which newer periods a source should already
have published, so that pages never present old figures as "the latest". Every date is passed
in (`today`), so the answers can be tested for any day; the app passes the real date.

The words for these facts are declared here, once, and pages only arrange them.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from data_sources import periods
from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import Catalogue
from metadata.registry import Frequency, Indicator, ReleaseCadence, Source

# The words, declared once.
HELD_WORDS: Final = "Latest figures held: {period}, {age}."
NEXT_WORDS: Final = "Next release expected: {month}."
OVERDUE_WORDS: Final = (
    "A newer release was due by {month} and is not included here, so this is not the latest "
    "published figure."
)
PAUSED_WORDS: Final = "No newer release is expected: {reason}"
NOTHING_HELD_WORDS: Final = "No figures are held in the data in use."
STALE_TITLE: Final = "These are not the latest published figures."
STALE_OPENING: Final = (
    "The dashboard is showing the {kind}, whose newest source release is from {released}. By "
    "their sources' usual release timetables, newer figures should have been published since "
    "for {behind} of the {total} headline measures."
)
STALE_REFRESH: Final = (
    "A refresh from the live sources (NOMIS and statistics.gov.scot) would bring:"
)
STALE_FILES: Final = (
    "These would still be behind, because their newer figures come only as publishers' files "
    "that must be added to the data build:"
)
EXPECTED_NOTE: Final = (
    "Expected dates come from each source's usual release timetable, not from an announcement "
    "by the publisher."
)
EVERY_WORDS: Final = {
    "monthly": "every month",
    "quarterly": "every quarter",
    "annual": "every year",
}
SNAPSHOT_KIND_WORDS: Final = {"embedded": "embedded snapshot", "refreshed": "refreshed snapshot"}


@dataclass(frozen=True, slots=True)
class SourceOutlook:
    """One source's timetable applied to the newest period held."""

    source_id: str
    cadence: ReleaseCadence
    live: bool
    next_release: date | None  # None when the publisher has paused updates
    newest_expected_end: date | None  # the newest period end it should have published by today


@dataclass(frozen=True, slots=True)
class Freshness:
    """How current one indicator's newest figure is on `today`."""

    indicator: Indicator
    today: date
    held_label: str | None  # None when the data in use hold no figure at all
    held_end: date | None
    outlooks: tuple[SourceOutlook, ...]

    @property
    def age_months(self) -> int | None:
        return None if self.held_end is None else whole_months(self.held_end, self.today)

    @property
    def next_release(self) -> date | None:
        """The earliest expected release of a newer period from any of the sources."""
        dates = [o.next_release for o in self.outlooks if o.next_release is not None]
        return min(dates, default=None)

    @property
    def is_overdue(self) -> bool:
        """A newer period should already be out by its sources' timetables."""
        return self.next_release is not None and self.next_release <= self.today

    @property
    def paused_reason(self) -> str | None:
        """Why no release is expected, when every source has paused updates."""
        reasons = [o.cadence.paused for o in self.outlooks]
        if not reasons or any(r is None for r in reasons):
            return None
        return reasons[0]

    @property
    def refresh_brings_to(self) -> date | None:
        """The newest period end the live refresh should bring, if newer than what is held."""
        ends = [o.newest_expected_end for o in self.outlooks if o.live and o.newest_expected_end]
        newest = max(ends, default=None)
        if newest is None or (self.held_end is not None and newest <= self.held_end):
            return None
        return newest

    @property
    def refresh_brings_label(self) -> str | None:
        brings = self.refresh_brings_to
        return None if brings is None else period_label(self.indicator.frequency, brings)

    def held_sentence(self) -> str:
        """'Latest figures held: March 2021, 5 years 8 months old.'"""
        if self.held_end is None or self.held_label is None:
            return NOTHING_HELD_WORDS
        return HELD_WORDS.format(period=self.held_label, age=age_words(self.age_months or 0))

    def release_sentence(self) -> str:
        """When a newer release is due, or that it is overdue, or that updates are paused."""
        if self.paused_reason is not None:
            return PAUSED_WORDS.format(reason=self.paused_reason)
        if self.next_release is None:
            return ""
        month = month_words(self.next_release)
        return (OVERDUE_WORDS if self.is_overdue else NEXT_WORDS).format(month=month)

    def sentence(self) -> str:
        """Both facts in one line, for a headline or a chart's source note."""
        return " ".join(s for s in (self.held_sentence(), self.release_sentence()) if s)


def cadence_words(cadence: ReleaseCadence) -> str:
    """A source's timetable in words, for the About page: 'New figures every year, usually
    about 106 days after the period ends. <where that comes from>'."""
    timing = (
        f"Updates paused: {cadence.paused}"
        if cadence.paused
        else f"New figures {EVERY_WORDS[cadence.every.value]}, usually about "
        f"{cadence.lag_days} days after the period ends."
    )
    return f"{timing} {cadence.note}"


# --- calendar arithmetic ------------------------------------------------------------------
def whole_months(period_end: date, today: date) -> int:
    """Complete months from the day after the period ended to `today` (never negative)."""
    start = period_end + timedelta(days=1)
    months = (today.year - start.year) * 12 + (today.month - start.month)
    if today.day < start.day:
        months -= 1
    return max(months, 0)


def add_months_to_end(period_end: date, months: int) -> date:
    """The end of the period `months` later: month ends stay month ends (31 Mar -> 30 Jun)."""
    index = period_end.year * 12 + period_end.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def age_words(months: int) -> str:
    """'5 years 8 months old', '1 month old', 'less than a month old'."""
    if months <= 0:
        return "less than a month old"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts) + " old"


def month_words(day: date) -> str:
    """Expected dates are shown to the month: 'January 2027'."""
    return f"{calendar.month_name[day.month]} {day.year}"


def period_label(frequency: Frequency, end: date) -> str:
    """The usual label of the period of this frequency that ends on `end`."""
    if frequency in {Frequency.MONTHLY, Frequency.MARCH_SNAPSHOT}:
        return periods.month(end.year, end.month).label
    if frequency is Frequency.FINANCIAL_YEAR:
        return periods.financial_year(end.year - 1).label
    if frequency is Frequency.PARTICIPATION_YEAR:
        return periods.participation_year(end.year).label
    return periods.calendar_year(end.year).label


def _first_period_end(frequency: Frequency) -> int:
    """The month in which this frequency's periods end, for series with nothing held yet."""
    return 12 if frequency is Frequency.ANNUAL else 3


def published_date(published: str) -> date | None:
    """A release date as precise as the publisher states it ('2023', '2021-08', '2025-12-17',
    or a timestamp), taken at its earliest, so an imprecise date never postpones an expected
    release; None if it is not a date at all (then it is simply not used)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published.strip()[:10])
    if match is None:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- one source, one indicator --------------------------------------------------------------
def source_outlook(
    source_id: str,
    cadence: ReleaseCadence,
    *,
    live: bool,
    frequency: Frequency,
    held_end: date | None,
    last_published: date | None,
    today: date,
) -> SourceOutlook:
    """Apply a source's timetable to the newest period held.

    The next period ends one cadence step after the one held and is expected `lag_days` later,
    but never sooner than one step after this source's own last release in the data in use.
    """
    if cadence.paused is not None:
        return SourceOutlook(source_id, cadence, live, None, None)
    step = cadence.every.months
    latest_out = today - timedelta(days=cadence.lag_days)
    if held_end is None:
        newest = _newest_end_by(latest_out, anchor_month=_first_period_end(frequency), step=step)
        return SourceOutlook(source_id, cadence, live, None, newest)
    next_end = add_months_to_end(held_end, step)
    next_release = next_end + timedelta(days=cadence.lag_days)
    if last_published is not None:
        next_release = max(next_release, _add_months(last_published, step))
    newest = held_end
    if next_release <= today:
        newest = next_end
        while add_months_to_end(newest, step) <= latest_out:
            newest = add_months_to_end(newest, step)
    return SourceOutlook(source_id, cadence, live, next_release, newest)


def _newest_end_by(latest_out: date, *, anchor_month: int, step: int) -> date:
    """The newest period end on or before `latest_out`, for periods ending in `anchor_month`
    (every `step` months)."""
    end = add_months_to_end(date(latest_out.year, latest_out.month, 1), 0)
    while end > latest_out or (end.month - anchor_month) % step:
        end = add_months_to_end(end, -1)
    return end


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def assess(
    indicator: Indicator,
    *,
    held_label: str | None,
    held_end: date | None,
    cadences: Mapping[str, ReleaseCadence],
    sources: Mapping[str, Source],
    last_published: Mapping[str, date],
    today: date,
) -> Freshness:
    """An indicator's freshness from plain facts (its newest period, its sources' timetables)."""
    outlooks = tuple(
        source_outlook(
            source_id,
            cadences[source_id],
            live=sources[source_id].live is not None,
            frequency=indicator.frequency,
            held_end=held_end,
            last_published=last_published.get(source_id),
            today=today,
        )
        for source_id in indicator.sources
    )
    return Freshness(indicator, today, held_label, held_end, outlooks)


# --- from the catalogue ---------------------------------------------------------------------
def last_published(catalogue: Catalogue) -> dict[str, date]:
    """Each source's newest known release date in the data in use. A release whose date is
    its retrieval date (the live refresh's stand-in when a service gives none) is left out: it
    is not when the figures came out, so it must not postpone the next expected release."""
    newest: dict[str, date] = {}
    for release in catalogue.manifest.releases:
        published = published_date(release.published)
        if published is None or release.published == release.retrieved:
            continue
        if release.source_id not in newest or published > newest[release.source_id]:
            newest[release.source_id] = published
    return newest


def indicator_freshness(
    catalogue: Catalogue, indicator_id: str, today: date, *, area_code: str | None = None
) -> Freshness:
    """How current an indicator is: for one area (a headline), or its newest usable period in
    any area (a chart's source note)."""
    indicator = catalogue.indicator(indicator_id)
    if area_code is not None:
        row = catalogue.latest(indicator_id, area_code)
        label = None if row is None else str(row["period_label"])
        end = None if row is None else date.fromisoformat(str(row["period_end"]))
    else:
        held = [
            p
            for p in (
                catalogue.latest_period(indicator_id, geography=g) for g in indicator.geographies
            )
            if p is not None
        ]
        newest = max(held, key=lambda p: p.end, default=None)
        label = None if newest is None else newest.label
        end = None if newest is None else date.fromisoformat(newest.end)
    registry = catalogue.registry
    return assess(
        indicator,
        held_label=label,
        held_end=end,
        cadences=registry.release_cadences,
        sources=registry.sources,
        last_published=last_published(catalogue),
        today=today,
    )


@dataclass(frozen=True, slots=True)
class SnapshotFreshness:
    """Whether the data in use are behind their sources, and what a live refresh would bring."""

    headlines: tuple[Freshness, ...]  # every headline indicator, held or not

    @property
    def behind(self) -> tuple[Freshness, ...]:
        """Headlines with a newer period that should be out, or none held though one is out."""
        return tuple(
            f
            for f in self.headlines
            if f.is_overdue or (f.held_end is None and f.refresh_brings_to is not None)
        )

    @property
    def is_stale(self) -> bool:
        return bool(self.behind)

    @property
    def refresh_would_bring(self) -> tuple[Freshness, ...]:
        return tuple(f for f in self.behind if f.refresh_brings_to is not None)

    @property
    def needs_new_files(self) -> tuple[Freshness, ...]:
        """Behind, but only newer publisher files (the offline build) can bring them up."""
        return tuple(f for f in self.behind if f.refresh_brings_to is None)


def snapshot_freshness(catalogue: Catalogue, today: date) -> SnapshotFreshness:
    """The headline indicators (Scotland) against their sources' timetables on `today`."""
    headlines = catalogue.indicators(headline_only=True, include_empty=True)
    return SnapshotFreshness(
        tuple(
            indicator_freshness(catalogue, i.id, today, area_code=SCOTLAND_CODE) for i in headlines
        )
    )


def refresh_item(freshness: Freshness) -> str:
    """'Employment rate (16 to 64): figures up to 2025 (2023 held)'."""
    held = f"{freshness.held_label} held" if freshness.held_label else "none held"
    return f"{freshness.indicator.title}: figures up to {freshness.refresh_brings_label} ({held})"


def rebuild_item(freshness: Freshness) -> str:
    """'Youth claimant rate (16 to 24): March 2021 held, newer expected since January 2023'."""
    since = month_words(freshness.next_release) if freshness.next_release else "unknown"
    return f"{freshness.indicator.title}: {freshness.held_label} held, newer expected since {since}"


def stale_notice(catalogue: Catalogue, today: date) -> str | None:
    """The Overview's plain notice (Markdown) when the data in use are behind their sources'
    timetables: how far, and what a refresh would bring; None when they are up to date."""
    state = snapshot_freshness(catalogue, today)
    if not state.is_stale:
        return None
    version = catalogue.manifest.snapshot_version
    released = published_date(version)
    lines = [
        f"**{STALE_TITLE}** "
        + STALE_OPENING.format(
            kind=SNAPSHOT_KIND_WORDS.get(catalogue.origin, "snapshot"),
            released=version if released is None else f"{released.day} {month_words(released)}",
            behind=len(state.behind),
            total=len(state.headlines),
        )
    ]
    if state.refresh_would_bring:
        lines += ["", STALE_REFRESH, *(f"- {refresh_item(f)}" for f in state.refresh_would_bring)]
    if state.needs_new_files:
        lines += ["", STALE_FILES, *(f"- {rebuild_item(f)}" for f in state.needs_new_files)]
    lines += ["", EXPECTED_NOTE]
    return "\n".join(lines)
