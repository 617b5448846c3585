"""Read and write the snapshot: a validated observations table plus its manifest.

Writes are all-or-nothing: a new snapshot is written to a temporary directory beside the
destination, read back and validated, and only then swapped in, so a failed build or a bad
input never replaces good data. The same inputs always give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data_sources.delivery import DELIVERY_FILE, delivery_to_csv, read_delivery_csv
from data_sources.provenance import DeliveryTable, SnapshotManifest
from data_sources.schema import COLUMNS, validate_observations
from data_sources.stable_csv import stable_csv_bytes

EMBEDDED_SNAPSHOT_DIR = Path(__file__).parent / "snapshot"
OBSERVATIONS_FILE = "observations.csv"
MANIFEST_FILE = "manifest.json"
CHANGES_FILE = "CHANGES.md"
DELIVERY_PROVENANCE_FILE = "delivery.json"
SORT_KEY = ["indicator_id", "area_code", "period"]
STRING_COLUMNS = [c for c in COLUMNS if c not in {"value", "lower_95", "upper_95"}]


class SnapshotError(RuntimeError):
    """The snapshot on disk is missing, unreadable or fails validation."""


def read_regular_file(path: Path) -> bytes:
    """The bytes of `path`, refusing anything but a regular file.

    Opened without blocking and checked on the open descriptor, so a FIFO (or device) put in
    place of a snapshot file is refused at once instead of blocking every reader forever.
    Raises OSError (FileNotFoundError if absent).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path} is not a regular file")
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class Snapshot:
    """Validated observations with the manifest describing where each row came from."""

    observations: pd.DataFrame
    manifest: SnapshotManifest
    directory: Path
    # No One Left Behind's delivery statistics (data_sources.delivery), when the snapshot holds
    # them: the embedded build does; a live refresh does not fetch them.
    delivery: pd.DataFrame | None = None

    @property
    def changes(self) -> str:
        """The build's CHANGES.md (what this snapshot added or revised), or '' if absent."""
        try:
            return read_regular_file(self.directory / CHANGES_FILE).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return ""


def observations_to_csv(frame: pd.DataFrame) -> bytes:
    """Deterministic CSV bytes: fixed column order, sorted rows, fixed float format."""
    return stable_csv_bytes(frame, COLUMNS, list(SORT_KEY))


def read_observations_csv(data: bytes) -> pd.DataFrame:
    frame = pd.read_csv(
        io.BytesIO(data),
        dtype=dict.fromkeys(STRING_COLUMNS, "string"),
        keep_default_na=False,
        na_values={
            "value": [""],
            "lower_95": [""],
            "upper_95": [""],
            "status_detail": [""],
            "note": [""],
        },
    )
    for column in STRING_COLUMNS:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def manifest_to_json(manifest: SnapshotManifest) -> bytes:
    data = manifest.model_dump(mode="json")
    if not data.get("refresh_outcomes"):
        del data["refresh_outcomes"]  # only refreshed snapshots have them; builds stay as they were
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_snapshot(directory: Path = EMBEDDED_SNAPSHOT_DIR) -> Snapshot:
    """Load and validate a snapshot; raises SnapshotError with the reason if it is unusable."""
    try:
        data = read_regular_file(directory / OBSERVATIONS_FILE)
        manifest_bytes = read_regular_file(directory / MANIFEST_FILE)
        manifest = SnapshotManifest.model_validate_json(manifest_bytes)
    except (OSError, ValueError) as error:
        raise SnapshotError(f"cannot read the snapshot in {directory}: {error}") from error
    if sha256_bytes(data) != manifest.observations_sha256:
        raise SnapshotError(f"{directory / OBSERVATIONS_FILE} does not match its manifest checksum")
    try:
        observations = validate_observations(read_observations_csv(data))
    except Exception as error:  # pandera raises several types; all mean "unusable"
        raise SnapshotError(f"the snapshot in {directory} fails validation: {error}") from error
    unknown = set(observations["release_id"]) - {r.release_id for r in manifest.releases}
    if unknown:
        raise SnapshotError(f"rows cite releases missing from the manifest: {sorted(unknown)}")
    return Snapshot(observations, manifest, directory, _load_delivery(directory))


def _load_delivery(directory: Path) -> pd.DataFrame | None:
    """The delivery table if the snapshot holds one (delivery.json beside delivery.csv),
    checked against the checksum delivery.json records; None when there is no delivery.json."""
    try:
        described = read_regular_file(directory / DELIVERY_PROVENANCE_FILE)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SnapshotError(
            f"cannot read {DELIVERY_PROVENANCE_FILE} in {directory}: {error}"
        ) from error
    try:
        provenance = DeliveryTable.model_validate_json(described)
        data = read_regular_file(directory / DELIVERY_FILE)
    except (OSError, ValueError) as error:
        raise SnapshotError(f"cannot read the delivery table in {directory}: {error}") from error
    if sha256_bytes(data) != provenance.sha256:
        raise SnapshotError(
            f"{directory / DELIVERY_FILE} does not match {DELIVERY_PROVENANCE_FILE}"
        )
    try:
        return read_delivery_csv(data)
    except Exception as error:  # pandera raises several types; all mean "unusable"
        raise SnapshotError(
            f"the delivery table in {directory} fails validation: {error}"
        ) from error


def delivery_provenance_to_json(provenance: DeliveryTable) -> bytes:
    return (
        json.dumps(provenance.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    ).encode("utf-8")


def load_embedded_delivery(directory: Path = EMBEDDED_SNAPSHOT_DIR) -> pd.DataFrame | None:
    """The embedded snapshot's delivery table: a refreshed snapshot has none of its own,
    because No One Left Behind's statistics are transcribed, never fetched live."""
    return load_snapshot(directory).delivery


def describe_changes(old: pd.DataFrame | None, new: pd.DataFrame) -> str:
    """A reviewer's summary of what a rebuild changed: new periods, revisions, new series."""
    lines = ["# Changes in this snapshot build", ""]
    if old is None:
        counts = new.groupby("indicator_id").size()
        lines.append("First build. Rows per indicator:")
        lines += [f"- {indicator}: {count}" for indicator, count in counts.items()]
        return "\n".join(lines) + "\n"
    old_ids, new_ids = set(old["indicator_id"]), set(new["indicator_id"])
    for indicator in sorted(new_ids - old_ids):
        lines.append(f"- New indicator: {indicator}")
    for indicator in sorted(old_ids - new_ids):
        lines.append(f"- Removed indicator: {indicator}")
    for indicator in sorted(old_ids & new_ids):
        old_periods = set(old.loc[old["indicator_id"] == indicator, "period_label"])
        new_periods = set(new.loc[new["indicator_id"] == indicator, "period_label"])
        if added := sorted(new_periods - old_periods):
            lines.append(f"- {indicator}: new periods {', '.join(added)}")
        if removed := sorted(old_periods - new_periods):
            lines.append(f"- {indicator}: periods removed {', '.join(removed)}")
    merged = old.merge(new, on=SORT_KEY, suffixes=("_old", "_new"))
    value_changed = ~(
        (merged["value_old"] == merged["value_new"])
        | (merged["value_old"].isna() & merged["value_new"].isna())
    )
    revised = merged[value_changed | (merged["status_old"] != merged["status_new"])]
    for row in revised.itertuples(index=False):
        lines.append(
            f"- Revised: {row.indicator_id}, {row.area_name_new}, {row.period_label_new}: "
            f"{row.value_old} ({row.status_old}) -> {row.value_new} ({row.status_new})"
        )
    if len(lines) == 2:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"


# A file describing the change: its name, and how to make it from the snapshot replaced (None
# when there is none, or the observations are unchanged) and the file already there, if any.
ReleaseFile = tuple[str, Callable[["Snapshot | None", bytes | None], bytes]]


def write_snapshot(
    observations: pd.DataFrame,
    manifest: SnapshotManifest,
    dest: Path,
    *,
    release_file: ReleaseFile | None = None,
    delivery: tuple[pd.DataFrame, DeliveryTable] | None = None,
) -> str:
    """Validate, then atomically replace the snapshot at `dest`; returns the change summary.

    `delivery` is the delivery statistics table with its provenance, written as delivery.csv
    and delivery.json (the checksum must match the table).

    `release_file` names a further file describing the change (the release delta) and makes it
    from the snapshot being replaced. If the observations are unchanged the previous CHANGES.md
    and release file are kept, so rebuilding from the same inputs leaves every file
    byte-identical.
    """
    data = observations_to_csv(validate_observations(observations))
    if sha256_bytes(data) != manifest.observations_sha256:
        raise SnapshotError("manifest checksum does not match the observations being written")
    delivery_files: dict[str, bytes] = {}
    if delivery is not None:
        table, provenance = delivery
        delivery_data = delivery_to_csv(table)
        if sha256_bytes(delivery_data) != provenance.sha256:
            raise SnapshotError("delivery.json's checksum does not match the delivery table")
        delivery_files = {
            DELIVERY_FILE: delivery_data,
            DELIVERY_PROVENANCE_FILE: delivery_provenance_to_json(provenance),
        }
    previous: Snapshot | None = None
    if (dest / OBSERVATIONS_FILE).exists():
        try:
            previous = load_snapshot(dest)
        except SnapshotError:
            previous = None
    unchanged = previous is not None and (dest / OBSERVATIONS_FILE).read_bytes() == data
    extra: dict[str, bytes] = {}
    if unchanged:
        changes = (
            (dest / CHANGES_FILE).read_text(encoding="utf-8")
            if (dest / CHANGES_FILE).exists()
            else ""
        )
    else:
        old = previous.observations if previous is not None else None
        changes = describe_changes(old, read_observations_csv(data))
    if release_file is not None:
        name, make = release_file
        kept = (dest / name).read_bytes() if unchanged and (dest / name).is_file() else None
        # Unchanged observations replace nothing: the maker keeps the file it wrote before.
        extra[name] = make(None if unchanged else previous, kept)

    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = dest.parent / f".{dest.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        (staging / OBSERVATIONS_FILE).write_bytes(data)
        (staging / MANIFEST_FILE).write_bytes(manifest_to_json(manifest))
        (staging / CHANGES_FILE).write_text(changes, encoding="utf-8")
        for name, content in delivery_files.items():
            (staging / name).write_bytes(content)
        for name, content in extra.items():
            (staging / name).write_bytes(content)
        load_snapshot(staging)  # read back exactly what readers will see
        retired = dest.parent / f".{dest.name}.retired-{os.getpid()}"
        if dest.exists():
            os.replace(dest, retired)
        os.replace(staging, dest)
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return changes
