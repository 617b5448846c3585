"""Bounded load test: N concurrent browser sessions against one dashboard server on 127.0.0.1.

Usage: python scripts/load_test.py [--sessions 20] [--url http://127.0.0.1:PORT]
       python scripts/load_test.py --through-cluster [--replicas 1 2 4] [--sessions 20]

Each session opens every page, then makes a few selections (indicator on /map, area on /area).
Reports errors (page errors, Streamlit exception boxes, timeouts: must be zero) and the median
and 95th-percentile settle times. Without --url it starts its own server on a free port. All
traffic goes to the loopback address only; the run is bounded by sessions and a time limit.

--through-cluster runs the same load through HAProxy (serving/cluster.py, as `make cluster`)
with 1, 2 and 4 replicas in turn, and kills one replica half-way through each run (with one
replica it is restarted at once: there is nothing to fail over to). It adds throughput
(actions per second), the sessions each replica held at the start and at the end (from the
balancer's sticky cookie), and how many sessions were moved to another replica by the kill.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import CHROMIUM, CHROMIUM_ARGS, PAGES, ROOT, SETTLED, server  # noqa: E402

sys.path.insert(0, str(ROOT))
from serving import cluster  # noqa: E402

TIME_LIMIT_S = 600
ACTIONS_PER_SESSION = len(PAGES) + 2
STICKY_COOKIE = "NOLB_REPLICA"


@dataclass
class Progress:
    """Shared by the sessions of one run: timings, errors, and the half-way trigger."""

    expected_actions: int
    halfway: Callable[[], None] | None = None
    timings: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    replicas_seen: list[list[str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    halfway_at: float | None = None
    _fired: bool = False

    async def record(self, seconds: float) -> None:
        self.timings.append(seconds)
        if self.halfway and not self._fired and len(self.timings) >= self.expected_actions // 2:
            self._fired = True
            self.halfway_at = time.perf_counter() - self.started
            await asyncio.to_thread(self.halfway)


async def settle(page: Page) -> float:
    started = time.perf_counter()
    await page.wait_for_selector('[data-testid="stApp"]')
    await page.wait_for_function(SETTLED, timeout=120_000, polling=100)
    return time.perf_counter() - started


async def choose(page: Page, label: str, option: str) -> float:
    started = time.perf_counter()
    await page.get_by_role("combobox", name=label).click()
    await page.keyboard.type(option.split(" (")[0])
    await page.get_by_role("option", name=option, exact=True).first.click()
    await page.wait_for_timeout(50)
    await page.wait_for_function(SETTLED, timeout=120_000, polling=100)
    return time.perf_counter() - started


async def one_session(browser: Browser, url: str, progress: Progress) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(120_000)  # every wait as long as a settle may take
    page.set_default_navigation_timeout(120_000)
    errors = progress.errors
    replicas: list[str] = []
    progress.replicas_seen.append(replicas)

    async def note_replica() -> None:
        cookies = {c.get("name"): c.get("value") for c in await context.cookies()}
        value = cookies.get(STICKY_COOKIE)
        if value and (not replicas or replicas[-1] != value):
            replicas.append(value)

    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    try:
        for path in PAGES:
            started = time.perf_counter()
            await page.goto(url + path)
            await settle(page)
            await progress.record(time.perf_counter() - started)
            await note_replica()
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"exception shown on {path}")
        await page.goto(url + "/map")
        await settle(page)
        await progress.record(await choose(page, "Indicator", "Employment rate (16 to 64)"))
        await note_replica()
        await page.goto(url + "/area")
        await settle(page)
        await progress.record(await choose(page, "Council area", "Fife"))
        await note_replica()
    except Exception as error:  # any failure in a session is an error to report, not a crash
        errors.append(
            f"{time.perf_counter() - progress.started:.1f} s: {type(error).__name__}: {error}"
        )
    finally:
        await context.close()


async def run(
    url: str, sessions: int, halfway: Callable[[], None] | None = None
) -> dict[str, object]:
    progress = Progress(expected_actions=sessions * ACTIONS_PER_SESSION, halfway=halfway)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        progress.started = started = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(*(one_session(browser, url, progress) for _ in range(sessions))),
            timeout=TIME_LIMIT_S,
        )
        elapsed = time.perf_counter() - started
        await browser.close()
    ordered = sorted(progress.timings)
    report: dict[str, object] = {
        "sessions": sessions,
        "actions": len(ordered),
        "errors": progress.errors,
        "median_settle_s": statistics.median(ordered) if ordered else None,
        "p95_settle_s": ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
        "wall_time_s": elapsed,
        "actions_per_s": len(ordered) / elapsed if elapsed else None,
    }
    if halfway is not None:
        seen = [r for r in progress.replicas_seen if r]
        report["replica_killed_at_s"] = progress.halfway_at
        report["sessions_per_replica_at_start"] = dict(sorted(Counter(r[0] for r in seen).items()))
        report["sessions_per_replica_at_end"] = dict(sorted(Counter(r[-1] for r in seen).items()))
        report["sessions_moved_by_the_kill"] = sum(1 for r in seen if len(r) > 1)
    return report


def replica_cpu_seconds(plan: cluster.ClusterPlan, number: int) -> float:
    """CPU time (user + system) a running replica has used since it started; 0 if not running."""
    pid = cluster._recorded_pid(plan.run_dir, cluster.replica_name(number))
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def through_cluster(sessions: int, replica_counts: list[int]) -> dict[str, object]:
    """The same load through HAProxy with each number of replicas, one killed half-way."""
    runs = []
    for replicas in replica_counts:
        with tempfile.TemporaryDirectory(prefix="nolb-load-") as scratch:
            plan = cluster.make_plan(
                replicas=replicas,
                port=free_port(),
                run_dir=Path(scratch) / "run",
                data_dir=Path(scratch) / "store",  # empty: the replicas serve the embedded one
                replica_ports=tuple(free_port() for _ in range(replicas)),
                static_port=free_port(),
            )
            cluster.start(plan)

            cpu_of_killed: list[float] = []

            def kill_one(
                plan: cluster.ClusterPlan = plan,
                replicas: int = replicas,
                cpu_of_killed: list[float] = cpu_of_killed,
            ) -> None:
                cpu_of_killed.append(replica_cpu_seconds(plan, 1))
                cluster.kill_replica(plan, 1)
                if replicas == 1:  # nothing to fail over to: it comes back at once
                    cluster.start_replica(plan, 1)

            try:
                report = asyncio.run(run(plan.url, sessions, halfway=kill_one))
                cpu = sum(replica_cpu_seconds(plan, n) for n in range(1, replicas + 1))
            finally:
                cluster.stop(plan.run_dir)
            cpu += sum(cpu_of_killed)
            actions = report["actions"]
            report["replica_cpu_s"] = cpu
            if isinstance(actions, int) and actions:
                report["replica_cpu_s_per_action"] = cpu / actions
            report["replicas"] = replicas
            # Other work on the machine skews every figure: keep the context with them.
            report["load_average_1_5_15_min_after"] = list(os.getloadavg())
            runs.append(report)
            print(json.dumps(report, indent=2), flush=True)
    return {"through_cluster": runs, "cpu_count": _cpu_count()}


def _cpu_count() -> int | None:
    return os.cpu_count()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--url", help="an already running dashboard on 127.0.0.1")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--through-cluster", action="store_true")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)
    if args.through_cluster:
        report = through_cluster(args.sessions, args.replicas)
        out = args.out or ROOT / "bench-results" / "load-cluster.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=2) + "\n")
        runs = report["through_cluster"]
        assert isinstance(runs, list)
        print(summary_table(runs))
        return 1 if any(run["errors"] for run in runs) else 0
    args.out = args.out or ROOT / "bench-results" / "load.json"
    if args.url:
        report = asyncio.run(run(args.url.rstrip("/"), args.sessions))
    else:
        with server(ROOT / "app.py") as (url, _, _):
            report = asyncio.run(run(url, args.sessions))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 1 if report["errors"] else 0


def _seconds(value: object) -> str:
    return f"{value:.2f} s" if isinstance(value, float) else "-"


def summary_table(runs: list[dict[str, object]]) -> str:
    lines = [
        "| replicas | errors | median settle | p95 settle | actions/s | sessions per replica "
        "(start -> end) | moved | replica CPU per action |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        errors = run["errors"]
        assert isinstance(errors, list)
        lines.append(
            f"| {run['replicas']} | {len(errors)} | {_seconds(run['median_settle_s'])} "
            f"| {_seconds(run['p95_settle_s'])} | {run['actions_per_s']:.2f} "
            f"| {run['sessions_per_replica_at_start']} -> {run['sessions_per_replica_at_end']} "
            f"| {run['sessions_moved_by_the_kill']} "
            f"| {_seconds(run.get('replica_cpu_s_per_action'))} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
