"""Refresh the snapshot from the live official sources, all-or-nothing, safe while serving.

Usage: python -m data_sources.live.refresh [--dest DIR] [--no-cache]

Pulls every live source (NOMIS claimant count and APS, statistics.gov.scot, ONS boundaries),
parses and checks each, merges the result with the embedded snapshot for everything the live
sources do not cover (keeping the registry's source preference per figure), validates the
whole table against the same schema as the offline build, and only then publishes it as a new
version in the store (data_sources/store.py). It prints what changed against the snapshot in
use. If any source fails or returns anything unexpected it exits with status 1, names the
source and the problem, and leaves the store exactly as it was.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from data_sources.frame import BuildError, check_coverage, records_to_frame, resolve_overlaps
from data_sources.live.fetch_result import LiveFetch
from data_sources.live.http import HttpClient, LiveSourceError, error_kind
from data_sources.live.nomis import APS_SOURCE, CLAIMANT_SOURCE, fetch_aps, fetch_claimant_count
from data_sources.live.ons_boundaries import SOURCE_ID as BOUNDARIES_SOURCE
from data_sources.live.ons_boundaries import BoundaryFetch, fetch_boundaries
from data_sources.live.settings import Settings
from data_sources.live.statistics_gov_scot import SOURCE_ID as SGS_SOURCE
from data_sources.live.statistics_gov_scot import fetch_unemployment_model_based
from data_sources.provenance import SnapshotManifest, SourceRelease
from data_sources.records import Record
from data_sources.schema import COLUMNS, validate_observations
from data_sources.snapshot import (
    CHANGES_FILE,
    EMBEDDED_SNAPSHOT_DIR,
    MANIFEST_FILE,
    OBSERVATIONS_FILE,
    Snapshot,
    SnapshotError,
    describe_changes,
    load_snapshot,
    manifest_to_json,
    observations_to_csv,
    read_observations_csv,
    sha256_bytes,
)
from data_sources.store import (
    BOUNDARIES_FILE,
    BOUNDARIES_PROVENANCE_FILE,
    FreshestSnapshot,
    default_data_dir,
    load_freshest_snapshot,
    publish,
)
from geo.council_areas import SCOTLAND_CODE
from metadata.registry import Registry, load_registry

LOGGER = logging.getLogger(__name__)


class RefreshError(RuntimeError):
    """The live data could not be turned into a complete, valid snapshot."""


@dataclass(frozen=True)
class RefreshResult:
    """What a successful refresh published (version None if nothing had changed)."""

    version: str | None
    changes: str
    summary: list[str]
    frame: pd.DataFrame
    manifest: SnapshotManifest


def fetch_all(
    client: HttpClient, settings: Settings, today: date
) -> tuple[list[LiveFetch], BoundaryFetch]:
    """Every live source, in order; the first failure raises LiveSourceError naming it (any
    error inside a source is reported as that source's, and evicts what it fetched)."""
    fetches = []
    for source_id, fetch in (
        (CLAIMANT_SOURCE, fetch_claimant_count),
        (APS_SOURCE, fetch_aps),
        (SGS_SOURCE, fetch_unemployment_model_based),
    ):
        with client.source(source_id):
            fetches.append(fetch(client, settings, today=today))
    with client.source(BOUNDARIES_SOURCE):
        return fetches, fetch_boundaries(client, settings, today=today)


def _release_id(fetch: LiveFetch) -> str:
    return f"{fetch.source_id}@{fetch.published}"


def _declared_records(fetch: LiveFetch, registry: Registry) -> tuple[list[Record], list[str]]:
    """The fetch's records for declared geographies, checking each indicator names the source."""
    kept: list[Record] = []
    dropped: dict[str, int] = {}
    for record in fetch.records:
        indicator = registry.indicators.get(record.indicator_id)
        if indicator is None or fetch.source_id not in indicator.sources:
            raise RefreshError(
                f"{fetch.source_id}: yields {record.indicator_id!r}, but the registry does not "
                "list this source for that indicator"
            )
        area_type = "scotland" if record.area_code == SCOTLAND_CODE else "council_area"
        if area_type in {g.value for g in indicator.geographies}:
            kept.append(record)
        else:
            dropped[record.indicator_id] = dropped.get(record.indicator_id, 0) + 1
    notes = [
        f"{indicator}: {count} rows for geographies the registry does not declare were left out."
        for indicator, count in sorted(dropped.items())
    ]
    return kept, notes


def merge(
    fetches: Sequence[LiveFetch],
    embedded: Snapshot,
    registry: Registry,
    *,
    retrieved: date,
) -> tuple[pd.DataFrame, SnapshotManifest, list[str]]:
    """Live rows plus the embedded rows they do not replace, validated, with a live manifest."""
    notes: list[str] = []
    live_records: list[Record] = []
    for fetch in fetches:
        kept, dropped_notes = _declared_records(fetch, registry)
        live_records += kept
        notes += [f"{fetch.source_id}: {note}" for note in (*fetch.notes, *dropped_notes)]
    release_ids = {fetch.source_id: _release_id(fetch) for fetch in fetches}
    live = records_to_frame(live_records, release_ids)
    combined = pd.concat([embedded.observations.loc[:, list(COLUMNS)], live], ignore_index=True)
    for column in ("value", "lower_95", "upper_95"):
        combined[column] = combined[column].astype("float64")
    frame, resolution_notes = resolve_overlaps(combined, registry)
    unavailable = frozenset().union(*(fetch.unavailable for fetch in fetches))
    try:
        check_coverage(frame, registry, skip=unavailable)
    except BuildError as error:
        raise RefreshError(f"the refreshed table is incomplete: {error}") from None
    try:
        frame = validate_observations(frame)
    except Exception as error:  # pandera's SchemaErrors lists every failing row
        raise RefreshError(f"the refreshed table fails validation:\n{error}") from None

    used = set(frame["release_id"])
    releases = [r for r in embedded.manifest.releases if r.release_id in used]
    for fetch in fetches:
        source = registry.sources[fetch.source_id]
        rows = frame[frame["source_id"] == fetch.source_id].sort_values("period_end")
        releases.append(
            SourceRelease(
                release_id=release_ids[fetch.source_id],
                source_id=fetch.source_id,
                publisher=source.publisher,
                title=source.title,
                url=source.url,
                licence=source.licence,
                published=fetch.published,
                retrieved=retrieved.isoformat(),
                origin=f"{source.origin} (live refresh)",
                files=fetch.files,
                rows=len(rows),
                indicators=tuple(sorted(set(rows["indicator_id"]))),
                first_period=str(rows["period_label"].iloc[0]) if len(rows) else "",
                last_period=str(rows["period_label"].iloc[-1]) if len(rows) else "",
                notes=(*source.notes, *fetch.notes),
            )
        )
    releases.sort(key=lambda r: r.release_id)
    manifest = SnapshotManifest(
        snapshot_version=max(r.published for r in releases),
        kind="live",
        observations_sha256=sha256_bytes(observations_to_csv(frame)),
        rows=len(frame),
        built_with={
            name: version(name) for name in ("pandas", "pandera", "requests", "requests-cache")
        },
        releases=tuple(releases),
        resolution_notes=tuple(
            dict.fromkeys((*embedded.manifest.resolution_notes, *resolution_notes))
        ),
    )
    return frame, manifest, notes


def refresh(
    settings: Settings,
    dest: Path,
    *,
    today: date | None = None,
    sleep: Callable[[float], None] = time.sleep,
    embedded_dir: Path = EMBEDDED_SNAPSHOT_DIR,
    registry: Registry | None = None,
) -> RefreshResult:
    """Fetch, merge, validate and publish; raises LiveSourceError or RefreshError and then
    leaves `dest` untouched."""
    registry = registry or load_registry()
    day = today or datetime.now(UTC).date()
    with HttpClient(settings, sleep=sleep) as client:
        try:
            fetches, boundaries = fetch_all(client, settings, day)
        except LiveSourceError:
            client.forget_fetched()  # never serve a bad body again from the cache
            raise
        try:
            embedded = load_snapshot(embedded_dir)
            frame, manifest, notes = merge(fetches, embedded, registry, retrieved=day)
        except (RefreshError, SnapshotError):
            client.forget_fetched()
            raise
    current: FreshestSnapshot = load_freshest_snapshot(
        dest, embedded_dir=embedded_dir, registry=registry
    )
    data = observations_to_csv(frame)
    new_frame = read_observations_csv(data)
    summary = [
        f"{fetch.source_id}: {len(fetch.records)} figures, released {fetch.published}, "
        f"from {len(fetch.files)} responses"
        for fetch in fetches
    ]
    summary.append(
        f"ons_boundaries: {boundaries.provenance['features']} council areas from "
        f"{boundaries.provenance['service']}"
    )
    summary += notes
    if current.fallback_reason:
        why = current.fallback_detail or current.fallback_reason
        summary.append(f"The previous refreshed snapshot was not usable: {why}")
    unchanged = (
        current.origin == "refreshed"
        and (current.snapshot.directory / OBSERVATIONS_FILE).read_bytes() == data
        and current.boundaries_path is not None
        and current.boundaries_path.read_bytes() == boundaries.geojson
    )
    if unchanged:
        return RefreshResult(None, "No changes.\n", summary, new_frame, manifest)
    changes = describe_changes(current.snapshot.observations, new_frame)
    files = {
        OBSERVATIONS_FILE: data,
        MANIFEST_FILE: manifest_to_json(manifest),
        CHANGES_FILE: changes.encode("utf-8"),
        BOUNDARIES_FILE: boundaries.geojson,
        BOUNDARIES_PROVENANCE_FILE: (
            json.dumps(boundaries.provenance, indent=2, ensure_ascii=False) + "\n"
        ).encode("utf-8"),
    }
    published = publish(dest, files)
    return RefreshResult(published, changes, summary, new_frame, manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_sources.live.refresh",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument(
        "--dest",
        type=Path,
        default=None,
        metavar="DIR",
        help="data directory holding CURRENT and snapshots/ (default: $NOLB_DATA_DIR or the "
        "user data directory)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="fetch everything again, ignoring the cache"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)
    try:
        settings = Settings.from_env()
    except ValueError as error:
        print(f"Refresh not started: {error}", file=sys.stderr)
        return 1
    if args.no_cache:
        settings = replace(settings, use_cache=False)
    dest = args.dest if args.dest is not None else default_data_dir()
    try:
        result = refresh(settings, dest)
    except (LiveSourceError, RefreshError, SnapshotError) as error:
        print(f"Refresh failed; the existing snapshot is unchanged.\n{error}", file=sys.stderr)
        return 1
    except Exception as error:  # never a traceback: say what failed, keep the details in the log
        LOGGER.debug("refresh failed", exc_info=True)
        print(
            "Refresh failed; the existing snapshot is unchanged.\n"
            f"the refresh: unexpected {error_kind(error)}: {str(error)[:300]}",
            file=sys.stderr,
        )
        return 1
    for line in result.summary:
        print(line)
    if result.version is None:
        print(f"Nothing changed; {dest} still serves the same snapshot.")
    else:
        print(f"Published snapshot {result.version} in {dest} ({len(result.frame)} rows).")
    print(result.changes, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
