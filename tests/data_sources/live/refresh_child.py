"""Runs the refresh command once per job, each in its own forked process, and measures it.

Started once by the fault matrix (`python -m tests.data_sources.live.refresh_child`), it pays
for importing pandas and the rest a single time, then reads one JSON job per line on stdin:
`{"argv": [...], "env": {...}, "disk": null | "ENOSPC" | "EROFS", "store": DIR,
"stdout": FILE, "stderr": FILE}`. For each it forks a child that runs
`data_sources.live.refresh.main(argv)` with that environment (and, if asked, a full or
read-only store), and answers one JSON line: the exit status, the wall time, the child's peak
resident memory (`ru_maxrss` from `wait4`) and its resident memory when it started (what it
shares with this process). An exception escaping `main` is printed as a traceback on the
child's stderr and exits 99, so the matrix sees it.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from data_sources.live.refresh import main
from tests.data_sources.live.disk_faults import failing_disk

DISKS = {"ENOSPC": errno.ENOSPC, "EROFS": errno.EROFS}
ESCAPED = 99


def _resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _child(job: dict[str, Any], baseline_file: str) -> int:
    Path(baseline_file).write_text(str(_resident_kib()))
    os.environ.update(job["env"])
    for name in job.get("unset", []):
        os.environ.pop(name, None)
    for descriptor, path in ((1, job["stdout"]), (2, job["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, descriptor)
        os.close(target)
    try:
        if job.get("disk"):
            with failing_disk(Path(job["store"]), DISKS[job["disk"]]):
                return main(job["argv"])
        return main(job["argv"])
    except BaseException:  # the matrix must see any traceback that would reach the user
        traceback.print_exc()
        return ESCAPED
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def run(job: dict[str, Any]) -> dict[str, Any]:
    baseline_file = job["stderr"] + ".baseline"
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = _child(job, baseline_file)
        finally:
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - started
    return {
        "status": os.waitstatus_to_exitcode(status),
        "wall_seconds": round(wall, 3),
        "peak_kib": usage.ru_maxrss,
        "start_kib": int(Path(baseline_file).read_text() or 0),
    }


def serve() -> None:
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    serve()
