"""The refresh fault matrix: the refresh command against a hostile or broken local server.

Each case runs `python -m data_sources.live.refresh` (its `main`, in a forked process started
by refresh_child.py, so each case's wall time and peak memory are its own) against the local
stand-in on 127.0.0.1 with one fault on every request, or with a full or read-only store
(simulated at the store's system calls, see disk_faults.py). Every case must end with status 1,
a named source (or the store), no traceback, and the store byte for byte as it was; the limits
are injected small so the whole matrix runs in seconds. Set NOLB_FAULT_MATRIX_REPORT to a file
to get each case's wall time and peak memory as JSON.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from data_sources.live import refresh as refresh_module
from data_sources.live.nomis import APS_SOURCE, CLAIMANT_SOURCE
from data_sources.live.ons_boundaries import SOURCE_ID as BOUNDARIES_SOURCE
from data_sources.live.statistics_gov_scot import SOURCE_ID as SGS_SOURCE
from data_sources.store import current_version
from tests.data_sources.live.conftest import FakeServices, tree_bytes
from tests.data_sources.live.fault_server import (
    BOMB_INFLATED_BYTES,
    HUGE_BODY_BYTES,
    Fault,
    FaultServer,
    bad_shapes,
    drip,
    giant_field,
    gzip_bomb,
    huge,
    silence,
    slow,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
SOURCES = (CLAIMANT_SOURCE, APS_SOURCE, SGS_SOURCE, BOUNDARIES_SOURCE)
FAILED = "Refresh failed; the existing snapshot is unchanged."
MAX_BYTES = 4 * 1024 * 1024
CASE_TIMEOUT_SECONDS = 60.0
# A case that fails on the network may not grow the process by more than this: the refresh
# loads the snapshot in use and the embedded one (about 90 MiB) and the body limit is 4 MiB;
# before the limit, a 1 GiB gzip bomb took 2.6 GB. The disk cases run a whole refresh first.
MEMORY_GROWTH_LIMIT_KIB = 160 * 1024

MakeFault = Callable[[FakeServices, threading.Event], Fault | None]


@dataclass(frozen=True)
class Case:
    name: str
    fault: MakeFault
    says: str  # words the failure message must hold
    env: dict[str, str] = field(default_factory=dict)
    disk: str | None = None


CASES = (
    Case(
        "drip",
        lambda _, stop: drip(stop),
        "within 1 s (NOLB_REQUEST_DEADLINE_SECONDS)",
        {"NOLB_REQUEST_DEADLINE_SECONDS": "1"},
    ),
    Case(
        "silence",
        lambda _, stop: silence(stop),
        "within 1 s (NOLB_REQUEST_DEADLINE_SECONDS)",
        {"NOLB_REQUEST_DEADLINE_SECONDS": "1"},
    ),
    Case(
        "budget",
        lambda _, __: slow(0.4),
        "ran out of its time budget of 1 s (NOLB_REFRESH_BUDGET_SECONDS)",
        {"NOLB_REFRESH_BUDGET_SECONDS": "1"},
    ),
    Case(
        "huge",
        lambda _, __: huge(HUGE_BODY_BYTES),
        f"larger than the limit of {MAX_BYTES:,} bytes (NOLB_MAX_RESPONSE_BYTES)",
    ),
    Case(
        "gzip bomb",
        lambda _, __: gzip_bomb(BOMB_INFLATED_BYTES),
        f"larger than the limit of {MAX_BYTES:,} bytes (NOLB_MAX_RESPONSE_BYTES)",
    ),
    Case("bad shapes", lambda _, __: bad_shapes, "is not a JSON object"),
    Case(
        "giant field",
        lambda services, _: giant_field(services),
        "field larger than field limit (131072)",
    ),
    Case("full disk", lambda _, __: None, "cannot publish, the disk is full", disk="ENOSPC"),
    Case(
        "read-only disk",
        lambda _, __: None,
        "cannot publish, it is read-only or not writable",
        disk="EROFS",
    ),
)

MEASURED: dict[str, dict[str, Any]] = {}


class Runner:
    """The refresh_child.py process: one job in, one measurement out."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.data_sources.live.refresh_child"],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        assert json.loads(self.answer(120)) == {"ready": True}

    def answer(self, timeout: float) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            self.kill()
            pytest.fail(f"the refresh did not finish within {timeout:g} s")
        return self.process.stdout.readline()

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        return dict(json.loads(self.answer(CASE_TIMEOUT_SECONDS)))

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # the runner and the case it runs
            self.process.wait()


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    started = Runner()
    yield started
    if started.process.stdin is not None:
        started.process.stdin.close()
    try:
        started.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        started.kill()
    report = os.environ.get("NOLB_FAULT_MATRIX_REPORT")
    if report:
        Path(report).write_text(json.dumps(MEASURED, indent=2) + "\n", encoding="utf-8")


@pytest.fixture
def stop() -> Iterator[threading.Event]:
    """Set when the test ends, so dripping and silent answers let their threads go."""
    event = threading.Event()
    yield event
    event.set()


def environment(services: FakeServices, cache: Path, extra: dict[str, str]) -> dict[str, str]:
    return {
        "NOMIS_API_URL": services.url("/nomis"),
        "STATISTICS_GOV_SCOT_URL": services.url("/sgs"),
        "ONS_GEOGRAPHY_URL": services.url("/arcgis"),
        "NOLB_CACHE_DIR": str(cache),
        "NOLB_CLAIMANT_FROM": "2021-03",
        "NOLB_APS_FROM": "2019",
        "NOLB_REQUEST_DEADLINE_SECONDS": "30",
        "NOLB_REFRESH_BUDGET_SECONDS": "45",
        "NOLB_MAX_RESPONSE_BYTES": str(MAX_BYTES),
        **extra,
    }


def refresh_in_child(
    runner: Runner,
    services: FakeServices,
    store: Path,
    work: Path,
    env: dict[str, str],
    disk: str | None = None,
) -> tuple[dict[str, Any], str]:
    job = {
        "argv": ["--dest", str(store)],
        "env": environment(services, work / "cache", env),
        "unset": ["NOMIS_API_KEY"],
        "disk": disk,
        "store": str(store),
        "stdout": str(work / "stdout.txt"),
        "stderr": str(work / "stderr.txt"),
    }
    result = runner.run(job)
    return result, (work / "stderr.txt").read_text(encoding="utf-8")


def assert_failed_cleanly(status: int, stderr: str, says: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert status == 1, stderr
    assert FAILED in stderr, stderr
    named = [s for s in SOURCES if f"{s}: " in stderr] or (
        ["the store"] if "the store in " in stderr else []
    )
    assert named, f"no source or store named in: {stderr}"
    assert says in stderr, stderr


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_fault_ends_in_status_1_naming_the_source_with_the_store_untouched(
    case: Case,
    runner: Runner,
    live_server: HTTPServer,
    store: Path,
    tmp_path: Path,
    stop: threading.Event,
) -> None:
    live_server.clear()
    server = FaultServer(live_server, lambda _: None)
    server.fault_for = case.fault(server, stop) or (lambda _: None)
    before = tree_bytes(store)
    try:
        result, stderr = refresh_in_child(runner, server, store, tmp_path, case.env, case.disk)
    finally:
        stop.set()
        live_server.clear()
    MEASURED[case.name] = {**result, "message": stderr.strip().splitlines()[-1][:200]}
    assert_failed_cleanly(result["status"], stderr, case.says)
    assert tree_bytes(store) == before
    if case.disk is None:
        assert result["peak_kib"] - result["start_kib"] < MEMORY_GROWTH_LIMIT_KIB


def test_a_source_that_failed_works_again_on_the_next_run(
    runner: Runner, live_server: HTTPServer, store: Path, tmp_path: Path
) -> None:
    # First run: every answer has the wrong shape, and fails. The bad bodies must not stay in
    # the cache: once the services answer properly the next run refreshes in full.
    live_server.clear()
    broken = FaultServer(live_server, bad_shapes)
    before = tree_bytes(store)
    first, stderr = refresh_in_child(runner, broken, store, tmp_path, {})
    live_server.clear()
    assert_failed_cleanly(first["status"], stderr, "is not a JSON object")
    assert tree_bytes(store) == before
    asked_first = {path for path, _ in broken.requests}
    assert asked_first

    recovered = FakeServices(live_server)
    try:
        second, stderr = refresh_in_child(runner, recovered, store, tmp_path, {})
    finally:
        live_server.clear()
    MEASURED["cache recovery"] = {
        "status_first_run": first["status"],
        **second,
        "message": stderr.strip().splitlines()[-1][:200] if stderr.strip() else "",
    }
    assert "Traceback" not in stderr
    assert second["status"] == 0, stderr
    assert current_version(store) is not None and tree_bytes(store) != before
    # Everything the failed run fetched was asked for again, not served from the cache.
    assert asked_first <= {path for path, _ in recovered.requests}


def test_an_error_nobody_foresaw_still_ends_in_status_1_without_a_traceback(
    services: FakeServices,
    store: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in environment(services, tmp_path / "cache", {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NOMIS_API_KEY", raising=False)

    def broken_merge(*_: object, **__: object) -> None:
        raise KeyError("period_label")

    monkeypatch.setattr(refresh_module, "merge", broken_merge)
    before = tree_bytes(store)
    assert refresh_module.main(["--dest", str(store)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{FAILED}\nthe refresh: unexpected KeyError: 'period_label'" in err
    assert tree_bytes(store) == before
