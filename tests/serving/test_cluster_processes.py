"""`make cluster-stop` stops exactly what `make cluster` started, and nothing else."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from serving import cluster


@pytest.fixture
def plan(tmp_path: Path) -> cluster.ClusterPlan:
    return cluster.make_plan(replicas=2, port=18501, run_dir=tmp_path, data_dir=tmp_path)


def sleeper() -> list[str]:
    return [sys.executable, "-c", "import time; time.sleep(60)"]


def test_stop_ends_every_recorded_process_and_its_pid_file(plan) -> None:
    pids = [cluster._launch(name, sleeper(), plan, {}) for name in ("haproxy", "replica-1")]
    assert all(cluster._start_time(pid) for pid in pids)
    assert cluster.stop(plan.run_dir) == ["haproxy", "replica-1"]
    assert [cluster._start_time(pid) for pid in pids] == [None, None]
    assert list(plan.run_dir.glob("*.pid")) == []


def test_a_pid_file_naming_someone_elses_process_is_never_signalled(plan) -> None:
    """A pid reused by the system for another process has another start time: left alone."""
    stranger = subprocess.Popen(sleeper())
    try:
        (plan.run_dir / "replica-1.pid").write_text(f"{stranger.pid} 1\n")
        assert cluster.stop(plan.run_dir) == []
        assert stranger.poll() is None
    finally:
        stranger.kill()
        stranger.wait()


def test_a_second_cluster_is_refused_while_one_runs(plan) -> None:
    cluster._launch("haproxy", sleeper(), plan, {})
    try:
        with pytest.raises(cluster.ClusterError, match="already running"):
            cluster.start(plan)
    finally:
        cluster.stop(plan.run_dir)


def test_killing_one_replica_leaves_the_others(plan) -> None:
    first = cluster._launch("replica-1", sleeper(), plan, {})
    second = cluster._launch("replica-2", sleeper(), plan, {})
    assert cluster.kill_replica(plan, 1)
    assert cluster._start_time(first) is None and cluster._start_time(second)
    assert cluster.stop(plan.run_dir) == ["replica-2"]
