"""One parsed figure, the shape every reader, offline or live, hands to the table builder."""

from __future__ import annotations

from dataclasses import dataclass

from data_sources.periods import Period
from data_sources.schema import Status
from geo.council_areas import SCOTLAND_CODE, council_areas


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


ALL_AREA_CODES = frozenset({SCOTLAND_CODE, *(a.code for a in council_areas())})
