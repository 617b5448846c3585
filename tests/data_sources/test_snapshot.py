"""The committed snapshot, deterministic CSV, all-or-nothing writes and the change summary.

Self-contained: reads only the snapshot committed in data_sources/snapshot and writes into
tmp_path.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pandera.errors
import pytest

from data_sources.delivery import DELIVERY_FILE, delivery_to_csv, validate_delivery
from data_sources.provenance import DeliveryTable, SnapshotManifest
from data_sources.schema import COLUMNS
from data_sources.snapshot import (
    CHANGES_FILE,
    DELIVERY_PROVENANCE_FILE,
    EMBEDDED_SNAPSHOT_DIR,
    MANIFEST_FILE,
    OBSERVATIONS_FILE,
    Snapshot,
    SnapshotError,
    describe_changes,
    load_snapshot,
    observations_to_csv,
    read_observations_csv,
    write_snapshot,
)

SNAPSHOT_FILES = (OBSERVATIONS_FILE, MANIFEST_FILE, CHANGES_FILE)


@pytest.fixture(scope="module")
def committed() -> Snapshot:
    return load_snapshot()


def file_bytes(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def with_checksum(manifest: SnapshotManifest, frame: pd.DataFrame) -> SnapshotManifest:
    data = observations_to_csv(frame)
    return manifest.model_copy(
        update={"observations_sha256": hashlib.sha256(data).hexdigest(), "rows": len(frame)}
    )


def revise(frame: pd.DataFrame, indicator_id: str, area: str, label: str, value: float) -> None:
    hit = (
        (frame["indicator_id"] == indicator_id)
        & (frame["area_code"] == area)
        & (frame["period_label"] == label)
    )
    assert hit.sum() == 1
    frame.loc[hit, "value"] = value


# --- The committed snapshot ------------------------------------------------------------------


def test_committed_snapshot_loads_and_validates(committed: Snapshot) -> None:
    frame = committed.observations
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == committed.manifest.rows
    assert not frame.duplicated(["indicator_id", "area_code", "period"]).any()
    assert committed.manifest.kind == "embedded"


def test_committed_manifest_checksum_matches_the_file(committed: Snapshot) -> None:
    data = (EMBEDDED_SNAPSHOT_DIR / OBSERVATIONS_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == committed.manifest.observations_sha256


def test_every_release_id_is_in_the_manifest(committed: Snapshot) -> None:
    frame = committed.observations
    releases = {release.release_id: release for release in committed.manifest.releases}
    assert set(frame["release_id"]) <= set(releases)
    for release_id, release in releases.items():
        rows = frame[frame["release_id"] == release_id]
        assert len(rows) == release.rows, release_id
        assert tuple(sorted(set(rows["indicator_id"]))) == release.indicators, release_id
        assert set(rows["source_id"]) <= {release.source_id}


def test_committed_file_is_what_observations_to_csv_writes(committed: Snapshot) -> None:
    data = (EMBEDDED_SNAPSHOT_DIR / OBSERVATIONS_FILE).read_bytes()
    assert observations_to_csv(committed.observations) == data


def test_observations_to_csv_ignores_row_and_column_order(committed: Snapshot) -> None:
    frame = committed.observations
    shuffled = frame.sample(frac=1.0, random_state=20260120)[list(reversed(COLUMNS))]
    assert not shuffled.index.equals(frame.index)
    assert observations_to_csv(shuffled) == observations_to_csv(frame)
    reshuffled = frame.sample(frac=1.0, random_state=7).reset_index(drop=True)
    assert observations_to_csv(reshuffled) == observations_to_csv(frame)


def test_csv_round_trip_keeps_missing_as_missing(committed: Snapshot) -> None:
    data = observations_to_csv(committed.observations)
    again = read_observations_csv(data)
    assert observations_to_csv(again) == data
    suppressed = again[again["status"] == "suppressed"]
    assert suppressed["value"].isna().all()
    assert suppressed["status_detail"].map(lambda detail: isinstance(detail, str)).all()
    assert again["note"].map(lambda note: note is None or isinstance(note, str)).all()


# --- write_snapshot ----------------------------------------------------------------------------


def test_write_snapshot_writes_three_files(committed: Snapshot, tmp_path: Path) -> None:
    dest = tmp_path / "snapshot"
    changes = write_snapshot(committed.observations, committed.manifest, dest)
    written = file_bytes(dest)
    assert sorted(written) == sorted(SNAPSHOT_FILES)
    assert written[OBSERVATIONS_FILE] == (EMBEDDED_SNAPSHOT_DIR / OBSERVATIONS_FILE).read_bytes()
    assert written[MANIFEST_FILE] == (EMBEDDED_SNAPSHOT_DIR / MANIFEST_FILE).read_bytes()
    assert changes.startswith("# Changes in this snapshot build\n\nFirst build.")
    assert written[CHANGES_FILE] == changes.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["snapshot"]  # no staging left behind


def test_second_identical_write_leaves_every_byte(committed: Snapshot, tmp_path: Path) -> None:
    dest = tmp_path / "snapshot"
    first_changes = write_snapshot(committed.observations, committed.manifest, dest)
    before = file_bytes(dest)
    second_changes = write_snapshot(committed.observations, committed.manifest, dest)
    assert file_bytes(dest) == before
    assert second_changes == first_changes
    assert [p.name for p in tmp_path.iterdir()] == ["snapshot"]


def test_invalid_frame_raises_and_keeps_the_previous_snapshot(
    committed: Snapshot, tmp_path: Path
) -> None:
    dest = tmp_path / "snapshot"
    write_snapshot(committed.observations, committed.manifest, dest)
    before = file_bytes(dest)
    broken = committed.observations.copy()
    # Give Scotland's claimant rate for 2020 a status that forbids a value.
    hit = (broken["indicator_id"] == "claimant_rate") & (broken["area_code"] == "S92000003")
    broken.loc[hit & (broken["period_label"] == "2020"), "status"] = "suppressed"
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        write_snapshot(broken, committed.manifest, dest)
    checks = set(caught.value.failure_cases["check"])
    assert checks == {
        "value must be present when status is ok or provisional, may be present when "
        "unreliable, and must be absent otherwise"
    }
    assert file_bytes(dest) == before
    assert [p.name for p in tmp_path.iterdir()] == ["snapshot"]


def test_manifest_for_other_rows_raises_and_keeps_the_snapshot(
    committed: Snapshot, tmp_path: Path
) -> None:
    dest = tmp_path / "snapshot"
    write_snapshot(committed.observations, committed.manifest, dest)
    before = file_bytes(dest)
    revised = committed.observations.copy()
    revise(revised, "disability_employment_gap", "S92000003", "2019", 32.6)
    with pytest.raises(SnapshotError, match="manifest checksum does not match"):
        write_snapshot(revised, committed.manifest, dest)
    assert file_bytes(dest) == before


def test_changed_write_replaces_the_snapshot_and_summarises(
    committed: Snapshot, tmp_path: Path
) -> None:
    dest = tmp_path / "snapshot"
    write_snapshot(committed.observations, committed.manifest, dest)
    revised = committed.observations.copy()
    # The committed 2019 gap is the 2023 edition's 32.7; go back to the first-published 32.6.
    revise(revised, "disability_employment_gap", "S92000003", "2019", 32.6)
    manifest = with_checksum(committed.manifest, revised)
    changes = write_snapshot(revised, manifest, dest)
    assert changes == (
        "# Changes in this snapshot build\n\n"
        "- Revised: disability_employment_gap, Scotland, 2019: 32.7 (ok) -> 32.6 (ok)\n"
    )
    reloaded = load_snapshot(dest)
    assert reloaded.manifest == manifest
    assert (dest / CHANGES_FILE).read_text(encoding="utf-8") == changes


# --- load_snapshot on damaged snapshots --------------------------------------------------------


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    dest = tmp_path / "snapshot"
    shutil.copytree(EMBEDDED_SNAPSHOT_DIR, dest)
    return dest


def test_corrupted_observations_fail_the_checksum(copied: Path) -> None:
    path = copied / OBSERVATIONS_FILE
    text = path.read_text(encoding="utf-8")
    line = "claimant_rate,S92000003,Scotland,scotland,2020-01-01/P1Y,2020,2020-12-31,5.4,"
    assert text.count(line) == 1
    path.write_text(text.replace(line, line.replace(",5.4,", ",5.5,")), encoding="utf-8")
    with pytest.raises(SnapshotError, match="does not match its manifest checksum"):
        load_snapshot(copied)


def test_missing_manifest_is_a_snapshot_error(copied: Path) -> None:
    (copied / MANIFEST_FILE).unlink()
    with pytest.raises(SnapshotError, match="cannot read the snapshot"):
        load_snapshot(copied)


def test_rows_citing_an_unknown_release_are_rejected(committed: Snapshot, copied: Path) -> None:
    manifest = committed.manifest
    kept = tuple(r for r in manifest.releases if r.source_id != "scotpho_profiles")
    assert len(kept) == len(manifest.releases) - 1
    trimmed = manifest.model_copy(update={"releases": kept})
    (copied / MANIFEST_FILE).write_text(trimmed.model_dump_json(indent=2), encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"scotpho_profiles@2024-10-17"):
        load_snapshot(copied)


# --- describe_changes on a small real cut -------------------------------------------------------


@pytest.fixture(scope="module")
def cut(committed: Snapshot) -> pd.DataFrame:
    """Scotland's claimant rate and disability employment gap, as committed."""
    frame = committed.observations
    wanted = frame["indicator_id"].isin(["claimant_rate", "disability_employment_gap"]) & (
        frame["area_code"] == "S92000003"
    )
    return frame[wanted].reset_index(drop=True)


def test_describe_changes_reports_new_periods_and_revisions(cut: pd.DataFrame) -> None:
    # The older build: claimant rates to 2023 and the gap for 2019 as first published (32.6).
    old = cut[~cut["period_label"].isin(["2024", "2025"])].copy()
    revise(old, "disability_employment_gap", "S92000003", "2019", 32.6)  # first published
    new = cut.copy()  # the committed 2023 edition's 32.7
    assert describe_changes(old, new) == (
        "# Changes in this snapshot build\n\n"
        "- claimant_rate: new periods 2024, 2025\n"
        "- Revised: disability_employment_gap, Scotland, 2019: 32.6 (ok) -> 32.7 (ok)\n"
    )


def test_describe_changes_reports_status_changes_and_removals(cut: pd.DataFrame) -> None:
    new = cut[cut["indicator_id"] == "claimant_rate"].copy()
    new.loc[new["period_label"] == "2025", "status"] = "provisional"
    new = new[new["period_label"] != "2001"]
    assert describe_changes(cut, new) == (
        "# Changes in this snapshot build\n\n"
        "- Removed indicator: disability_employment_gap\n"
        "- claimant_rate: periods removed 2001\n"
        "- Revised: claimant_rate, Scotland, 2025: 3.0 (ok) -> 3.0 (provisional)\n"
    )


def test_describe_changes_first_build_and_no_change(cut: pd.DataFrame) -> None:
    assert describe_changes(None, cut) == (
        "# Changes in this snapshot build\n\n"
        "First build. Rows per indicator:\n"
        "- claimant_rate: 25\n"
        "- disability_employment_gap: 9\n"
    )
    assert describe_changes(cut, cut.copy()) == (
        "# Changes in this snapshot build\n\nNo changes.\n"
    )


# --- The delivery statistics table (delivery.csv with its provenance, delivery.json) ----------


def test_committed_snapshot_holds_the_delivery_table_its_provenance_describes(
    committed: Snapshot,
) -> None:
    assert committed.delivery is not None
    described = DeliveryTable.model_validate_json(
        (EMBEDDED_SNAPSHOT_DIR / DELIVERY_PROVENANCE_FILE).read_bytes()
    )
    data = (EMBEDDED_SNAPSHOT_DIR / DELIVERY_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == described.sha256
    assert described.rows == len(committed.delivery) == 135
    assert delivery_to_csv(committed.delivery) == data
    assert [f.path for f in described.files] == [
        "curated/nolb/nolb_scotland_published_figures.csv",
        "curated/nolb/nolb_participants_by_council.csv",
    ]


def test_an_altered_delivery_figure_fails_its_checksum(copied: Path) -> None:
    path = copied / DELIVERY_FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(",12930,") == 1  # Glasgow City's participants
    path.write_text(text.replace(",12930,", ",12931,"), encoding="utf-8")
    with pytest.raises(SnapshotError, match="does not match delivery.json"):
        load_snapshot(copied)


def test_a_snapshot_without_delivery_json_holds_no_delivery_table(copied: Path) -> None:
    """A refreshed snapshot has none of its own (the statistics are never fetched live)."""
    (copied / DELIVERY_PROVENANCE_FILE).unlink()
    (copied / DELIVERY_FILE).unlink()
    assert load_snapshot(copied).delivery is None


def test_writing_delivery_with_the_wrong_checksum_keeps_the_snapshot(
    committed: Snapshot, tmp_path: Path
) -> None:
    assert committed.delivery is not None
    dest = tmp_path / "snapshot"
    described = DeliveryTable.model_validate_json(
        (EMBEDDED_SNAPSHOT_DIR / DELIVERY_PROVENANCE_FILE).read_bytes()
    )
    write_snapshot(
        committed.observations, committed.manifest, dest, delivery=(committed.delivery, described)
    )
    before = file_bytes(dest)
    assert {DELIVERY_FILE, DELIVERY_PROVENANCE_FILE} <= set(before)
    altered = committed.delivery.copy()
    altered.loc[altered["value"] == 12930, "value"] = 12931.0
    with pytest.raises(SnapshotError, match="checksum does not match the delivery table"):
        write_snapshot(
            committed.observations, committed.manifest, dest, delivery=(altered, described)
        )
    assert file_bytes(dest) == before


def test_a_delivery_figure_without_a_value_must_say_it_is_not_held(committed: Snapshot) -> None:
    assert committed.delivery is not None
    broken = committed.delivery.copy()
    broken.loc[broken["value"] == 12930, "value"] = float("nan")  # status still "in development"
    with pytest.raises(pandera.errors.SchemaErrors, match="not in the stored text has no value"):
        validate_delivery(broken)
