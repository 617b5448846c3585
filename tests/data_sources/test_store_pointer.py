"""What a long-running server relies on to pick up a refresh cheaply: the check interval, the
CURRENT pointer read on its own, and the public folders a version may carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_sources.snapshot import SnapshotError
from data_sources.store import (
    DEFAULT_STORE_CHECK_SECONDS,
    SNAPSHOTS_DIR,
    current_pointer,
    publish,
    store_check_seconds,
)
from tests.serving.store_versions import publish_version, version_files


def test_the_check_interval_defaults_to_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOLB_STORE_CHECK_SECONDS", raising=False)
    assert store_check_seconds() == DEFAULT_STORE_CHECK_SECONDS == 60.0


def test_the_check_interval_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOLB_STORE_CHECK_SECONDS", " 2.5 ")
    assert store_check_seconds() == 2.5


@pytest.mark.parametrize("text", ["soon", "0", "-1", "0.1", "90000", "nan"])
def test_a_bad_check_interval_is_refused_by_name(monkeypatch, text: str) -> None:
    monkeypatch.setenv("NOLB_STORE_CHECK_SECONDS", text)
    with pytest.raises(ValueError, match="NOLB_STORE_CHECK_SECONDS"):
        store_check_seconds()


def test_the_pointer_names_the_version_in_use_and_changes_with_each_publish(
    tmp_path: Path,
) -> None:
    assert current_pointer(tmp_path) == ""
    first = publish_version(tmp_path, "2026-12-01")
    assert current_pointer(tmp_path) == first
    second = publish_version(tmp_path, "2026-12-02")
    assert current_pointer(tmp_path) == second != first


def test_a_version_carries_its_downloads(tmp_path: Path) -> None:
    version = publish_version(tmp_path, "2026-12-01")
    directory = tmp_path / SNAPSHOTS_DIR / version
    files = version_files("2026-12-01")
    assert (directory / "downloads" / "observations.csv").read_bytes() == files[
        "downloads/observations.csv"
    ]
    assert (directory / "downloads" / "README.txt").is_file()


@pytest.mark.parametrize(
    "name",
    [
        "../escape.csv",
        "other/x.csv",
        "feeds/x.atom",
        "downloads/sub/x.csv",
        ".hidden",
        "downloads/.x",
        "/abs",
    ],
)
def test_no_file_lands_outside_the_public_folders(tmp_path: Path, name: str) -> None:
    files = version_files("2026-12-01") | {name: b"x"}
    with pytest.raises(SnapshotError, match="cannot publish a file named"):
        publish(tmp_path, files)
    assert current_pointer(tmp_path) == ""
    assert not (tmp_path / "escape.csv").exists()
