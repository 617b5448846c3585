"""The snapshot manifest: one release record per input, so every number can be traced."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputFile(_Strict):
    path: str
    sha256: str
    bytes: int


class SourceRelease(_Strict):
    """What was read for one source, from where, and what it yielded."""

    release_id: str
    source_id: str
    publisher: str
    title: str
    url: str
    licence: str
    published: str
    retrieved: str
    origin: str
    files: tuple[InputFile, ...]
    rows: int
    indicators: tuple[str, ...]
    first_period: str
    last_period: str
    notes: tuple[str, ...] = ()


class SourceOutcome(_Strict):
    """What a live refresh did with one source: refreshed it, or kept what was there and why."""

    source_id: str
    outcome: Literal["refreshed", "kept"]
    checked_at: str = Field(description="when the refresh ran (UTC, ISO 8601)")
    release_id: str | None = Field(
        default=None, description="the release now in use for this source, if any"
    )
    reason: str | None = Field(default=None, description="why the source was not refreshed")

    @property
    def words(self) -> str:
        """The outcome in plain words, as the manifest and the refresh's report give it."""
        if self.outcome == "refreshed":
            return f"refreshed at {self.checked_at}"
        if self.release_id is None:
            return f"not refreshed, because {self.reason}; there was no earlier release to keep"
        return f"kept from release {self.release_id}, because {self.reason}"


class DeliveryTable(_Strict):
    """No One Left Behind's delivery statistics held beside the observations: the provenance
    of delivery.csv, written next to it as delivery.json (a snapshot without the pair, such as
    a live refresh, holds no delivery table)."""

    sha256: str
    rows: int
    retrieved: str
    files: tuple[InputFile, ...]


class SnapshotManifest(_Strict):
    """Describes one build of the snapshot; written next to observations.csv."""

    snapshot_version: str = Field(description="the latest publication date among the releases")
    kind: str = Field(description="'embedded' (built from shared files) or 'live' (refreshed)")
    observations_sha256: str
    rows: int
    built_with: dict[str, str]
    releases: tuple[SourceRelease, ...]
    resolution_notes: tuple[str, ...] = ()
    refresh_outcomes: tuple[SourceOutcome, ...] = Field(
        default=(), description="per live source, refreshed or kept (live snapshots only)"
    )

    def release(self, release_id: str) -> SourceRelease:
        for release in self.releases:
            if release.release_id == release_id:
                return release
        raise KeyError(f"unknown release {release_id!r}")
