"""Versioned store of refreshed snapshots, so a refresh never exposes a half-written snapshot.

Layout under the data directory ($NOLB_DATA_DIR, else platformdirs' user data directory):

    CURRENT                      one line: the id of the snapshot in use
    snapshots/<id>/              observations.csv, manifest.json, CHANGES.md,
                                 council_areas.geojson, boundaries.json (never changed once there)

Publishing writes a new version into a staging directory, reads it back and validates it, then
renames the directory into `snapshots/` (atomic) and finally replaces `CURRENT` with
`os.replace` (atomic). A reader resolves `CURRENT` once and reads one immutable directory, so
it sees either the old snapshot or the new one, whole. Old versions are pruned, keeping the
newest few; a reader whose version disappears under it resolves `CURRENT` again.

`load_freshest_snapshot` returns the refreshed snapshot when there is a usable one, and the
embedded snapshot otherwise, with `fallback_reason` saying why a refreshed one was not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal

import platformdirs

from data_sources.release_delta import (
    RELEASE_FILE,
    ReleaseDelta,
    compute_delta,
    delta_from_json,
    delta_to_json,
    embedded_release_id,
)
from data_sources.snapshot import (
    EMBEDDED_SNAPSHOT_DIR,
    OBSERVATIONS_FILE,
    Snapshot,
    SnapshotError,
    load_snapshot,
    read_observations_csv,
)
from metadata.registry import Registry, load_registry

APP_NAME: Final = "nolb-dashboard"


def default_data_dir() -> Path:
    """Where refreshed snapshots live: $NOLB_DATA_DIR, else the user data directory."""
    override = os.environ.get("NOLB_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


CURRENT_FILE: Final = "CURRENT"
SNAPSHOTS_DIR: Final = "snapshots"
RELEASES_DIR: Final = "releases"  # one delta per published version, never pruned
BOUNDARIES_FILE: Final = "council_areas.geojson"
BOUNDARIES_PROVENANCE_FILE: Final = "boundaries.json"
KEEP_VERSIONS: Final = 3
STALE_STAGING_SECONDS: Final = 3600
VERSION_PATTERN: Final = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{8}$")
READ_ATTEMPTS: Final = 3


@dataclass(frozen=True)
class FreshestSnapshot:
    """The snapshot to serve and where it came from."""

    snapshot: Snapshot
    origin: Literal["refreshed", "embedded"]
    fallback_reason: str | None = None
    version: str | None = None
    boundaries_path: Path | None = None


def new_version_id(now: datetime | None = None) -> str:
    """A sortable, unique version id: UTC time to the microsecond plus a random suffix."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%dT%H%M%S%f}Z-{uuid.uuid4().hex[:8]}"


def current_version(root: Path) -> str | None:
    """The version named by CURRENT, or None if no refresh has been published."""
    try:
        text = (root / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not VERSION_PATTERN.match(text):
        raise SnapshotError(
            f"{root / CURRENT_FILE} does not name a snapshot version: {text[:60]!r}"
        )
    return text


def load_version(root: Path, version: str) -> tuple[Snapshot, Path | None]:
    """Load and validate one stored version (observations, manifest and boundaries checksum)."""
    directory = root / SNAPSHOTS_DIR / version
    if not directory.is_dir():
        raise SnapshotError(f"refreshed snapshot {directory} is missing")
    snapshot = load_snapshot(directory)
    return snapshot, _checked_boundaries(directory)


def _checked_boundaries(directory: Path) -> Path | None:
    path = directory / BOUNDARIES_FILE
    provenance_path = directory / BOUNDARIES_PROVENANCE_FILE
    if not path.exists() and not provenance_path.exists():
        return None
    try:
        provenance = json.loads(provenance_path.read_text(encoding="utf-8"))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, ValueError) as error:
        raise SnapshotError(f"cannot read the boundaries in {directory}: {error}") from error
    if not isinstance(provenance, dict) or digest != provenance.get("output_sha256"):
        raise SnapshotError(f"{path} does not match the checksum in {provenance_path.name}")
    return path


def _check_against_registry(snapshot: Snapshot, registry: Registry) -> None:
    unknown = set(snapshot.observations["indicator_id"]) - set(registry.indicators)
    if unknown:
        raise SnapshotError(
            f"the refreshed snapshot has indicators this version does not know: {sorted(unknown)}"
        )
    if snapshot.manifest.kind != "live":
        raise SnapshotError(
            f"the refreshed snapshot's manifest says kind {snapshot.manifest.kind!r}"
        )


def load_freshest_snapshot(
    data_dir: Path | None = None,
    *,
    embedded_dir: Path = EMBEDDED_SNAPSHOT_DIR,
    registry: Registry | None = None,
) -> FreshestSnapshot:
    """The refreshed snapshot if one is published and sound, else the embedded one.

    A refreshed snapshot that is missing, corrupt, fails validation or names indicators the
    registry does not know is not used; the embedded snapshot is returned with the reason.
    Raises SnapshotError only if the embedded snapshot itself cannot be loaded.
    """
    root = data_dir if data_dir is not None else default_data_dir()
    reason: str | None = None
    for _ in range(READ_ATTEMPTS):
        try:
            version = current_version(root)
        except (SnapshotError, OSError) as error:
            reason = str(error)
            break
        if version is None:
            break
        try:
            snapshot, boundaries = load_version(root, version)
            _check_against_registry(snapshot, registry or load_registry())
        except (SnapshotError, OSError) as error:
            try:
                moved_on = current_version(root) != version
            except (SnapshotError, OSError):
                moved_on = False
            if moved_on:
                continue  # a refresh replaced and pruned it while we read: read the new one
            reason = f"refreshed snapshot {version} is unusable: {error}"
            break
        return FreshestSnapshot(snapshot, "refreshed", None, version, boundaries)
    else:
        reason = "the refreshed snapshot kept changing while it was read"
    return FreshestSnapshot(load_snapshot(embedded_dir), "embedded", reason)


def _write_file(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform; the renames are still atomic
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def publish(root: Path, files: Mapping[str, bytes], *, keep: int = KEEP_VERSIONS) -> str:
    """Write `files` as a new version, validate it, then point CURRENT at it; returns its id.

    Nothing a reader can see changes until the final `os.replace` of CURRENT. If validation
    fails the staging directory is removed and SnapshotError is raised.
    """
    version = new_version_id()
    snapshots = root / SNAPSHOTS_DIR
    snapshots.mkdir(parents=True, exist_ok=True)
    delta = _delta_against_the_replaced(root, version, files[OBSERVATIONS_FILE])
    staging = snapshots / f".staging-{version}"
    staging.mkdir()
    try:
        for name, data in {**files, RELEASE_FILE: delta}.items():
            _write_file(staging / name, data)
        load_snapshot(staging)  # read back exactly what readers will see
        _checked_boundaries(staging)
        _fsync_directory(staging)
        os.rename(staging, snapshots / version)
        _fsync_directory(snapshots)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    releases = root / RELEASES_DIR
    releases.mkdir(exist_ok=True)
    _write_file(releases / f"{version}.json", delta)
    pointer = root / f".{CURRENT_FILE}.{version}.tmp"
    try:
        _write_file(pointer, f"{version}\n".encode())
        os.replace(pointer, root / CURRENT_FILE)
        _fsync_directory(root)
    finally:
        pointer.unlink(missing_ok=True)
    prune(root, keep=keep)
    return version


def _delta_against_the_replaced(root: Path, version: str, observations: bytes) -> bytes:
    """The new version's delta against what readers saw until now: the current refreshed
    version when it is sound, else the embedded snapshot."""
    try:
        current = current_version(root)
        previous, _ = load_version(root, current) if current else (None, None)
        previous_release = current
    except (SnapshotError, OSError):
        previous = None
    if previous is None:
        previous = load_snapshot(EMBEDDED_SNAPSHOT_DIR)
        previous_release = embedded_release_id(previous.manifest)
    delta = compute_delta(
        read_observations_csv(observations),
        release=version,
        released_at=datetime.now(UTC).isoformat(timespec="seconds"),
        previous=previous,
        previous_release=previous_release,
    )
    return delta_to_json(delta)


def release_history(
    root: Path | None = None, *, embedded_dir: Path = EMBEDDED_SNAPSHOT_DIR
) -> list[ReleaseDelta]:
    """Every release on record, oldest first: the embedded snapshot's, then each refresh's.

    A delta that cannot be read is left out (the chain then stops there for comparisons)."""
    root = root if root is not None else default_data_dir()
    history: list[ReleaseDelta] = []
    try:
        history.append(delta_from_json((embedded_dir / RELEASE_FILE).read_bytes()))
    except (OSError, ValueError):
        pass  # an embedded snapshot built before deltas were kept
    directory = root / RELEASES_DIR
    if directory.is_dir():
        for path in sorted(directory.glob("*.json")):
            if not VERSION_PATTERN.match(path.stem) or not path.is_file():
                continue
            try:
                history.append(delta_from_json(path.read_bytes()))
            except (OSError, ValueError):
                continue
    return history


def prune(root: Path, *, keep: int = KEEP_VERSIONS) -> list[str]:
    """Delete all but the newest `keep` versions (never the current one); returns those removed."""
    snapshots = root / SNAPSHOTS_DIR
    if not snapshots.is_dir():
        return []
    try:
        current = current_version(root)
    except SnapshotError:
        current = None
    versions = sorted(p.name for p in snapshots.iterdir() if VERSION_PATTERN.match(p.name))
    keep_set = set(versions[-keep:]) | ({current} if current else set())
    removed = [v for v in versions if v not in keep_set]
    for version in removed:
        shutil.rmtree(snapshots / version, ignore_errors=True)
    cutoff = time.time() - STALE_STAGING_SECONDS
    for leftover in snapshots.glob(".staging-*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            pass
    return removed
