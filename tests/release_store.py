"""A store holding two refreshed releases after the embedded one, for What's new tests.

Release 1 is the embedded snapshot without its latest employment-rate year and with Glasgow
City's latest claimant rate 0.3 points higher; release 2 is the embedded snapshot itself. So
release 2, compared with release 1, adds a period for 33 areas and revises one figure back to
its published value. (Test data only: the dashboard never shows these stores.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data_sources.snapshot import (
    MANIFEST_FILE,
    OBSERVATIONS_FILE,
    load_snapshot,
    manifest_to_json,
    observations_to_csv,
    sha256_bytes,
)
from data_sources.store import publish

GLASGOW = "S12000049"


@dataclass(frozen=True)
class TwoReleases:
    root: Path
    first: str
    second: str
    added_period_label: str
    revised_period_label: str
    published_value: float
    first_value: float


def _files(frame: pd.DataFrame) -> dict[str, bytes]:
    embedded = load_snapshot()
    data = observations_to_csv(frame)
    manifest = embedded.manifest.model_copy(
        update={"kind": "live", "observations_sha256": sha256_bytes(data), "rows": len(frame)}
    )
    return {OBSERVATIONS_FILE: data, MANIFEST_FILE: manifest_to_json(manifest)}


def publish_two_releases(root: Path) -> TwoReleases:
    frame = load_snapshot().observations
    employment = frame[frame["indicator_id"] == "employment_rate"]
    latest = employment.sort_values("period_end")["period"].iloc[-1]
    claimant = frame[(frame["indicator_id"] == "claimant_rate") & (frame["area_code"] == GLASGOW)]
    revised = claimant.sort_values("period_end").index[-1]
    first = frame[~((frame["indicator_id"] == "employment_rate") & (frame["period"] == latest))]
    first = first.copy()
    published = float(first.loc[revised, "value"])
    first.loc[revised, "value"] = round(published + 0.3, 1)
    first_id = publish(root, _files(first))
    second_id = publish(root, _files(frame))
    return TwoReleases(
        root,
        first_id,
        second_id,
        str(employment[employment["period"] == latest]["period_label"].iloc[0]),
        str(frame.loc[revised, "period_label"]),
        published,
        round(published + 0.3, 1),
    )
