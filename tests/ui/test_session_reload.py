"""A long-running server loads the snapshot again only when the store's CURRENT changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.serving.store_versions import publish_version
from ui import session


def test_the_catalogue_is_reloaded_only_for_a_new_pointer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOLB_DATA_DIR", str(tmp_path))
    session._load_catalogue.clear()
    session._store_pointer.clear()
    publish_version(tmp_path, "2026-12-01")
    first = session._load_catalogue(session._store_pointer())
    assert first.origin == "refreshed"
    assert session._load_catalogue(session._store_pointer()) is first  # same pointer: no reload
    publish_version(tmp_path, "2026-12-02")
    session._store_pointer.clear()  # as when the check interval has passed
    second = session._load_catalogue(session._store_pointer())
    assert second is not first
    assert {r.retrieved for r in second.manifest.releases} == {"2026-12-02"}
    session._load_catalogue.clear()
    session._store_pointer.clear()
