"""CSV bytes that are the same for the same table, so a rebuilt snapshot is byte-identical and
its checksums mean something."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd


def stable_csv_bytes(frame: pd.DataFrame, columns: Sequence[str], sort_key: list[str]) -> bytes:
    """Fixed column order, rows sorted stably by `sort_key`, a fixed float format, LF endings."""
    ordered = frame.loc[:, list(columns)].sort_values(sort_key, kind="mergesort")
    buffer = io.StringIO()
    ordered.to_csv(buffer, index=False, float_format="%.12g", lineterminator="\n")
    return buffer.getvalue().encode("utf-8")
