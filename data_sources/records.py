"""One parsed figure, the shape every reader, offline or live, hands to the table builder."""

from __future__ import annotations

from dataclasses import dataclass

from data_sources.periods import Period
from data_sources.schema import Status
from geo.council_areas import SCOTLAND_CODE, council_areas


@dataclass(frozen=True, slots=True)
class Ratio:
    """The numerator and denominator a source prints beside a derived value, so the build can
    check that the value is their ratio (times `scale`) within the source's stated rounding."""

    numerator: float
    denominator: float
    scale: float
    tolerance: float
    rounding: str  # the rounding that `tolerance` allows, in words, for the build's message

    @property
    def expected(self) -> float:
        return self.numerator / self.denominator * self.scale


@dataclass(frozen=True, slots=True)
class Record:
    """One parsed figure before it is joined to names and releases."""

    indicator_id: str
    area_code: str
    period: Period
    value: float | None
    source_id: str
    lower_95: float | None = None
    upper_95: float | None = None
    status: Status = Status.OK
    status_detail: str | None = None
    note: str | None = None
    ratio: Ratio | None = None


ALL_AREA_CODES = frozenset({SCOTLAND_CODE, *(a.code for a in council_areas())})
