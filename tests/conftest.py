"""Shared test set-up: where the real raw data lives, and how tests that need it behave.

Tests marked `raw_data` read ../shared/data/raw in place. They run wherever it is present.
Under CI (CI=true) a missing directory is an error, never a skip; on a fresh machine without
it they are deselected (and the summary says so), so `make test` still passes there.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Tests read the embedded snapshot unless they say otherwise: a refreshed snapshot a developer
# happens to have in their user data directory must not change what the pages show.
_EMPTY_DATA_DIR = tempfile.mkdtemp(prefix="nolb-test-data-")
os.environ["NOLB_DATA_DIR"] = _EMPTY_DATA_DIR
SHARED_DATA_DIR = Path(os.environ.get("SHARED_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))
RAW_DIR = SHARED_DATA_DIR / "raw"

_deselected_raw: list[str] = []


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if RAW_DIR.is_dir():
        return
    raw_items = [item for item in items if item.get_closest_marker("raw_data")]
    if not raw_items:
        return
    if in_ci():
        raise pytest.UsageError(
            f"CI=true but the raw data directory {RAW_DIR} is missing: the raw-input tests must "
            "run in CI. Check out shared/ beside the repository or set SHARED_DATA_DIR."
        )
    _deselected_raw.extend(item.nodeid for item in raw_items)
    config.hook.pytest_deselected(items=raw_items)
    items[:] = [item for item in items if not item.get_closest_marker("raw_data")]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _deselected_raw:
        terminalreporter.write_line(
            f"{len(_deselected_raw)} raw-data tests not collected: {RAW_DIR} is absent "
            "(they run wherever it is present, and always in CI)."
        )


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    """The real raw data directory (tests using it must be marked raw_data)."""
    return RAW_DIR


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    return SHARED_DATA_DIR
