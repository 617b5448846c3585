"""No One Left Behind's delivery statistics: their table's contract, and its file in a snapshot.

These figures are not observations: they cover cumulative, yearly and quarterly periods, and
one period can be printed in several editions (later ones revise earlier ones). So each row is
one figure as one edition printed it, with its edition, date, page and sentence, and the table
travels beside the observations in the snapshot (delivery.csv), checksummed in the manifest.
"""

from __future__ import annotations

import io
from typing import Final

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from data_sources.stable_csv import stable_csv_bytes
from geo.council_areas import AREA_CODE_PATTERN
from metadata.registry import DeliveryStatus, DeliveryUnit

DELIVERY_FILE: Final = "delivery.csv"
DELIVERY_COLUMNS: Final = (
    "measure",
    "area_code",
    "area_name",
    "period_label",
    "period_start",
    "period_end",
    "value",
    "unit",
    "edition",
    "published",
    "source_url",
    "quote",
    "status",
    "note",
)
DELIVERY_KEY: Final = ["measure", "area_code", "period_label", "edition"]
_TEXT_COLUMNS: Final = [c for c in DELIVERY_COLUMNS if c != "value"]
_OPTIONAL_TEXT: Final = ("period_start", "period_end", "published", "quote", "note")


class DeliveryStatistics(pa.DataFrameModel):
    """One published delivery figure per row, as one edition printed it."""

    measure: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*$")
    area_code: Series[str] = pa.Field(str_matches=AREA_CODE_PATTERN)
    area_name: Series[str] = pa.Field(str_length={"min_value": 1})
    period_label: Series[str] = pa.Field(str_length={"min_value": 1})
    period_start: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    period_end: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    value: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str] = pa.Field(isin=[u.value for u in DeliveryUnit])
    edition: Series[str] = pa.Field(str_length={"min_value": 1})
    published: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}(-\d{2})?$")
    source_url: Series[str] = pa.Field(str_matches=r"^https?://")
    quote: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=[s.value for s in DeliveryStatus])
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True
        ordered = True
        unique = DELIVERY_KEY

    @pa.dataframe_check(error="a figure not in the stored text has no value; every other has one")
    @classmethod
    def value_matches_status(cls, df: pd.DataFrame) -> Series[bool]:
        missing = df["status"] == DeliveryStatus.NOT_HELD.value
        return Series(missing == df["value"].isna())

    @pa.dataframe_check(error="period_start and period_end are given together, start first")
    @classmethod
    def period_in_order(cls, df: pd.DataFrame) -> Series[bool]:
        both = df["period_start"].notna() & df["period_end"].notna()
        together = df["period_start"].notna() == df["period_end"].notna()
        ordered = ~both | (df["period_start"].fillna("") <= df["period_end"].fillna(""))
        return Series(together & ordered)


def validate_delivery(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate lazily (one report lists every bad row); returns the coerced frame."""
    return DeliveryStatistics.validate(frame, lazy=True)


def delivery_to_csv(frame: pd.DataFrame) -> bytes:
    """Deterministic CSV bytes: fixed column order, rows sorted by the table's key."""
    return stable_csv_bytes(frame, DELIVERY_COLUMNS, list(DELIVERY_KEY))


def read_delivery_csv(data: bytes) -> pd.DataFrame:
    """The table from its CSV bytes, validated; blank optional text stays missing (None)."""
    frame = pd.read_csv(
        io.BytesIO(data),
        dtype=dict.fromkeys(_TEXT_COLUMNS, "string"),
        keep_default_na=False,
        na_values={"value": [""], **{column: [""] for column in _OPTIONAL_TEXT}},
    )
    for column in _TEXT_COLUMNS:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return validate_delivery(frame)


def empty_delivery() -> pd.DataFrame:
    """A table with the contract's columns and no rows (a snapshot that holds none)."""
    return pd.DataFrame({column: pd.Series([], dtype=object) for column in DELIVERY_COLUMNS})
