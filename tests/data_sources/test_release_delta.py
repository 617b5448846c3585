"""Each release keeps a reverse delta that rebuilds the release it replaced, exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data_sources.release_delta import (
    RELEASE_FILE,
    ReleaseDeltaError,
    compute_delta,
    delta_from_json,
    embedded_release_file,
    rebuild_previous,
)
from data_sources.snapshot import (
    Snapshot,
    load_snapshot,
    observations_to_csv,
    sha256_bytes,
    write_snapshot,
)
from data_sources.store import RELEASES_DIR, SNAPSHOTS_DIR, prune, release_history
from tests.release_store import GLASGOW, publish_two_releases


@pytest.fixture(scope="module")
def embedded() -> Snapshot:
    return load_snapshot()


def _older(embedded: Snapshot) -> Snapshot:
    frame = embedded.observations
    older = frame[
        ~((frame["indicator_id"] == "employment_rate") & (frame["period"] == "2023-01-01/P1Y"))
    ].copy()
    row = older[(older["indicator_id"] == "claimant_rate") & (older["area_code"] == GLASGOW)].index[
        -1
    ]
    older.loc[row, "value"] = older.loc[row, "value"] + 0.3
    return Snapshot(older.reset_index(drop=True), embedded.manifest, embedded.directory)


def test_delta_records_added_keys_and_replaced_rows(embedded: Snapshot) -> None:
    older = _older(embedded)
    delta = compute_delta(
        embedded.observations, release="new", released_at="2026-12-01", previous=older,
        previous_release="old",
    )  # fmt: skip
    assert len(delta.added_keys) == 33
    assert {k[2] for k in delta.added_keys} == {"2023-01-01/P1Y"}
    replaced = delta.replaced_rows()
    assert list(replaced["area_code"]) == [GLASGOW]
    assert list(replaced["indicator_id"]) == ["claimant_rate"]


def test_rebuild_previous_is_exact(embedded: Snapshot) -> None:
    older = _older(embedded)
    delta = compute_delta(
        embedded.observations, release="new", released_at="2026-12-01", previous=older,
        previous_release="old",
    )  # fmt: skip
    rebuilt = rebuild_previous(embedded.observations, delta)
    assert observations_to_csv(rebuilt) == observations_to_csv(older.observations)


def test_rebuild_refuses_observations_that_are_not_the_release(embedded: Snapshot) -> None:
    older = _older(embedded)
    delta = compute_delta(
        embedded.observations, release="new", released_at="2026-12-01", previous=older,
        previous_release="old",
    )  # fmt: skip
    with pytest.raises(ReleaseDeltaError, match="not release new"):
        rebuild_previous(older.observations, delta)
    broken = delta.model_copy(update={"previous_observations_sha256": "0" * 64})
    with pytest.raises(ReleaseDeltaError, match="does not rebuild old exactly"):
        rebuild_previous(embedded.observations, broken)


def test_offline_build_writes_a_delta_and_keeps_it_byte_identical(
    embedded: Snapshot, tmp_path: Path
) -> None:
    older = _older(embedded)
    dest = tmp_path / "snapshot"
    manifest = embedded.manifest
    older_manifest = manifest.model_copy(
        update={"observations_sha256": sha256_bytes(observations_to_csv(older.observations)),
                "rows": len(older.observations)}
    )  # fmt: skip
    write_snapshot(
        older.observations, older_manifest, dest,
        release_file=embedded_release_file(older.observations, older_manifest),
    )  # fmt: skip
    first = delta_from_json((dest / RELEASE_FILE).read_bytes())
    assert first.is_first
    write_snapshot(
        embedded.observations, manifest, dest,
        release_file=embedded_release_file(embedded.observations, manifest),
    )  # fmt: skip
    data = (dest / RELEASE_FILE).read_bytes()
    second = delta_from_json(data)
    assert second.previous_observations_sha256 == older_manifest.observations_sha256
    assert len(second.added_keys) == 33
    write_snapshot(
        embedded.observations, manifest, dest,
        release_file=embedded_release_file(embedded.observations, manifest),
    )  # fmt: skip
    assert (dest / RELEASE_FILE).read_bytes() == data


def test_the_committed_embedded_snapshot_has_a_matching_delta(embedded: Snapshot) -> None:
    delta = delta_from_json((embedded.directory / RELEASE_FILE).read_bytes())
    assert delta.observations_sha256 == embedded.manifest.observations_sha256


def test_store_keeps_every_release_delta_after_pruning(tmp_path: Path) -> None:
    releases = publish_two_releases(tmp_path)
    for name in (releases.first, releases.second):
        assert (tmp_path / SNAPSHOTS_DIR / name / RELEASE_FILE).is_file()
    prune(tmp_path, keep=1)
    assert not (tmp_path / SNAPSHOTS_DIR / releases.first).exists()
    history = release_history(tmp_path)
    assert [d.release for d in history][-2:] == [releases.first, releases.second]
    assert history[-1].previous_release == releases.first
    assert history[-2].previous_release is not None
    assert history[-2].previous_release.startswith("embedded-")


def test_an_unreadable_delta_is_left_out_of_the_history(tmp_path: Path) -> None:
    releases = publish_two_releases(tmp_path)
    (tmp_path / RELEASES_DIR / f"{releases.first}.json").write_text("{not json", encoding="utf-8")
    names = [d.release for d in release_history(tmp_path)]
    assert releases.first not in names and releases.second in names
    assert json.loads((tmp_path / RELEASES_DIR / f"{releases.second}.json").read_text())["release"]
