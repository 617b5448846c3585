"""Load and strictly validate the registry of sources, indicators and targets (registry.yaml).

Everything a user reads about an indicator comes from here, so the models forbid unknown keys,
require a definition and caveats, and check that every cross-reference resolves.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from geo.council_areas import AREA_CODE_PATTERN

REGISTRY_PATH = Path(__file__).parent / "registry.yaml"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
AreaCode = Annotated[str, StringConstraints(pattern=AREA_CODE_PATTERN)]
IsoDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
]  # as precise as the publisher states


class Unit(StrEnum):
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    COUNT = "count"

    @property
    def label(self) -> str:
        """'%', 'percentage points', 'people': the unit after a number, in an axis title and in
        the downloads' Unit column."""
        return UNIT_LABELS[self]

    @property
    def description(self) -> str:
        """The unit explained, for the About page."""
        return UNIT_DESCRIPTIONS[self]


UNIT_LABELS: dict[Unit, str] = {
    Unit.PERCENT: "%",
    Unit.PERCENTAGE_POINTS: "percentage points",
    Unit.COUNT: "people",
}
"""The unit's words everywhere a figure is labelled (axis titles, downloads, sentences)."""

UNIT_DESCRIPTIONS: dict[Unit, str] = {
    Unit.PERCENT: "Per cent (%)",
    Unit.PERCENTAGE_POINTS: "Percentage points (the difference between two percentages)",
    Unit.COUNT: "Number of people",
}
"""What each unit means, for the About page's definitions."""


class Polarity(StrEnum):
    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"


class Frequency(StrEnum):
    ANNUAL = "annual"
    MONTHLY = "monthly"
    MARCH_SNAPSHOT = "march_snapshot"
    FINANCIAL_YEAR = "financial_year"
    PARTICIPATION_YEAR = "participation_year"


class PeriodBasis(StrEnum):
    """Which stretch of time one figure covers; shown in the same words everywhere."""

    MONTH = "month"
    MARCH_SNAPSHOT = "march_snapshot"
    CALENDAR_YEAR_AVERAGE = "calendar_year_average"
    SURVEY_YEAR = "survey_year"
    PARTICIPATION_YEAR = "participation_year"
    FINANCIAL_YEAR = "financial_year"
    CUMULATIVE = "cumulative"


# The words for each period basis, declared once: charts, tables, the About page and the
# downloads all print these (the export in data_sources reads them, so they live here).
PERIOD_BASIS_WORDS: dict[PeriodBasis, str] = {
    PeriodBasis.MONTH: "One month",
    PeriodBasis.MARCH_SNAPSHOT: "March snapshot (the count in March each year)",
    PeriodBasis.CALENDAR_YEAR_AVERAGE: (
        "Calendar-year average (the mean of the 12 monthly figures, January to December)"
    ),
    PeriodBasis.SURVEY_YEAR: "Jan-Dec survey year (Annual Population Survey, January to December)",
    PeriodBasis.PARTICIPATION_YEAR: (
        "April-March participation year (1 April to 31 March, named by the year it ends)"
    ),
    PeriodBasis.FINANCIAL_YEAR: "Financial year (1 April to 31 March)",
    PeriodBasis.CUMULATIVE: "Cumulative total from the start date to the end date stated",
}

# Without an explicit `period_basis`, an indicator's frequency implies it.
_BASIS_FOR_FREQUENCY: dict[Frequency, PeriodBasis] = {
    Frequency.ANNUAL: PeriodBasis.SURVEY_YEAR,
    Frequency.MONTHLY: PeriodBasis.MONTH,
    Frequency.MARCH_SNAPSHOT: PeriodBasis.MARCH_SNAPSHOT,
    Frequency.FINANCIAL_YEAR: PeriodBasis.FINANCIAL_YEAR,
    Frequency.PARTICIPATION_YEAR: PeriodBasis.PARTICIPATION_YEAR,
}


class Geography(StrEnum):
    SCOTLAND = "scotland"
    COUNCIL_AREA = "council_area"


class Comparison(StrEnum):
    AT_MOST = "at_most"
    AT_LEAST = "at_least"


class ReleaseEvery(StrEnum):
    """How often a publisher brings out a new period of a series, as the dashboard holds it."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "annual": 12}[self.value]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceFile(_Strict):
    path: NonEmpty
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None


class Contradiction(_Strict):
    """A cell whose printed value does not equal its own numerator over denominator.

    The build stops on any such cell unless it is declared here; a declared cell keeps the
    printed value as `unreliable`, with both figures and the reason in its status words."""

    indicator: Slug
    area: AreaCode
    period: NonEmpty  # the period label, e.g. "2021-22"
    reason: NonEmpty


class LiveAccess(_Strict):
    """Where the live refresh (data_sources.live.refresh) fetches a source: dataset, base URL."""

    dataset: NonEmpty
    base_url_setting: Literal["NOMIS_API_URL", "STATISTICS_GOV_SCOT_URL", "ONS_GEOGRAPHY_URL"]


class Source(_Strict):
    """A publisher's release that the snapshot is built from (files), or fetched live, or both.

    A live-only source has no files: the offline build ignores it, and its release and
    retrieval dates are recorded at refresh time rather than here.
    """

    publisher: NonEmpty
    title: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://")]
    licence: NonEmpty
    published: IsoDate | None = None
    retrieved: IsoDate | None = None
    origin: NonEmpty
    notes: tuple[NonEmpty, ...] = ()
    files: tuple[SourceFile, ...] = ()
    live: LiveAccess | None = None
    contradictions: tuple[Contradiction, ...] = ()

    @model_validator(mode="after")
    def _files_or_live(self) -> Source:
        if not self.files and self.live is None:
            raise ValueError("a source needs files (for the offline build) or a live block")
        if self.files and (self.published is None or self.retrieved is None):
            raise ValueError("a source with files must state when it was published and retrieved")
        return self

    @property
    def is_live_only(self) -> bool:
        """Fetched only by the live refresh; the offline build skips it."""
        return self.live is not None and not self.files


class ReleaseCadence(_Strict):
    """A source's usual release timetable, so pages can say how old a figure is and when a
    newer one is due. `lag_days` runs from the end of a period to the release that first
    carries it; `note` says where the timetable comes from, and which parts are assumed."""

    every: ReleaseEvery
    lag_days: Annotated[int, Field(ge=0, le=1000)]
    paused: NonEmpty | None = None  # the publisher's own reason, when updates are suspended
    note: NonEmpty


class Indicator(_Strict):
    """One statistic as users see it: its words, unit, direction and origin."""

    id: Slug
    title: NonEmpty
    question: NonEmpty
    unit: Unit
    decimals: Annotated[int, Field(ge=0, le=3)]
    polarity: Polarity
    geographies: tuple[Geography, ...] = Field(min_length=1)
    frequency: Frequency
    period_basis: PeriodBasis | None = None
    interval: Literal["none", "ci95"]
    headline: bool
    sources: tuple[Slug, ...] = Field(min_length=1)
    vintage: NonEmpty | None = None  # which publication edition the series comes from
    definition: NonEmpty
    caveats: NonEmpty

    @property
    def has_interval(self) -> bool:
        return self.interval == "ci95"

    @property
    def basis(self) -> PeriodBasis:
        """The period each figure covers: as declared, or as the frequency implies."""
        return self.period_basis or _BASIS_FOR_FREQUENCY[self.frequency]

    @property
    def period_words(self) -> str:
        """The declared words for the period each figure covers."""
        return PERIOD_BASIS_WORDS[self.basis]

    @property
    def has_council_areas(self) -> bool:
        return Geography.COUNCIL_AREA in self.geographies


class TargetPoint(_Strict):
    period: int
    value: float


class Goal(_Strict):
    period: int
    value: float
    comparison: Comparison


class Milestone(_Strict):
    indicator: Slug
    period: int
    value: float
    comparison: Comparison


class Context(_Strict):
    """A published finding that changes how a series should be read."""

    text: NonEmpty
    source: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://")]


class Benchmark(_Strict):
    """A comparison year implied by policy for indicators that have no numeric target."""

    id: Slug
    title: NonEmpty
    policy: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://")]
    year: int
    indicators: tuple[Slug, ...] = Field(min_length=1)
    note: NonEmpty


class Event(_Strict):
    """Something that changes how a series reads: a period (COVID-19) or a series break."""

    id: Slug
    title: NonEmpty
    kind: Literal["period", "break"]
    start: IsoDate
    end: IsoDate | None = None
    detail: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://")]
    indicators: tuple[Slug, ...] = Field(min_length=1)


class PublishedFigureDifference(_Strict):
    """A curated published figure that the snapshot deliberately holds differently, and why."""

    file: NonEmpty  # the curated file, relative to the shared data directory
    indicator: Slug
    area: AreaCode
    period: NonEmpty  # as the curated file writes it
    published: float
    held: float | None  # what the snapshot holds (None: no figure)
    reason: NonEmpty


class CuratedFileNotShown(_Strict):
    """A curated file whose figures the snapshot does not hold yet, and why."""

    file: NonEmpty
    reason: NonEmpty


class DeliveryUnit(StrEnum):
    """The units No One Left Behind's delivery statistics are printed in."""

    PEOPLE = "people"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage points"


class DeliveryMeasure(_Strict):
    """One measure of No One Left Behind's own delivery statistics, in the user's words."""

    title: NonEmpty
    unit: DeliveryUnit
    definition: NonEmpty


class DeliveryStatus(StrEnum):
    """Whether a delivery figure is held: as published, or missing from the stored text."""

    IN_DEVELOPMENT = "official_statistics_in_development"
    NOT_HELD = "not_in_the_stored_text"


class DeliveryStatistics(_Strict):
    """No One Left Behind's delivery statistics: transcribed figures, each with its edition.

    They do not fit the observations table (cumulative periods, several editions of one
    period), so they are a table of their own in the snapshot, built from these files."""

    title: NonEmpty
    publisher: NonEmpty
    collection: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://")]
    licence: NonEmpty
    retrieved: IsoDate
    origin: NonEmpty
    scotland_file: SourceFile
    council_file: SourceFile
    status_words: dict[DeliveryStatus, NonEmpty]
    caveats: tuple[NonEmpty, ...] = Field(min_length=1)
    notes: tuple[NonEmpty, ...] = ()
    measures: dict[Slug, DeliveryMeasure]

    @model_validator(mode="after")
    def _every_status_has_words(self) -> DeliveryStatistics:
        missing = set(DeliveryStatus) - set(self.status_words)
        if missing:
            raise ValueError(f"delivery status words missing for {sorted(missing)}")
        return self


class Target(_Strict):
    """A policy target: baseline, goal and milestones, each tied to an indicator."""

    id: Slug
    indicator: Slug
    area: AreaCode
    title: NonEmpty
    policy: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://")]
    baseline: TargetPoint
    target: Goal
    milestones: tuple[Milestone, ...] = ()
    note: NonEmpty | None = None
    context: Context | None = None

    @model_validator(mode="after")
    def _target_after_baseline(self) -> Target:
        if self.target.period <= self.baseline.period:
            raise ValueError(f"target {self.id}: target year must come after the baseline year")
        return self


class Feedback(_Strict):
    """The words around the feedback address; the address itself is the deployment's setting."""

    words: str
    unset: str  # said instead of an address when the deployment has set none
    reply: str


class NonAccessible(_Strict):
    problem: str
    criteria: str  # the WCAG 2.2 success criteria it fails
    workaround: str


COMPLIANCE_WORDS = {
    "fully": "fully compliant with",
    "partially": "partially compliant with",
    "not": "not compliant with",
}


class AccessibilityStatement(_Strict):
    """What the UK accessibility regulations ask a public sector statement to say."""

    applies_to: str
    compliance: Literal["fully", "partially", "not"]
    non_accessible: tuple[NonAccessible, ...]
    disproportionate_burden: str
    out_of_scope: str
    improvements: str
    enforcement: str
    enforcement_url: str
    prepared: str
    reviewed: str
    tested: str

    @model_validator(mode="after")
    def _problems_listed_unless_fully_compliant(self) -> AccessibilityStatement:
        if (self.compliance == "fully") != (not self.non_accessible):
            raise ValueError("list the non-accessible content exactly when not fully compliant")
        return self


class Service(_Strict):
    """The dashboard itself: its title, how to cite it, feedback and accessibility."""

    title: str
    citation: str  # with {title} and {snapshot}
    feedback: Feedback
    accessibility: AccessibilityStatement


class Registry(_Strict):
    """The whole declaration; cross-references are checked on construction."""

    sources: dict[Slug, Source]
    release_cadences: dict[Slug, ReleaseCadence] = Field(default_factory=dict)
    indicators: dict[Slug, Indicator]
    targets: dict[Slug, Target]
    benchmarks: dict[Slug, Benchmark] = Field(default_factory=dict)
    events: dict[Slug, Event] = Field(default_factory=dict)
    service: Service
    published_figure_differences: tuple[PublishedFigureDifference, ...] = ()
    curated_files_not_shown: tuple[CuratedFileNotShown, ...] = ()
    delivery: DeliveryStatistics | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Registry:
        problems: list[str] = [
            f"source {source!r} has no release cadence: declare one under release_cadences"
            for source in self.sources
            if source not in self.release_cadences
        ]
        problems += [
            f"release_cadences names unknown source {source!r}"
            for source in self.release_cadences
            if source not in self.sources
        ]
        for indicator in self.indicators.values():
            problems += [
                f"indicator {indicator.id!r} names unknown source {source!r}"
                for source in indicator.sources
                if source not in self.sources
            ]
        for target in self.targets.values():
            referenced = [target.indicator, *(m.indicator for m in target.milestones)]
            problems += [
                f"target {target.id!r} names unknown indicator {name!r}"
                for name in referenced
                if name not in self.indicators
            ]
        for event in self.events.values():
            problems += [
                f"event {event.id!r} names unknown indicator {name!r}"
                for name in event.indicators
                if name not in self.indicators
            ]
        for benchmark in self.benchmarks.values():
            problems += [
                f"benchmark {benchmark.id!r} names unknown indicator {name!r}"
                for name in benchmark.indicators
                if name not in self.indicators
            ]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise KeyError(f"unknown indicator {indicator_id!r}") from None

    def live_only_indicators(self) -> frozenset[str]:
        """Indicators whose sources are all live-only (the embedded snapshot has no rows)."""
        return frozenset(
            indicator.id
            for indicator in self.indicators.values()
            if all(self.sources[source].is_live_only for source in indicator.sources)
        )

    def cadence(self, source_id: str) -> ReleaseCadence:
        """A source's release timetable (validation guarantees every source has one)."""
        return self.release_cadences[source_id]

    def events_for(self, indicator_id: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events.values() if indicator_id in e.indicators)

    def targets_for(self, indicator_id: str) -> tuple[Target, ...]:
        return tuple(t for t in self.targets.values() if t.indicator == indicator_id)


def _with_ids(section: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    return {key: {"id": key, **value} for key, value in section.items()}


def parse_registry(text: str) -> Registry:
    """Parse registry YAML text; raises pydantic.ValidationError listing every problem."""
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise ValueError("the registry must be a YAML mapping")
    return Registry.model_validate(
        {
            "sources": raw.get("sources", {}),
            "release_cadences": raw.get("release_cadences", {}),
            "indicators": _with_ids(raw.get("indicators", {})),
            "targets": _with_ids(raw.get("targets", {})),
            "benchmarks": _with_ids(raw.get("benchmarks", {})),
            "events": _with_ids(raw.get("events", {})),
            "service": raw.get("service"),
            "published_figure_differences": raw.get("published_figure_differences", []),
            "curated_files_not_shown": raw.get("curated_files_not_shown", []),
            "delivery": raw.get("delivery"),
        }
    )


@cache
def load_registry(path: Path = REGISTRY_PATH) -> Registry:
    """The registry, parsed once per process."""
    return parse_registry(path.read_text(encoding="utf-8"))


def slugify(text: str) -> str:
    """A file-name-safe slug for user-facing text (used in download names)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
