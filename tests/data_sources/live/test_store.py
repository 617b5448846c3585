"""The versioned store: freshest-snapshot loading with fallback, pruning, and no torn reads."""

from __future__ import annotations

import errno
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

from data_sources import store as store_module
from data_sources.live.refresh import refresh
from data_sources.release_delta import RELEASE_FILE
from data_sources.snapshot import EMBEDDED_SNAPSHOT_DIR, observations_to_csv
from data_sources.store import (
    CURRENT_FILE,
    FAILED_CHECKS,
    NEWER_INDICATORS,
    POINTER_DAMAGED,
    SNAPSHOTS_DIR,
    VERSION_MISSING,
    StoreError,
    current_version,
    load_freshest_snapshot,
    new_version_id,
    prune,
    publish,
)
from metadata.registry import REGISTRY_PATH, parse_registry
from tests.data_sources.live.conftest import TODAY, FakeServices, make_settings, tree_bytes
from tests.data_sources.live.disk_faults import failing_disk


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
    ("damage", "detail", "reason"),
    [
        (
            lambda d: (d / "observations.csv").write_bytes(
                (d / "observations.csv").read_bytes() + b"x"
            ),
            "does not match its manifest checksum",
            FAILED_CHECKS,
        ),
        (
            lambda d: (d / "manifest.json").write_text("{"),
            "cannot read the snapshot",
            FAILED_CHECKS,
        ),
        (lambda d: (d / "observations.csv").unlink(), "cannot read the snapshot", FAILED_CHECKS),
        (
            lambda d: (d / "council_areas.geojson").write_text("{}"),
            "does not match the checksum in boundaries.json",
            FAILED_CHECKS,
        ),
        (lambda d: shutil.rmtree(d), "is missing", VERSION_MISSING),
    ],
    ids=["observations changed", "manifest broken", "observations gone", "boundaries", "gone"],
)
def test_a_corrupt_refresh_falls_back_to_the_embedded_snapshot_and_says_why(
    store: Path, damage, detail: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    version = current_version(store)
    damage(version_dir(store))
    fresh = load_freshest_snapshot(store)
    assert fresh.origin == "embedded"
    # Visitors read plain words; the technical reason goes to the log (and the refresh).
    assert fresh.fallback_reason == reason
    assert fresh.fallback_detail is not None
    assert fresh.fallback_detail.startswith(f"refreshed snapshot {version} is unusable: ")
    assert detail in fresh.fallback_detail
    assert fresh.fallback_detail in caplog.text


def test_a_garbled_pointer_falls_back(store: Path) -> None:
    (store / CURRENT_FILE).write_text("../../etc\n")
    fresh = load_freshest_snapshot(store)
    assert fresh.origin == "embedded"
    assert fresh.fallback_reason == POINTER_DAMAGED
    assert "does not name a snapshot version" in (fresh.fallback_detail or "")


def test_a_refresh_made_for_other_indicators_falls_back(store: Path) -> None:
    raw = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    del raw["indicators"]["male_claimant_count_monthly"]
    for event in raw.get("events", {}).values():
        event["indicators"] = [i for i in event["indicators"] if i != "male_claimant_count_monthly"]
    older = parse_registry(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True))
    fresh = load_freshest_snapshot(store, registry=older)
    assert fresh.origin == "embedded"
    assert fresh.fallback_reason == NEWER_INDICATORS
    assert "indicators this version does not know: ['male_claimant_count_monthly']" in (
        fresh.fallback_detail or ""
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


# --- hostile or damaged stores (issue 11, item 9) ------------------------------------------------


def load_within(store: Path, seconds: float = 20.0):  # noqa: ANN201
    """load_freshest_snapshot in a thread, failing the test (not hanging it) if it blocks."""
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(load_freshest_snapshot(store)))
    thread.daemon = True
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "a reader blocked on the store"
    return results[0]


@pytest.mark.parametrize("name", ["observations.csv", "manifest.json", CURRENT_FILE])
def test_a_fifo_in_place_of_a_file_is_refused_without_blocking_readers(
    store: Path, name: str
) -> None:
    path = store / CURRENT_FILE if name == CURRENT_FILE else version_dir(store) / name
    path.unlink()
    os.mkfifo(path)
    fresh = load_within(store)
    assert fresh.origin == "embedded"
    assert fresh.fallback_reason in {FAILED_CHECKS, POINTER_DAMAGED}
    assert "is not a regular file" in (fresh.fallback_detail or "")


def test_a_version_folder_that_is_a_symlink_is_refused(store: Path, tmp_path: Path) -> None:
    directory = version_dir(store)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(directory, elsewhere)  # a perfect copy, but outside the store
    directory.symlink_to(elsewhere, target_is_directory=True)
    fresh = load_freshest_snapshot(store)
    assert fresh.origin == "embedded"
    assert fresh.fallback_reason == VERSION_MISSING
    assert "is a symlink; refused" in (fresh.fallback_detail or "")


def test_a_symlinked_file_inside_a_version_is_refused(store: Path, tmp_path: Path) -> None:
    path = version_dir(store) / "observations.csv"
    copy = tmp_path / "observations.csv"
    shutil.copyfile(path, copy)
    path.unlink()
    path.symlink_to(copy)
    fresh = load_freshest_snapshot(store)
    assert fresh.origin == "embedded"
    assert "holds symlinks ['observations.csv']" in (fresh.fallback_detail or "")


def test_every_fallback_reason_is_plain_words_for_visitors() -> None:
    for reason in (POINTER_DAMAGED, VERSION_MISSING, FAILED_CHECKS, NEWER_INDICATORS):
        assert reason[0].islower() and reason.endswith(".")
        assert not set(reason) & set("/\\{}[]<>:='\"")


def version_files(store: Path) -> dict[str, bytes]:
    """What a refresh hands to `publish` (the release delta is made by `publish` itself)."""
    directory = version_dir(store)
    return {
        str(p.relative_to(directory)): p.read_bytes()
        for p in directory.rglob("*")
        if p.is_file() and p.name != RELEASE_FILE
    }


def altered(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same snapshot with a different CHANGES.md, so publishing it makes a new version."""
    return {**files, "CHANGES.md": files["CHANGES.md"] + b"\n- republished\n"}


def test_leftovers_of_a_killed_publisher_are_cleaned_by_the_next_publish(store: Path) -> None:
    files = altered(version_files(store))
    pointer = store / f".{CURRENT_FILE}.{new_version_id()}.tmp"
    pointer.write_text("19990101T000000000000Z-00000000\n")
    staging = store / SNAPSHOTS_DIR / f".staging-{new_version_id()}"
    staging.mkdir()
    (staging / "observations.csv").write_text("half")
    assert publish(store, files) is not None
    assert not pointer.exists() and not staging.exists()
    assert [p.name for p in store.iterdir() if p.name.endswith(".tmp")] == []


def test_publishing_what_is_already_current_publishes_nothing(store: Path) -> None:
    before = tree_bytes(store)
    assert publish(store, version_files(store)) is None
    assert tree_bytes(store) == before


def test_concurrent_publishes_are_serialised_and_never_publish_duplicates(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The store holds an older distinct version and the current one; two refreshes publish
    # the same new snapshot at once. Without a lock both would publish it, and pruning to the
    # newest three would then delete the older distinct version.
    snapshots = store / SNAPSHOTS_DIR
    current = current_version(store)
    assert current is not None
    older = "19990101T000000000000Z-0000000a"
    shutil.copytree(snapshots / current, snapshots / older)
    files = altered(version_files(store))
    real_load = store_module.load_snapshot
    both_inside = threading.Barrier(2, timeout=2)

    def slow_load(directory: Path):  # noqa: ANN202
        try:
            both_inside.wait()  # without the lock both publishers reach here together
        except threading.BrokenBarrierError:
            pass
        return real_load(directory)

    monkeypatch.setattr(store_module, "load_snapshot", slow_load)
    results: list[str | None] = []
    threads = [
        threading.Thread(target=lambda: results.append(publish(store, files))) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    published = [r for r in results if r is not None]
    assert len(published) == 1 and results.count(None) == 1
    assert sorted(p.name for p in snapshots.iterdir()) == sorted([older, current, published[0]])
    assert current_version(store) == published[0]


@pytest.mark.parametrize("error_number", [errno.ENOSPC, errno.EROFS], ids=["full", "read-only"])
def test_a_full_or_read_only_disk_at_any_write_leaves_the_store_as_it_was(
    store: Path, error_number: int
) -> None:
    files = altered(version_files(store))
    before = tree_bytes(store)
    before_dirs = sorted(str(p.relative_to(store)) for p in store.rglob("*"))
    after = 0
    while True:
        with failing_disk(store, error_number, after=after) as failed:
            try:
                version = publish(store, files)
            except StoreError as error:
                version = None
                assert str(error).startswith(f"the store in {store}: cannot publish, ")
                assert str(error).endswith("nothing was changed")
        if not failed:
            break  # every write succeeded: the publish went through
        assert version is None
        assert tree_bytes(store) == before, f"store changed when call {after} failed: {failed}"
        assert sorted(str(p.relative_to(store)) for p in store.rglob("*")) == before_dirs
        after += 1
    assert version is not None and current_version(store) == version
    assert after >= (5 if error_number == errno.ENOSPC else 7)  # every file and the pointer


def test_a_read_only_store_without_a_lock_file_says_it_is_read_only(store: Path) -> None:
    (store / ".publish.lock").unlink()
    before = tree_bytes(store)
    with (
        failing_disk(store, errno.EROFS),
        pytest.raises(StoreError, match="cannot publish, it is read-only or not writable"),
    ):
        publish(store, altered(version_files(store)))
    assert tree_bytes(store) == before
