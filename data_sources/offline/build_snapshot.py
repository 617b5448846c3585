"""Build the embedded snapshot from the real official files in shared/data (offline).

Usage: python -m data_sources.offline.build_snapshot [--shared DIR] [--dest DIR]

Load inputs (checking each file's SHA-256 against the registry), parse each with its reader,
resolve rows that more than one source gives (the registry lists an indicator's sources in
order of preference; differing alternatives are recorded in the manifest), validate, and write
atomically. Any problem stops the build with a message naming the file, and leaves the existing
snapshot untouched.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from data_sources.delivery import delivery_to_csv
from data_sources.derived import check_derived_values
from data_sources.frame import BuildError, check_coverage, records_to_frame, resolve_overlaps
from data_sources.offline import nolb, readers
from data_sources.provenance import DeliveryTable, InputFile, SnapshotManifest, SourceRelease
from data_sources.records import Record
from data_sources.release_delta import embedded_release_file
from data_sources.schema import validate_observations
from data_sources.snapshot import (
    EMBEDDED_SNAPSHOT_DIR,
    observations_to_csv,
    sha256_bytes,
    write_snapshot,
)
from metadata.registry import Registry, Source, SourceFile, load_registry

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED_DIR = Path(os.environ.get("SHARED_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))

Reader = Callable[[list[Path], str], list[Record]]

# Curated rows that Skills Development Scotland published (read as its source, not the SG's).
SDS_FIGURES = frozenset({"participation_16_19"})

# One reader per source id; each receives the source's files in registry order.
READERS: dict[str, Reader] = {
    "ons_claimant_count": lambda files, sid: readers.read_ons_local_statistics(
        files[0], {"Claimant Count": "claimant_rate"}, sid
    ),
    "ons_modelled_unemployment": lambda files, sid: readers.read_ons_local_statistics(
        files[0], {"Modelled unemployment rate": "unemployment_rate"}, sid
    ),
    "sg_sub_scotland_economic_statistics": lambda files, sid: [
        *readers.read_sg_sub_scotland(files[0], sid),
        *readers.read_sg_sub_scotland(files[0], sid, readers.SG_UNEMPLOYMENT_TABLE),
    ],
    "lgbf_benchmarking": lambda files, sid: readers.read_lgbf(files[0], sid),
    "lgbf_spatial_hub": lambda files, sid: readers.read_lgbf_spatial_hub(files[0], sid),
    "nomis_claimant_count_march": lambda files, sid: readers.read_march_claimant_extract(
        files[0], sid
    ),
    "sg_wellbeing_economy_monitor": lambda files, sid: [
        *readers.read_year_value_series(files[0], "disability_employment_gap", sid),
        *readers.read_year_value_series(files[1], "youth_unemployment_rate", sid),
    ],
    "sg_published_figures": lambda files, sid: [
        *readers.read_published_figures(files[0], sid, excluding=SDS_FIGURES),
        *readers.read_published_figures(files[1], sid, excluding=SDS_FIGURES),
    ],
    "sg_disability_labour_market_2022": lambda files, sid: readers.read_deg_2023_edition(
        files[0], sid
    ),
    "sg_disability_employment_progress_report": lambda files, sid: (
        readers.read_disabled_youth_employment(files[0], sid)
    ),
    "scotpho_profiles": lambda files, sid: [
        *readers.read_scotpho_participation(files[0], sid),
        *readers.read_scotpho_ill_health_inactivity(files[0], sid),
    ],
    "sds_annual_participation_measure": lambda files, sid: [
        *readers.read_apm_headlines(files[0], sid),
        *readers.read_published_figures(files[1], sid, only=SDS_FIGURES),
    ],
    "sg_rural_scotland_apm": lambda files, sid: readers.read_apm_status_shares(files[0], sid),
}


def release_id(source_id: str, source: Source) -> str:
    return f"{source_id}@{_stated(source.published, source_id)}"


def _stated(value: str | None, source_id: str) -> str:
    """A date the registry must state for a source with files (its validator ensures it)."""
    if value is None:
        raise BuildError(f"{source_id}: the registry gives no published/retrieved date")
    return value


def embedded_sources(registry: Registry) -> dict[str, Source]:
    """The sources this offline build reads: all but the live-only ones (the live refresh's)."""
    return {sid: s for sid, s in sorted(registry.sources.items()) if not s.is_live_only}


def _input_files(
    shared_dir: Path, source_id: str, source: Source | tuple[SourceFile, ...]
) -> tuple[list[Path], list[InputFile]]:
    paths, records = [], []
    for declared in source.files if isinstance(source, Source) else source:
        path = shared_dir / declared.path
        if not path.is_file():
            raise BuildError(f"{source_id}: input file {path} is missing")
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if declared.sha256 is not None and digest != declared.sha256:
            raise BuildError(
                f"{source_id}: {declared.path} has SHA-256 {digest}, but the registry records "
                f"{declared.sha256}. Review the new file, then update metadata/registry.yaml."
            )
        paths.append(path)
        records.append(InputFile(path=declared.path, sha256=digest, bytes=len(data)))
    return paths, records


def build_delivery(
    shared_dir: Path, registry: Registry
) -> tuple[pd.DataFrame, DeliveryTable] | None:
    """No One Left Behind's delivery statistics as their own validated table, with the
    manifest's description of it (None when the registry declares none)."""
    declared = registry.delivery
    if declared is None:
        return None
    _, files = _input_files(shared_dir, "delivery", (declared.scotland_file, declared.council_file))
    try:
        table = nolb.read_delivery(shared_dir, declared)
    except readers.SourceFormatError as error:
        raise BuildError(f"delivery: {error}") from error
    except Exception as error:  # pandera's SchemaErrors lists every failing row
        raise BuildError(f"delivery: the table fails validation:\n{error}") from error
    described = DeliveryTable(
        sha256=sha256_bytes(delivery_to_csv(table)),
        rows=len(table),
        retrieved=declared.retrieved,
        files=tuple(files),
    )
    return table, described


def build(
    shared_dir: Path, registry: Registry | None = None
) -> tuple[pd.DataFrame, SnapshotManifest]:
    """Parse every source into one validated frame and its manifest (writes nothing)."""
    registry = registry or load_registry()
    all_records: list[Record] = []
    file_records: dict[str, list[InputFile]] = {}
    sources = embedded_sources(registry)
    for source_id, source in sources.items():
        reader = READERS.get(source_id)
        if reader is None:
            raise BuildError(f"no reader for source {source_id!r}")
        paths, file_records[source_id] = _input_files(shared_dir, source_id, source)
        try:
            all_records += reader(paths, source_id)
        except (readers.SourceFormatError, ValueError, KeyError) as error:
            raise BuildError(f"{source_id}: {error}") from error

    all_records = check_derived_values(all_records, registry)
    release_ids = {
        sid: release_id(sid, registry.sources[sid]) for sid in {r.source_id for r in all_records}
    }
    frame, resolution_notes = resolve_overlaps(records_to_frame(all_records, release_ids), registry)
    check_coverage(frame, registry)
    try:
        frame = validate_observations(frame)
    except Exception as error:  # pandera's SchemaErrors lists every failing row
        raise BuildError(f"the built table fails validation:\n{error}") from error

    releases = []
    for source_id, source in sources.items():
        rows = frame[frame["source_id"] == source_id]
        ordered = rows.sort_values("period_end")
        releases.append(
            SourceRelease(
                release_id=release_id(source_id, source),
                source_id=source_id,
                publisher=source.publisher,
                title=source.title,
                url=source.url,
                licence=source.licence,
                published=_stated(source.published, source_id),
                retrieved=_stated(source.retrieved, source_id),
                origin=source.origin,
                files=tuple(file_records[source_id]),
                rows=len(rows),
                indicators=tuple(sorted(set(rows["indicator_id"]))),
                first_period=str(ordered["period_label"].iloc[0]) if len(rows) else "",
                last_period=str(ordered["period_label"].iloc[-1]) if len(rows) else "",
                notes=source.notes,
            )
        )
    manifest = SnapshotManifest(
        snapshot_version=max(_stated(s.published, sid) for sid, s in sources.items()),
        kind="embedded",
        observations_sha256=sha256_bytes(observations_to_csv(frame)),
        rows=len(frame),
        built_with={"pandas": version("pandas"), "pandera": version("pandera")},
        releases=tuple(releases),
        resolution_notes=tuple(resolution_notes),
    )
    return frame, manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED_DIR, help="shared/data directory"
    )
    parser.add_argument(
        "--dest", type=Path, default=EMBEDDED_SNAPSHOT_DIR, help="snapshot directory"
    )
    args = parser.parse_args(argv)
    try:
        registry = load_registry()
        frame, manifest = build(args.shared, registry)
        delivery = build_delivery(args.shared, registry)
        changes = write_snapshot(
            frame,
            manifest,
            args.dest,
            release_file=embedded_release_file(frame, manifest),
            delivery=delivery,
        )
    except BuildError as error:
        print(
            f"Snapshot build failed; the existing snapshot is unchanged.\n{error}", file=sys.stderr
        )
        return 1
    print(
        f"Wrote {len(frame)} rows for {frame['indicator_id'].nunique()} indicators to {args.dest}"
    )
    print(changes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
