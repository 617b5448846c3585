"""What one release changed against the one it replaced, kept as a reverse delta.

Every publication of a snapshot (the offline build and each refresh) stores, beside the new
observations, the rows needed to rebuild the snapshot it replaced: the keys it added, and the
old rows it revised or removed, with the old manifest. From the newest snapshot and the chain
of deltas any earlier release can be rebuilt exactly (checked by checksum), so any two releases
can be compared after older versions have been pruned. Judging which changes matter (intervals,
ranks, targets) is the domain's job (`indicators.release_news`); this module keeps the facts.
"""

from __future__ import annotations

import pandas as pd
from pydantic import BaseModel, ConfigDict

from data_sources.provenance import SnapshotManifest
from data_sources.schema import COLUMNS
from data_sources.snapshot import (
    SORT_KEY,
    ReleaseFile,
    Snapshot,
    observations_to_csv,
    read_observations_csv,
    sha256_bytes,
)

RELEASE_FILE = "RELEASE.json"
EMBEDDED_RELEASE_PREFIX = "embedded-"


class ReleaseDeltaError(RuntimeError):
    """A delta does not rebuild the release it claims to (a broken or edited chain)."""


class ReleaseDelta(BaseModel):
    """One release and what it changed against the release it replaced."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    release: str
    released_at: str
    observations_sha256: str
    previous_release: str | None
    previous_observations_sha256: str | None
    previous_manifest: SnapshotManifest | None
    added_keys: tuple[tuple[str, str, str], ...]
    replaced_rows_csv: str

    @property
    def is_first(self) -> bool:
        return self.previous_release is None

    def replaced_rows(self) -> pd.DataFrame:
        """The previous release's rows that this release revised or removed."""
        if not self.replaced_rows_csv:
            return read_observations_csv(",".join(COLUMNS).encode() + b"\n")
        return read_observations_csv(self.replaced_rows_csv.encode("utf-8"))


def _keys(frame: pd.DataFrame) -> pd.Series:
    return frame["indicator_id"] + "|" + frame["area_code"] + "|" + frame["period"]


def _same(old: pd.Series, new: pd.Series) -> pd.Series:
    return (old == new) | (old.isna() & new.isna())


def compute_delta(
    new: pd.DataFrame,
    *,
    release: str,
    released_at: str,
    previous: Snapshot | None,
    previous_release: str | None,
) -> ReleaseDelta:
    """The reverse delta from `new` back to `previous` (None for the first release)."""
    new_csv = observations_to_csv(new)
    if previous is None:
        return ReleaseDelta(
            release=release,
            released_at=released_at,
            observations_sha256=sha256_bytes(new_csv),
            previous_release=None,
            previous_observations_sha256=None,
            previous_manifest=None,
            added_keys=(),
            replaced_rows_csv="",
        )
    old = previous.observations
    old_keys, new_keys = _keys(old), _keys(new)
    added = new[~new_keys.isin(set(old_keys))]
    merged = old.merge(new, on=SORT_KEY, how="left", suffixes=("", "_new"), indicator=True)
    differs = merged["_merge"] == "left_only"
    for column in COLUMNS:
        if column not in SORT_KEY:
            differs |= ~_same(merged[column], merged[f"{column}_new"])
    replaced = merged.loc[differs, list(COLUMNS)]
    replaced_csv = observations_to_csv(replaced).decode("utf-8") if len(replaced) else ""
    return ReleaseDelta(
        release=release,
        released_at=released_at,
        observations_sha256=sha256_bytes(new_csv),
        previous_release=previous_release,
        previous_observations_sha256=sha256_bytes(observations_to_csv(old)),
        previous_manifest=previous.manifest,
        added_keys=tuple(
            sorted(
                (str(i), str(a), str(p))
                for i, a, p in added[SORT_KEY].itertuples(index=False, name=None)
            )
        ),
        replaced_rows_csv=replaced_csv,
    )


def rebuild_previous(new: pd.DataFrame, delta: ReleaseDelta) -> pd.DataFrame:
    """The previous release's observations, exactly (checked against the recorded checksum)."""
    if delta.previous_observations_sha256 is None:
        raise ReleaseDeltaError(f"release {delta.release} has no previous release")
    if sha256_bytes(observations_to_csv(new)) != delta.observations_sha256:
        raise ReleaseDeltaError(f"the observations given are not release {delta.release}")
    replaced = delta.replaced_rows()
    drop = set(_keys(replaced)) | {"|".join(key) for key in delta.added_keys}
    kept = new[~_keys(new).isin(drop)]
    old = pd.concat([kept, replaced], ignore_index=True) if len(replaced) else kept
    data = observations_to_csv(old)
    if sha256_bytes(data) != delta.previous_observations_sha256:
        raise ReleaseDeltaError(
            f"release {delta.release} does not rebuild {delta.previous_release} exactly"
        )
    return read_observations_csv(data)


def delta_to_json(delta: ReleaseDelta) -> bytes:
    return (delta.model_dump_json(indent=1) + "\n").encode("utf-8")


def delta_from_json(data: bytes) -> ReleaseDelta:
    return ReleaseDelta.model_validate_json(data)


def read_delta(snapshot: Snapshot) -> ReleaseDelta | None:
    """The delta stored with a snapshot, or None if it has none (or it cannot be read)."""
    path = snapshot.directory / RELEASE_FILE
    try:
        return delta_from_json(path.read_bytes())
    except (OSError, ValueError):
        return None


def embedded_release_id(manifest: SnapshotManifest) -> str:
    """The embedded snapshot's release name: its version date and a checksum prefix."""
    checksum = manifest.observations_sha256[:8]
    return f"{EMBEDDED_RELEASE_PREFIX}{manifest.snapshot_version}-{checksum}"


def embedded_release_file(new: pd.DataFrame, manifest: SnapshotManifest) -> ReleaseFile:
    """The delta file the offline build writes beside the embedded snapshot it replaces."""

    def make(previous: Snapshot | None, kept: bytes | None) -> bytes:
        if previous is None and kept is not None:
            try:
                if delta_from_json(kept).observations_sha256 == manifest.observations_sha256:
                    return kept
            except ValueError:
                pass  # an unreadable delta is rewritten
        delta = compute_delta(
            new,
            release=embedded_release_id(manifest),
            released_at=manifest.snapshot_version,
            previous=previous,
            previous_release=None if previous is None else embedded_release_id(previous.manifest),
        )
        return delta_to_json(delta)

    return RELEASE_FILE, make
