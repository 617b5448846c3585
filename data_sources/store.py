"""Versioned store of refreshed snapshots, so a refresh never exposes a half-written snapshot.

Layout under the data directory ($NOLB_DATA_DIR, else platformdirs' user data directory):

    CURRENT                      one line: the id of the snapshot in use
    .publish.lock                held (fcntl.flock) by the one refresh publishing at a time
    snapshots/<id>/              observations.csv, manifest.json, CHANGES.md, RELEASE.json,
                                 council_areas.geojson, boundaries.json (never changed once there)
    snapshots/<id>/downloads/    files the balancer serves as /downloads/<name> (whole-snapshot
                                 downloads), see serving/static_files.py
    releases/<id>.json           the release delta of every published version (never pruned)

Publishing takes the lock (a second refresh waits), writes a new version into a staging
directory, reads it back and validates it, then renames the directory into `snapshots/`
(atomic) and finally replaces `CURRENT` with `os.replace` (atomic). A version identical to the
current one is not published again, so concurrent refreshes never fill the kept versions with
duplicates. If anything fails (a full or read-only disk included) what was written is removed
and StoreError says so: the store is left as it was. A reader resolves `CURRENT` once and
reads one immutable directory, so it sees either the old snapshot or the new one, whole. Old
versions are pruned, keeping the newest few; a reader whose version disappears under it
resolves `CURRENT` again. Readers refuse version folders that are symlinks and files that
are not regular files (a FIFO would block them).

`load_freshest_snapshot` returns the refreshed snapshot when there is a usable one, and the
embedded snapshot otherwise, with `fallback_reason` saying in plain words why a refreshed one
was not used (it is shown to visitors) and `fallback_detail` giving the technical reason (it is
logged, and printed by the refresh).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
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
    read_regular_file,
)
from geo.council_areas import BOUNDARIES_FILE
from metadata.registry import Registry, load_registry

LOGGER = logging.getLogger(__name__)
APP_NAME: Final = "nolb-dashboard"


def default_data_dir() -> Path:
    """Where refreshed snapshots live: $NOLB_DATA_DIR, else the user data directory."""
    override = os.environ.get("NOLB_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


DEFAULT_STORE_CHECK_SECONDS: Final = 60.0


def store_check_seconds() -> float:
    """How often a running server looks at the store's CURRENT pointer for a new version:
    $NOLB_STORE_CHECK_SECONDS (seconds, 0.5 to a day), else once a minute. A look reads one
    short file; the snapshot is loaded again only when the pointer has changed."""
    text = os.environ.get("NOLB_STORE_CHECK_SECONDS", "").strip()
    if not text:
        return DEFAULT_STORE_CHECK_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"NOLB_STORE_CHECK_SECONDS must be seconds, got {text!r}") from None
    if not 0.5 <= seconds <= 86_400:
        raise ValueError(f"NOLB_STORE_CHECK_SECONDS must be 0.5 to 86400, got {text!r}")
    return seconds


CURRENT_FILE: Final = "CURRENT"
LOCK_FILE: Final = ".publish.lock"
SNAPSHOTS_DIR: Final = "snapshots"
RELEASES_DIR: Final = "releases"  # one delta per published version, never pruned
BOUNDARIES_PROVENANCE_FILE: Final = "boundaries.json"
KEEP_VERSIONS: Final = 3
VERSION_PATTERN: Final = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{8}$")
POINTER_PATTERN: Final = re.compile(rf"^\.{CURRENT_FILE}\..+\.tmp$")
READ_ATTEMPTS: Final = 3

# Why a refreshed snapshot was set aside, in words fit for every visitor (no paths, no dumps).
POINTER_DAMAGED: Final = "the record of which refreshed data to use is damaged."
VERSION_MISSING: Final = "the refreshed data is missing or not where it should be."
FAILED_CHECKS: Final = "the refreshed data failed its integrity checks."
NEWER_INDICATORS: Final = (
    "the refreshed data includes indicators this version of the dashboard does not know."
)
KEPT_CHANGING: Final = "the refreshed data kept changing while it was read."


class StoreError(SnapshotError):
    """The data directory could not be written (full, read-only, ...); nothing was changed."""


class _VersionMissingError(SnapshotError):
    """The version CURRENT names is not a real directory in snapshots/."""


class _IncompatibleError(SnapshotError):
    """The version was made for indicators this code does not know."""


@dataclass(frozen=True)
class FreshestSnapshot:
    """The snapshot to serve and where it came from."""

    snapshot: Snapshot
    origin: Literal["refreshed", "embedded"]
    fallback_reason: str | None = None
    version: str | None = None
    boundaries_path: Path | None = None
    fallback_detail: str | None = None


def new_version_id(now: datetime | None = None) -> str:
    """A sortable, unique version id: UTC time to the microsecond plus a random suffix."""
    moment = now or datetime.now(UTC)
    return f"{moment:%Y%m%dT%H%M%S%f}Z-{uuid.uuid4().hex[:8]}"


def current_version(root: Path) -> str | None:
    """The version named by CURRENT, or None if no refresh has been published."""
    try:
        text = read_regular_file(root / CURRENT_FILE).decode("utf-8", errors="replace").strip()
    except FileNotFoundError:
        return None
    if not VERSION_PATTERN.match(text):
        raise SnapshotError(
            f"{root / CURRENT_FILE} does not name a snapshot version: {text[:60]!r}"
        )
    return text


def current_pointer(root: Path) -> str:
    """What CURRENT says right now, unchecked ('' if absent or unreadable): one short read, so a
    long-running server can afford it often and reload the snapshot only when it changes."""
    try:
        return (root / CURRENT_FILE).read_text(encoding="utf-8").strip()[:100]
    except (OSError, UnicodeDecodeError):
        return ""


def load_version(root: Path, version: str) -> tuple[Snapshot, Path | None]:
    """Load and validate one stored version (observations, manifest and boundaries checksum)."""
    directory = root / SNAPSHOTS_DIR / version
    if directory.is_symlink():
        raise _VersionMissingError(f"refreshed snapshot {directory} is a symlink; refused")
    if not directory.is_dir():
        raise _VersionMissingError(f"refreshed snapshot {directory} is missing")
    links = sorted(entry.name for entry in directory.iterdir() if entry.is_symlink())
    if links:
        raise SnapshotError(f"refreshed snapshot {directory} holds symlinks {links}; refused")
    snapshot = load_snapshot(directory)
    return snapshot, _checked_boundaries(directory)


def _checked_boundaries(directory: Path) -> Path | None:
    path = directory / BOUNDARIES_FILE
    provenance_path = directory / BOUNDARIES_PROVENANCE_FILE
    if not path.exists() and not provenance_path.exists():
        return None
    try:
        provenance = json.loads(read_regular_file(provenance_path).decode("utf-8"))
        digest = hashlib.sha256(read_regular_file(path)).hexdigest()
    except (OSError, ValueError) as error:
        raise SnapshotError(f"cannot read the boundaries in {directory}: {error}") from error
    if not isinstance(provenance, dict) or digest != provenance.get("output_sha256"):
        raise SnapshotError(f"{path} does not match the checksum in {provenance_path.name}")
    return path


def _check_against_registry(snapshot: Snapshot, registry: Registry) -> None:
    unknown = set(snapshot.observations["indicator_id"]) - set(registry.indicators)
    if unknown:
        raise _IncompatibleError(
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
    registry does not know is not used; the embedded snapshot is returned with the reason in
    plain words (`fallback_reason`, for visitors) and in full (`fallback_detail`, logged).
    Raises SnapshotError only if the embedded snapshot itself cannot be loaded.
    """
    root = data_dir if data_dir is not None else default_data_dir()
    reason: str | None = None
    detail: str | None = None
    for _ in range(READ_ATTEMPTS):
        try:
            version = current_version(root)
        except (SnapshotError, OSError) as error:
            reason, detail = POINTER_DAMAGED, str(error)
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
            reason = (
                VERSION_MISSING
                if isinstance(error, _VersionMissingError)
                else NEWER_INDICATORS
                if isinstance(error, _IncompatibleError)
                else FAILED_CHECKS
            )
            detail = f"refreshed snapshot {version} is unusable: {error}"
            break
        return FreshestSnapshot(snapshot, "refreshed", None, version, boundaries)
    else:
        reason, detail = KEPT_CHANGING, "the refreshed snapshot kept changing while it was read"
    if detail:
        LOGGER.warning("serving the embedded snapshot: %s", detail)
    return FreshestSnapshot(load_snapshot(embedded_dir), "embedded", reason, fallback_detail=detail)


def _write_file(path: Path, data: bytes) -> None:
    """Create `path` (it must not exist) holding `data`, flushed to disk."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


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


PUBLIC_FOLDERS: Final = ("downloads",)
FILE_NAME_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def _check_file_name(name: str) -> None:
    *folders, leaf = name.split("/")
    public = folders == [] or (len(folders) == 1 and folders[0] in PUBLIC_FOLDERS)
    if not public or not FILE_NAME_PATTERN.match(leaf) or ".." in leaf:
        raise SnapshotError(f"cannot publish a file named {name[:80]!r}")


@contextmanager
def publish_lock(root: Path) -> Iterator[None]:
    """Hold the store's publish lock: one refresh publishes and prunes at a time, others wait.

    The lock is an advisory `flock` on `.publish.lock`, released by the kernel if the holder
    dies, so a killed refresh never leaves the store locked.
    """
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        try:  # a read-only store still locks, so the caller reports why it cannot write
            descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            raise error from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _same_as_current(root: Path, files: Mapping[str, bytes]) -> str | None:
    """The current version if it holds exactly `files` (a concurrent refresh published them)."""
    try:
        current = current_version(root)
    except (SnapshotError, OSError):
        return None
    if current is None:
        return None
    directory = root / SNAPSHOTS_DIR / current
    try:  # the release delta is made at publishing (it carries its time), so it is not compared
        names = {str(p.relative_to(directory)) for p in directory.rglob("*") if not p.is_dir()} - {
            RELEASE_FILE
        }
        if directory.is_symlink() or names != set(files) - {RELEASE_FILE}:
            return None
        same = all(read_regular_file(directory / name) == data for name, data in files.items())
    except OSError:
        return None
    return current if same else None


def _describe(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "it is read-only or not writable"
    return error.strerror or type(error).__name__


def publish(root: Path, files: Mapping[str, bytes], *, keep: int = KEEP_VERSIONS) -> str | None:
    """Write `files` as a new version, validate it, then point CURRENT at it; returns its id,
    or None if the current version already holds exactly these files.

    Nothing a reader can see changes until the final `os.replace` of CURRENT. If validation
    fails the staging directory is removed and SnapshotError is raised; if the disk cannot be
    written (full, read-only) everything written is removed and StoreError is raised.
    """
    for name in files:
        _check_file_name(name)  # a name may sit in one public folder ("downloads/<name>")
    try:
        with publish_lock(root):
            return _publish_locked(root, files, keep)
    except OSError as error:
        raise StoreError(
            f"the store in {root}: cannot publish, {_describe(error)} "
            f"({type(error).__name__}: {error}); nothing was changed"
        ) from None


def _publish_locked(root: Path, files: Mapping[str, bytes], keep: int) -> str | None:
    _clean_leftovers(root)
    if _same_as_current(root, files) is not None:
        return None
    version = new_version_id()
    snapshots = root / SNAPSHOTS_DIR
    created_snapshots = not snapshots.exists()
    snapshots.mkdir(parents=True, exist_ok=True)
    delta = _delta_against_the_replaced(root, version, files[OBSERVATIONS_FILE])
    staging = snapshots / f".staging-{version}"
    published = snapshots / version
    releases = root / RELEASES_DIR
    created_releases = not releases.exists()
    release = releases / f"{version}.json"
    pointer = root / f".{CURRENT_FILE}.{version}.tmp"
    done = False
    try:
        staging.mkdir()
        for name, data in {**files, RELEASE_FILE: delta}.items():
            (staging / name).parent.mkdir(exist_ok=True)
            _write_file(staging / name, data)
        load_snapshot(staging)  # read back exactly what readers will see
        _checked_boundaries(staging)
        _fsync_directory(staging)
        os.rename(staging, published)
        _fsync_directory(snapshots)
        releases.mkdir(exist_ok=True)
        _write_file(release, delta)
        _write_file(pointer, f"{version}\n".encode())
        os.replace(pointer, root / CURRENT_FILE)
        done = True
        _fsync_directory(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_quietly(pointer)
        if not done:
            shutil.rmtree(published, ignore_errors=True)
            _remove_quietly(release)
            if created_releases:
                shutil.rmtree(releases, ignore_errors=True)
            if created_snapshots:
                shutil.rmtree(snapshots, ignore_errors=True)
    try:
        prune(root, keep=keep)
    except OSError as error:  # published already; an old version left behind does no harm
        LOGGER.warning("could not prune old versions in %s: %s", root, error)
    return version


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _clean_leftovers(root: Path) -> None:
    """Remove what a killed publisher left: staging directories and `.CURRENT.<id>.tmp` files.

    Called under the publish lock, so nothing else is writing them.
    """
    try:
        for entry in root.iterdir():
            if POINTER_PATTERN.match(entry.name):
                _remove_quietly(entry)
        snapshots = root / SNAPSHOTS_DIR
        if snapshots.is_dir():
            for leftover in snapshots.glob(".staging-*"):
                shutil.rmtree(leftover, ignore_errors=True)
    except OSError:
        pass


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
        history.append(delta_from_json(read_regular_file(embedded_dir / RELEASE_FILE)))
    except (OSError, ValueError):
        pass  # an embedded snapshot built before deltas were kept
    directory = root / RELEASES_DIR
    if directory.is_dir():
        for path in sorted(directory.glob("*.json")):
            if not VERSION_PATTERN.match(path.stem) or path.is_symlink():
                continue
            try:  # a FIFO or device is refused without blocking
                history.append(delta_from_json(read_regular_file(path)))
            except (OSError, ValueError):
                continue
    return history


def prune(root: Path, *, keep: int = KEEP_VERSIONS) -> list[str]:
    """Delete all but the newest `keep` versions (never the current one); returns those removed.

    A version folder that is a symlink is unlinked, never followed.
    """
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
        path = snapshots / version
        if path.is_symlink():
            _remove_quietly(path)
        else:
            shutil.rmtree(path, ignore_errors=True)
    return removed
