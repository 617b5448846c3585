"""Refresh the snapshot from the live official sources, source by source, safe while serving.

Usage: python -m data_sources.live.refresh [--dest DIR] [--no-cache]

Pulls each live source (NOMIS claimant count and APS, statistics.gov.scot, ONS boundaries) on
its own: fetched, parsed and checked. Every source that passes goes into the new snapshot; a
source that fails keeps the rows (and boundaries) it had in the snapshot in use, so one broken
service never costs the others. The live rows are merged with the embedded snapshot for
everything the live sources do not cover (keeping the registry's source preference per figure),
the whole table is validated against the same schema as the offline build, and only then is it
published as a new version in the store (data_sources/store.py), swapped in atomically. The
manifest records, per live source, "refreshed at ..." or "kept from release ..., because ...".

Exit status: 0 when every source was refreshed; 3 (KEPT_STATUS) when a snapshot was published
but some sources were kept from the snapshot in use (each named on stderr with the reason);
1 when nothing could be published, and then the store is exactly as it was.
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
from typing import Final

import pandas as pd

from data_sources.export import whole_snapshot_downloads
from data_sources.frame import BuildError, check_coverage, records_to_frame, resolve_overlaps
from data_sources.live.fetch_result import LiveFetch
from data_sources.live.http import HttpClient, LiveSourceError, error_kind
from data_sources.live.nomis import (
    APS_SOURCE,
    CLAIMANT_SOURCE,
    fetch_aps,
    fetch_claimant_count,
)
from data_sources.live.ons_boundaries import SOURCE_ID as BOUNDARIES_SOURCE
from data_sources.live.ons_boundaries import BoundaryFetch, fetch_boundaries
from data_sources.live.settings import Settings
from data_sources.live.statistics_gov_scot import SOURCE_ID as SGS_SOURCE
from data_sources.live.statistics_gov_scot import fetch_unemployment_model_based
from data_sources.provenance import SnapshotManifest, SourceOutcome, SourceRelease
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
    BOUNDARIES_PROVENANCE_FILE,
    FreshestSnapshot,
    default_data_dir,
    load_freshest_snapshot,
    publish,
)
from geo.council_areas import BOUNDARIES_FILE, SCOTLAND_CODE
from metadata.registry import Registry, load_registry

LOGGER = logging.getLogger(__name__)

KEPT_STATUS: Final = 3  # exit status: published, but some sources were kept, not refreshed

Fetcher = Callable[..., LiveFetch]
# The data sources, in the order they are fetched; the boundaries come last.
SOURCES: Final[tuple[tuple[str, Fetcher], ...]] = (
    (CLAIMANT_SOURCE, fetch_claimant_count),
    (APS_SOURCE, fetch_aps),
    (SGS_SOURCE, fetch_unemployment_model_based),
)


class RefreshError(RuntimeError):
    """The live data could not be turned into a complete, valid snapshot."""


@dataclass(frozen=True)
class RefreshResult:
    """What a refresh published (version None if nothing had changed), source by source."""

    version: str | None
    changes: str
    summary: list[str]
    frame: pd.DataFrame
    manifest: SnapshotManifest

    @property
    def outcomes(self) -> tuple[SourceOutcome, ...]:
        return self.manifest.refresh_outcomes

    @property
    def kept(self) -> tuple[SourceOutcome, ...]:
        """The sources that were not refreshed this time."""
        return tuple(o for o in self.outcomes if o.outcome == "kept")


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


@dataclass(frozen=True)
class CheckedSource:
    """One live source that passed on its own: its rows as a validated frame, and its notes."""

    fetch: LiveFetch
    frame: pd.DataFrame
    notes: tuple[str, ...]


def check_source(fetch: LiveFetch, registry: Registry) -> CheckedSource:
    """Validate one source's rows alone, so a fault is pinned on the source that has it.

    Raises RefreshError naming the source: an indicator the registry does not give it, rows that
    fail the schema, or a declared geography with no rows in a series only this source feeds.
    """
    records, dropped = _declared_records(fetch, registry)
    frame = records_to_frame(records, {fetch.source_id: _release_id(fetch)})
    try:
        frame = validate_observations(frame)
    except Exception as error:  # pandera's SchemaErrors lists every failing row
        raise RefreshError(f"{fetch.source_id}: its rows fail validation:\n{error}") from None
    problems = []
    for indicator in registry.indicators.values():
        # Only series this source alone feeds must be whole here; others have other sources.
        if indicator.sources != (fetch.source_id,) or indicator.id in fetch.unavailable:
            continue
        rows = frame[frame["indicator_id"] == indicator.id]
        for geography in indicator.geographies:
            if not (rows["area_type"] == geography.value).any():
                problems.append(f"{indicator.id}: no rows for geography {geography.value}")
    if problems:
        raise RefreshError(f"{fetch.source_id}: " + "; ".join(problems))
    notes = tuple(f"{fetch.source_id}: {note}" for note in (*fetch.notes, *dropped))
    return CheckedSource(fetch, frame, notes)


def _kept_rows(
    source_id: str, current: FreshestSnapshot
) -> tuple[pd.DataFrame, list[SourceRelease]]:
    """A failed source's rows and releases from the snapshot in use (none if it is embedded)."""
    observations = current.snapshot.observations
    if current.origin != "refreshed":
        return observations.iloc[0:0], []
    rows = observations[observations["source_id"] == source_id]
    # Every release of the source the snapshot records, even one whose rows all gave way to a
    # preferred source: it is the release the source is kept from.
    releases = [r for r in current.snapshot.manifest.releases if r.source_id == source_id]
    return rows.loc[:, list(COLUMNS)], releases


def merge(
    checked: Sequence[CheckedSource],
    embedded: Snapshot,
    registry: Registry,
    *,
    retrieved: date,
    kept: Sequence[tuple[pd.DataFrame, Sequence[SourceRelease]]] = (),
    outcomes: Sequence[SourceOutcome] = (),
    skip: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, SnapshotManifest]:
    """Refreshed rows, kept rows and the embedded rows they do not replace, validated, with a
    live manifest. `skip` names indicators that may have no rows (unavailable or not kept)."""
    parts = [embedded.observations.loc[:, list(COLUMNS)]]
    parts += [source.frame for source in checked]
    parts += [rows for rows, _ in kept]
    combined = pd.concat(parts, ignore_index=True)
    for column in ("value", "lower_95", "upper_95"):
        combined[column] = combined[column].astype("float64")
    frame, resolution_notes = resolve_overlaps(combined, registry)
    unavailable = frozenset().union(skip, *(source.fetch.unavailable for source in checked))
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
    releases += [r for _, kept_releases in kept for r in kept_releases]
    for source in checked:
        fetch = source.fetch
        described = registry.sources[fetch.source_id]
        rows = frame[frame["source_id"] == fetch.source_id].sort_values("period_end")
        releases.append(
            SourceRelease(
                release_id=_release_id(fetch),
                source_id=fetch.source_id,
                publisher=described.publisher,
                title=described.title,
                url=described.url,
                licence=described.licence,
                published=fetch.published,
                retrieved=retrieved.isoformat(),
                origin=f"{described.origin} (live refresh)",
                files=fetch.files,
                rows=len(rows),
                indicators=tuple(sorted(set(rows["indicator_id"]))),
                first_period=str(rows["period_label"].iloc[0]) if len(rows) else "",
                last_period=str(rows["period_label"].iloc[-1]) if len(rows) else "",
                notes=(*described.notes, *fetch.notes),
            )
        )
    releases = sorted({r.release_id: r for r in releases}.values(), key=lambda r: r.release_id)
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
        refresh_outcomes=tuple(outcomes),
    )
    return frame, manifest


def _kept_boundaries(current: FreshestSnapshot) -> tuple[bytes, bytes] | None:
    """The boundaries (and their provenance) of the snapshot in use, if it has its own."""
    if current.origin != "refreshed" or current.boundaries_path is None:
        return None
    provenance = current.boundaries_path.parent / BOUNDARIES_PROVENANCE_FILE
    return current.boundaries_path.read_bytes(), provenance.read_bytes()


def _boundaries_release(current: FreshestSnapshot) -> str | None:
    kept = _kept_boundaries(current)
    if kept is None:
        return None
    provenance = json.loads(kept[1])
    return f"{BOUNDARIES_SOURCE}@{provenance.get('retrieved', 'unknown')}"


def refresh(
    settings: Settings,
    dest: Path,
    *,
    today: date | None = None,
    sleep: Callable[[float], None] = time.sleep,
    embedded_dir: Path = EMBEDDED_SNAPSHOT_DIR,
    registry: Registry | None = None,
    now: datetime | None = None,
) -> RefreshResult:
    """Fetch and check each source, merge, validate and publish.

    A source that fails keeps its rows from the snapshot in use and is reported in the result's
    outcomes. Raises RefreshError (or SnapshotError) when nothing could be published, and then
    leaves `dest` untouched.
    """
    registry = registry or load_registry()
    moment = now or datetime.now(UTC)
    day = today or moment.date()
    checked_at = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    current: FreshestSnapshot = load_freshest_snapshot(
        dest, embedded_dir=embedded_dir, registry=registry
    )
    embedded = load_snapshot(embedded_dir)
    checked: list[CheckedSource] = []
    failures: dict[str, str] = {}
    boundaries: BoundaryFetch | None = None
    with HttpClient(settings, sleep=sleep) as client:
        for source_id, fetcher in SOURCES:
            try:
                # Any error inside a source is that source's (named, its cached responses evicted).
                with client.source(source_id):
                    fetched = fetcher(client, settings, today=day)
                checked.append(check_source(fetched, registry))
            except (LiveSourceError, RefreshError) as error:
                client.forget_fetched(source_id)  # never serve a bad body again from the cache
                failures[source_id] = _reason(source_id, error)
        try:
            with client.source(BOUNDARIES_SOURCE):
                boundaries = fetch_boundaries(client, settings, today=day)
        except LiveSourceError as error:
            client.forget_fetched(BOUNDARIES_SOURCE)
            failures[BOUNDARIES_SOURCE] = _reason(BOUNDARIES_SOURCE, error)
    if not checked and boundaries is None:
        raise RefreshError(
            "no source could be refreshed, so nothing was published:\n"
            + "\n".join(f"{source}: {reason}" for source, reason in failures.items())
        )

    kept: list[tuple[pd.DataFrame, list[SourceRelease]]] = []
    outcomes: list[SourceOutcome] = []
    skip: set[str] = set()
    for source_id, _ in SOURCES:
        fresh = next((c for c in checked if c.fetch.source_id == source_id), None)
        if fresh is not None:
            outcomes.append(
                SourceOutcome(
                    source_id=source_id,
                    outcome="refreshed",
                    checked_at=checked_at,
                    release_id=_release_id(fresh.fetch),
                )
            )
            continue
        rows, releases = _kept_rows(source_id, current)
        kept.append((rows, releases))
        skip |= {i.id for i in registry.indicators.values() if source_id in i.sources}
        outcomes.append(
            SourceOutcome(
                source_id=source_id,
                outcome="kept",
                checked_at=checked_at,
                release_id=releases[-1].release_id if releases else None,
                reason=failures[source_id],
            )
        )
    outcomes.append(
        SourceOutcome(
            source_id=BOUNDARIES_SOURCE,
            outcome="refreshed" if boundaries is not None else "kept",
            checked_at=checked_at,
            release_id=(
                f"{BOUNDARIES_SOURCE}@{boundaries.provenance['retrieved']}"
                if boundaries is not None
                else _boundaries_release(current)
            ),
            reason=failures.get(BOUNDARIES_SOURCE),
        )
    )
    frame, manifest = merge(
        checked,
        embedded,
        registry,
        retrieved=day,
        kept=kept,
        outcomes=outcomes,
        skip=frozenset(skip),
    )
    if boundaries is not None:
        boundary_files: tuple[bytes, bytes] | None = (
            boundaries.geojson,
            (json.dumps(boundaries.provenance, indent=2, ensure_ascii=False) + "\n").encode(),
        )
    else:
        boundary_files = _kept_boundaries(current)

    data = observations_to_csv(frame)
    new_frame = read_observations_csv(data)
    summary = [
        f"{c.fetch.source_id}: {len(c.fetch.records)} figures, released {c.fetch.published}, "
        f"from {len(c.fetch.files)} responses"
        for c in checked
    ]
    if boundaries is not None:
        summary.append(
            f"{BOUNDARIES_SOURCE}: {boundaries.provenance['features']} council areas from "
            f"{boundaries.provenance['service']}"
        )
    summary += [note for c in checked for note in c.notes]
    summary += [f"{o.source_id}: {o.words}" for o in outcomes if o.outcome == "kept"]
    if current.fallback_reason:
        summary.append(f"The previous refreshed snapshot was not usable: {current.fallback_reason}")
    unchanged = (
        current.origin == "refreshed"
        and (current.snapshot.directory / OBSERVATIONS_FILE).read_bytes() == data
        and (
            (current.boundaries_path.read_bytes() if current.boundaries_path else None)
            == (boundary_files[0] if boundary_files else None)
        )
    )
    if unchanged:
        return RefreshResult(None, "No changes.\n", summary, new_frame, manifest)
    changes = describe_changes(current.snapshot.observations, new_frame)
    files = {
        OBSERVATIONS_FILE: data,
        MANIFEST_FILE: manifest_to_json(manifest),
        CHANGES_FILE: changes.encode("utf-8"),
        **whole_snapshot_downloads(new_frame, registry, manifest),
    }
    if boundary_files is not None:
        files[BOUNDARIES_FILE], files[BOUNDARIES_PROVENANCE_FILE] = boundary_files
    published = publish(dest, files)
    return RefreshResult(published, changes, summary, new_frame, manifest)


def _reason(source_id: str, error: Exception) -> str:
    """The problem, without the source id the message already starts with."""
    text = str(error)
    prefix = f"{source_id}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


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
    for outcome in result.outcomes:
        print(f"{outcome.source_id}: {outcome.words}")
    if result.version is None:
        print(f"Nothing changed; {dest} still serves the same snapshot.")
    else:
        print(f"Published snapshot {result.version} in {dest} ({len(result.frame)} rows).")
    print(result.changes, end="")
    if result.kept:
        print("Some sources were not refreshed:", file=sys.stderr)
        for outcome in result.kept:
            print(f"{outcome.source_id}: {outcome.words}", file=sys.stderr)
        return KEPT_STATUS
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
