"""Where each page's time goes in the browser: Chromium's timeline and CPU profile per page.

Usage: python scripts/profile_pages.py [--out bench-results/profile.json] [PATH ...]

For one fresh load of each page (after a warm-up load), up to the moment it settles by the
benchmark's rule, it reports: main-thread time by kind (scripting, style and layout, paint
and compositing, parsing and compiling, garbage collection), scripting by the script it ran in
(Plotly, the data grid, the rest of Streamlit's front end), the number of Plotly charts and
data grids drawn, and bytes over HTTP and the websocket.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    FLOOR_APP,
    PAGES,
    ROOT,
    SETTLE_CLOCK,
    STAYED_SETTLED,
    VIEWPORT,
    server,
)

CATEGORIES = ",".join(
    ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline", "v8"]
)
# Timeline event names, grouped the way DevTools' summary groups them.
KINDS = {
    "scripting": {"EvaluateScript", "FunctionCall", "TimerFire", "EventDispatch",
                  "FireAnimationFrame", "RunMicrotasks", "V8.Execute", "v8.run"},
    "parse and compile": {"v8.compile", "V8.CompileCode", "v8.parseOnBackground",
                          "ParseHTML", "V8.ScriptCompiler", "CompileScript"},
    "style and layout": {"UpdateLayoutTree", "Layout", "RecalculateStyles",
                         "ScheduleStyleRecalculation", "InvalidateLayout"},
    "paint and composite": {"Paint", "PaintImage", "RasterTask", "CompositeLayers",
                            "UpdateLayer", "UpdateLayerTree", "PrePaint", "Layerize"},
    "garbage collection": {"MinorGC", "MajorGC", "V8.GCScavenger", "V8.GCFinalizeMC",
                           "BlinkGC.AtomicPhase", "V8.GC_MC_BACKGROUND_MARKING"},
}  # fmt: skip
COUNT_CHARTS = """() => ({
    plotly: document.querySelectorAll('.js-plotly-plot').length,
    grids: [...document.querySelectorAll('[data-testid="stDataFrame"]')]
        .filter(g => g.querySelector('canvas')).length,
    nodes: document.getElementsByTagName('*').length,
})"""


def script_bucket(url: str) -> str:
    """The front-end bundle a script URL belongs to: its file name without the content hash."""
    if not url:
        return "(browser, no script)"
    name = url.rsplit("/", 1)[-1].split("?")[0]
    parts = name.split(".")
    return ".".join(parts[:-2]) if len(parts) > 2 else name


def main_thread(events: list[dict[str, Any]], until_us: float) -> tuple[int, str]:
    """The renderer main thread: the thread that ran the most top-level tasks."""
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for event in events:
        if event.get("name") == "RunTask" and event.get("ts", 0) <= until_us:
            counts[(event["pid"], event["tid"])] += 1
    names = {
        (e["pid"], e["tid"]): e["args"].get("name", "")
        for e in events
        if e.get("name") == "thread_name"
    }
    candidates = [k for k in counts if names.get(k) == "CrRendererMain"] or list(counts)
    best = max(candidates, key=lambda k: counts[k])
    return best[0], str(best[1])


def timeline_summary(
    events: list[dict[str, Any]], start_us: float, end_us: float
) -> dict[str, int]:
    """Self time per kind on the main thread between navigation and settle, in ms."""
    pid, tid = main_thread(events, end_us)
    thread = [
        e
        for e in events
        if e.get("pid") == pid
        and str(e.get("tid")) == tid
        and e.get("ph") == "X"
        and start_us <= e.get("ts", 0) <= end_us
    ]
    kind_of = {name: kind for kind, names in KINDS.items() for name in names}
    totals: dict[str, float] = defaultdict(float)
    busy = 0.0
    for event in thread:
        if event["name"] == "RunTask":
            busy += event.get("dur", 0) / 1000
        kind = kind_of.get(event["name"])
        if kind:
            totals[kind] += event.get("dur", 0) / 1000
    totals["main thread busy (all tasks)"] = busy
    return {k: round(v) for k, v in totals.items()}


def cpu_profile_by_script(profile: dict[str, Any]) -> dict[str, float]:
    """Self time of the sampled CPU profile, per front-end bucket, in ms."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    self_us: dict[str, float] = defaultdict(float)
    deltas = profile.get("timeDeltas", [])
    for sample, delta in zip(profile.get("samples", []), deltas, strict=False):
        frame = nodes[sample]["callFrame"]
        function = frame.get("functionName", "")
        if function in ("(idle)", "(program)"):
            bucket = function
        elif function == "(garbage collector)":
            bucket = "garbage collector"
        else:
            bucket = script_bucket(frame.get("url", ""))
        self_us[bucket] += delta
    ranked = sorted(self_us.items(), key=lambda kv: -kv[1])
    top: dict[str, float] = {k: round(v / 1000) for k, v in ranked[:8]}
    top["(rest)"] = round(sum(v for _, v in ranked[8:]) / 1000)
    return top


def profile_page(browser: Browser, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.add_init_script(SETTLE_CLOCK)
    cdp = context.new_cdp_session(page)
    http: dict[str, int] = defaultdict(int)
    kinds: dict[str, str] = {}
    websocket = [0, 0]  # bytes, frames

    def on_response(event: dict[str, Any]) -> None:
        kinds[event["requestId"]] = event.get("type", "Other")

    def on_finished(event: dict[str, Any]) -> None:
        http[kinds.get(event["requestId"], "Other")] += int(event["encodedDataLength"])

    def on_frame(event: dict[str, Any]) -> None:
        response = event["response"]
        payload = len(response["payloadData"])
        websocket[0] += payload * 3 // 4 if response.get("opcode") == 2 else payload
        websocket[1] += 1

    cdp.send("Network.enable")
    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    events: list[dict[str, Any]] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda event: events.extend(event["value"]))
    cdp.on("Tracing.tracingComplete", lambda _: done.append(True))
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 500})
    cdp.send("Profiler.start")
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url)
    page.wait_for_function(STAYED_SETTLED, timeout=120_000, polling=100)
    settled_ms = float(page.evaluate("() => window.__settledAt"))
    cpu = cdp.send("Profiler.stop")["profile"]
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)
    charts = page.evaluate(COUNT_CHARTS)
    context.close()
    # Trace timestamps are monotonic microseconds; find navigation start in them.
    nav = [e for e in events if e.get("name") == "navigationStart"]
    start_us = nav[-1]["ts"] if nav else min(e.get("ts", 0) for e in events if e.get("ts"))
    end_us = start_us + settled_ms * 1000
    return {
        "settled_s": round(settled_ms / 1000, 2),
        "main_thread_ms": timeline_summary(events, start_us, end_us),
        "cpu_self_ms_by_script": cpu_profile_by_script(cpu),
        "drawn": charts,
        "http_bytes_by_type": dict(http),
        "websocket_bytes": websocket[0],
        "websocket_frames": websocket[1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", default=PAGES)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "profile.json")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    with (
        sync_playwright() as playwright,
        server(ROOT / "serve.py") as (url, _, _),
        server(FLOOR_APP) as (floor_url, _, _),
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, target in [("floor", floor_url + "/")] + [(p, url + p) for p in args.paths]:
            profile_page(browser, target)  # warm-up
            results[name] = profile_page(browser, target)
            print(name, json.dumps(results[name]), flush=True)
        browser.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
