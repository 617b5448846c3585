"""The tidy contract every source is parsed into: one row per indicator, area and period.

Missing is a status, never a number: `value` is null exactly when the publisher did not give a
usable estimate, and `status` with `status_detail` (the publisher's own words) says why.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from geo.council_areas import AREA_CODE_PATTERN

PERIOD_PATTERN: Final = r"^\d{4}-\d{2}-\d{2}/P1[YM]$"


class Status(StrEnum):
    """Whether a value can be used, in the project's words; the source's words go alongside."""

    OK = "ok"
    PROVISIONAL = "provisional"
    SUPPRESSED = "suppressed"
    UNRELIABLE = "unreliable"
    NOT_AVAILABLE = "not_available"


USABLE_STATUSES: Final = frozenset({Status.OK, Status.PROVISIONAL})

STATUS_LABELS: Final[dict[Status, str]] = {
    Status.OK: "Published",
    Status.PROVISIONAL: "Provisional",
    Status.SUPPRESSED: "Suppressed",
    Status.UNRELIABLE: "Unreliable",
    Status.NOT_AVAILABLE: "Not available",
}
"""What each status is called everywhere it is shown: About, tables, chart tables, briefings and
the downloads (so it lives here, beside the enum, where the export can read it). The publisher's
own words for a particular figure go alongside, in `status_detail`."""


def status_label(status: str) -> str:
    """'suppressed' -> 'Suppressed'; an unknown status is spelled out rather than dropped."""
    try:
        return STATUS_LABELS[Status(status)]
    except ValueError:
        return status.replace("_", " ").capitalize()


COLUMNS: Final = (
    "indicator_id",
    "area_code",
    "area_name",
    "area_type",
    "period",
    "period_label",
    "period_end",
    "value",
    "lower_95",
    "upper_95",
    "status",
    "status_detail",
    "note",
    "source_id",
    "release_id",
)


class Observations(pa.DataFrameModel):
    """One official figure per row, with its interval, status and provenance."""

    indicator_id: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    area_code: Series[str] = pa.Field(str_matches=AREA_CODE_PATTERN)
    area_name: Series[str] = pa.Field(str_length={"min_value": 1})
    area_type: Series[str] = pa.Field(isin=["scotland", "council_area"])
    period: Series[str] = pa.Field(str_matches=PERIOD_PATTERN)
    period_label: Series[str] = pa.Field(str_length={"min_value": 1})
    period_end: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    value: Series[float] = pa.Field(nullable=True)
    lower_95: Series[float] = pa.Field(nullable=True)
    upper_95: Series[float] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=[s.value for s in Status])
    status_detail: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)
    source_id: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    release_id: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True
        ordered = True
        unique = ["indicator_id", "area_code", "period"]

    @pa.dataframe_check(
        error="value must be present when status is ok or provisional, may be present when "
        "unreliable, and must be absent otherwise"
    )
    @classmethod
    def value_matches_status(cls, df: pd.DataFrame) -> Series[bool]:
        # An estimate the publisher marks "use with caution" keeps its value, marked unreliable.
        usable = df["status"].isin([s.value for s in USABLE_STATUSES])
        unreliable = df["status"] == Status.UNRELIABLE.value
        return Series(unreliable | (usable == df["value"].notna()))

    @pa.dataframe_check(error="lower_95 and upper_95 must be given together")
    @classmethod
    def bounds_together(cls, df: pd.DataFrame) -> Series[bool]:
        return Series(df["lower_95"].notna() == df["upper_95"].notna())

    @pa.dataframe_check(error="the 95% interval must contain the value")
    @classmethod
    def bounds_contain_value(cls, df: pd.DataFrame) -> Series[bool]:
        has_bounds = df["lower_95"].notna() & df["value"].notna()
        inside = (df["lower_95"] <= df["value"] + 1e-9) & (df["value"] <= df["upper_95"] + 1e-9)
        return Series(~has_bounds | inside)

    @pa.dataframe_check(error="area_type must match the area code")
    @classmethod
    def area_type_matches_code(cls, df: pd.DataFrame) -> Series[bool]:
        is_scotland = df["area_code"] == "S92000003"
        return Series(is_scotland == (df["area_type"] == "scotland"))


def validate_observations(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate lazily, so one error report lists every bad row; returns the coerced frame."""
    return Observations.validate(frame, lazy=True)
