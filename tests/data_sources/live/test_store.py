"""The versioned store: freshest-snapshot loading with fallback, pruning, and no torn reads."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml
from pytest_httpserver import HTTPServer

from data_sources.live.refresh import refresh
from data_sources.snapshot import EMBEDDED_SNAPSHOT_DIR, observations_to_csv
from data_sources.store import (
    CURRENT_FILE,
    SNAPSHOTS_DIR,
    current_version,
    load_freshest_snapshot,
    new_version_id,
    prune,
)
from metadata.registry import REGISTRY_PATH, parse_registry
from tests.data_sources.live.conftest import TODAY, FakeServices, make_settings


def version_dir(store: Path) -> Path:
    return store / SNAPSHOTS_DIR / (store / CURRENT_FILE).read_text().strip()


def test_without_a_refresh_the_embedded_snapshot_is_used(tmp_path: Path) -> None:
    fresh = load_freshest_snapshot(tmp_path / "nothing-here")
    assert fresh.origin == "embedded"
    assert fresh.fallback_reason is None
    assert fresh.snapshot.directory == EMBEDDED_SNAPSHOT_DIR
    assert fresh.boundaries_path is None


def test_a_published_refresh_is_used(store: Path) -> None:
    fresh = load_freshest_snapshot(store)
    assert (fresh.origin, fresh.fallback_reason) == ("refreshed", None)
    assert fresh.version == current_version(store)
    assert fresh.boundaries_path == version_dir(store) / "council_areas.geojson"


def test_the_data_directory_comes_from_nolb_data_dir(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOLB_DATA_DIR", str(store))
    assert load_freshest_snapshot().origin == "refreshed"


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (
            lambda d: (d / "observations.csv").write_bytes(
                (d / "observations.csv").read_bytes() + b"x"
            ),
            "does not match its manifest checksum",
        ),
        (lambda d: (d / "manifest.json").write_text("{"), "cannot read the snapshot"),
        (lambda d: (d / "observations.csv").unlink(), "cannot read the snapshot"),
        (
            lambda d: (d / "council_areas.geojson").write_text("{}"),
            "does not match the checksum in boundaries.json",
        ),
        (lambda d: shutil.rmtree(d), "is missing"),
    ],
    ids=["observations changed", "manifest broken", "observations gone", "boundaries", "gone"],
)
def test_a_corrupt_refresh_falls_back_to_the_embedded_snapshot_and_says_why(
    store: Path, damage, reason: str
) -> None:
    version = current_version(store)
    damage(version_dir(store))
    fresh = load_freshest_snapshot(store)
    assert fresh.origin == "embedded"
    assert fresh.fallback_reason is not None
    assert fresh.fallback_reason.startswith(f"refreshed snapshot {version} is unusable: ")
    assert reason in fresh.fallback_reason


def test_a_garbled_pointer_falls_back(store: Path) -> None:
    (store / CURRENT_FILE).write_text("../../etc\n")
    fresh = load_freshest_snapshot(store)
    assert fresh.origin == "embedded"
    assert "does not name a snapshot version" in (fresh.fallback_reason or "")


def test_a_refresh_made_for_other_indicators_falls_back(store: Path) -> None:
    raw = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    del raw["indicators"]["male_claimant_count_monthly"]
    for event in raw.get("events", {}).values():
        event["indicators"] = [i for i in event["indicators"] if i != "male_claimant_count_monthly"]
    older = parse_registry(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    fresh = load_freshest_snapshot(store, registry=older)
    assert fresh.origin == "embedded"
    assert "indicators this version does not know: ['male_claimant_count_monthly']" in (
        fresh.fallback_reason or ""
    )


def test_pruning_keeps_the_newest_versions_and_the_current_one(store: Path) -> None:
    current = current_version(store)
    assert current is not None
    snapshots = store / SNAPSHOTS_DIR
    older = [f"19990101T0000000000{i:02d}Z-0000000{i}" for i in range(4)]
    for name in older:
        shutil.copytree(snapshots / current, snapshots / name)
    assert prune(store, keep=2) == older[:3]
    assert sorted(p.name for p in snapshots.iterdir()) == [older[3], current]
    # The current version is kept even when newer ones exist.
    (store / CURRENT_FILE).write_text(older[3] + "\n")
    newer = new_version_id()
    shutil.copytree(snapshots / current, snapshots / newer)
    assert prune(store, keep=1) == [current]
    assert sorted(p.name for p in snapshots.iterdir()) == [older[3], newer]


def test_two_refreshes_and_readers_at_once_never_see_a_torn_snapshot(
    services: FakeServices, second_server: HTTPServer, store: Path, tmp_path: Path
) -> None:
    # Two refreshes that publish different snapshots (the second source has withdrawn a
    # figure), each run twice, while readers keep loading the freshest snapshot.
    second_server.clear()
    other = FakeServices(second_server)
    other.files["nomis_claimant.csv"] = other.files["nomis_claimant.csv"].replace(
        ",1735,A,Normal Value", ",,Q,These figures are missing."
    )
    settings = [
        make_settings(services, tmp_path / "cache-a"),
        make_settings(other, tmp_path / "cache-b"),
    ]
    failures: list[BaseException] = []
    reads: list[str | None] = []
    writing = threading.Event()
    writing.set()

    def refresher(index: int) -> None:
        try:
            for _ in range(2):
                refresh(settings[index], store, today=TODAY, sleep=lambda _: None)
        except BaseException as error:  # reported below, with the reader failures
            failures.append(error)

    def reader() -> None:
        try:
            count = 0
            while writing.is_set() or count < 2:
                fresh = load_freshest_snapshot(store)
                assert fresh.fallback_reason is None, fresh.fallback_reason
                assert fresh.origin == "refreshed"
                data = observations_to_csv(fresh.snapshot.observations)
                digest = hashlib.sha256(data).hexdigest()
                assert digest == fresh.snapshot.manifest.observations_sha256
                assert fresh.snapshot.manifest.rows == len(fresh.snapshot.observations)
                reads.append(fresh.version)
                count += 1
                time.sleep(0.05)  # let the writers have the interpreter too
        except BaseException as error:
            failures.append(error)

    writers = [threading.Thread(target=refresher, args=(i,)) for i in range(2)]
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in [*readers, *writers]:
        thread.start()
    for thread in writers:
        thread.join()
    writing.clear()
    for thread in readers:
        thread.join()
    assert failures == []
    assert len(reads) >= 4
    assert len(set(reads)) >= 2  # readers saw more than one published version
    final = load_freshest_snapshot(store)
    assert final.origin == "refreshed" and final.fallback_reason is None
    versions = os.listdir(store / SNAPSHOTS_DIR)
    assert [v for v in versions if v.startswith(".staging-")] == []
    assert json.loads((version_dir(store) / "boundaries.json").read_text())["features"] == 32
