"""Each refreshed version carries the whole-snapshot download the balancer serves from the store."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from data_sources.export import WHOLE_SNAPSHOT_CSV
from data_sources.store import SNAPSHOTS_DIR, current_version, load_freshest_snapshot


def test_a_refreshed_version_carries_every_figure_as_a_download(store: Path) -> None:
    version = current_version(store)
    assert version is not None
    body = (store / SNAPSHOTS_DIR / version / WHOLE_SNAPSHOT_CSV).read_bytes()
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    fresh = load_freshest_snapshot(store)
    assert len(rows) == len(fresh.snapshot.observations)
    assert {"Indicator", "Area code", "Value", "Status", "Release", "Source URL"} <= set(rows[0])
    releases = {r.release_id for r in fresh.snapshot.manifest.releases}
    assert {row["Release"] for row in rows} <= releases
