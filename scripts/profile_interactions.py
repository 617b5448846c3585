"""Where each interaction's time goes in the browser, from the final click to the last change.

Usage: python scripts/profile_interactions.py [--out bench-results/profile-interactions.json]

For the interactions `make bench` times (and the floor's rerun), after a warm-up of each, it
reports: the last change to the page (ms after the click, the bench's measure), main-thread
time by kind over that span (scripting, style and layout, paint, garbage collection), CPU time
by front-end script (plotly.js, the data grid, React, Streamlit's styling, the dashboard's own
components), and a timeline per page element: when it first and last changed, and how many
DOM changes it took. That last part is what says which element holds an interaction up.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import (  # noqa: E402
    CHOICES,
    CHROMIUM,
    CHROMIUM_ARGS,
    FLOOR_RERUN_APP,
    ROOT,
    SETTLE_CLOCK,
    STAYED_SETTLED,
    VIEWPORT,
    choose,
    server,
)
from profile_pages import CATEGORIES, cpu_profile_by_script, timeline_summary  # noqa: E402

# Each DOM change, stamped and credited to the page element it happened in (its key, or its
# kind when it has no key).
WATCH_ELEMENTS = """() => {
    window.__changes = [];
    const owner = (node) => {
        const element = node.nodeType === 1 ? node : node.parentElement;
        const box = element && element.closest('[data-testid="stElementContainer"]');
        if (!box) return '(page frame)';
        const key = [...box.classList].find(c => c.startsWith('st-key-'));
        const inner = box.querySelector('[data-testid]');
        const kind = inner ? inner.getAttribute('data-testid') : 'element';
        return key ? `${key.slice(7)} (${kind})` : kind;
    };
    new MutationObserver((records) => {
        const now = performance.now();
        for (const record of records) window.__changes.push([now, owner(record.target)]);
    }).observe(document.querySelector('[data-testid="stMain"]') || document.body,
        {subtree: true, childList: true, attributes: true, characterData: true});
}"""
QUIET = """() => window.__changes.length > 0
    && performance.now() - window.__changes[window.__changes.length - 1][0] > 500"""


def element_timeline(changes: list[list[Any]]) -> list[dict[str, Any]]:
    """Per element: first and last change (ms after the click) and the number of changes,
    the element that changed last first."""
    spans: dict[str, list[float]] = {}
    for at, owner in changes:
        span = spans.setdefault(owner, [at, at, 0])
        span[0], span[1], span[2] = min(span[0], at), max(span[1], at), span[2] + 1
    rows = [
        {"element": owner, "first_ms": round(a), "last_ms": round(z), "changes": int(n)}
        for owner, (a, z, n) in spans.items()
    ]
    return sorted(rows, key=lambda row: -row["last_ms"])


def profile_interaction(browser: Browser, url: str, label: str, option: str) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.add_init_script(SETTLE_CLOCK)
    page.goto(url)
    page.wait_for_function(STAYED_SETTLED, timeout=120_000, polling=100)
    commit = choose(label, option)(page)
    cdp = context.new_cdp_session(page)
    events: list[dict[str, Any]] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda event: events.extend(event["value"]))
    cdp.on("Tracing.tracingComplete", lambda _: done.append(True))
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 500})
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.evaluate(WATCH_ELEMENTS)
    cdp.send("Profiler.start")
    page.evaluate("() => { window.__clicked = performance.now(); }")
    commit()
    page.wait_for_function(QUIET, timeout=60_000, polling=100)
    cpu = cdp.send("Profiler.stop")["profile"]
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)
    changes = page.evaluate("() => window.__changes.map(([t, o]) => [t - window.__clicked, o])")
    context.close()
    last_ms = max(at for at, _ in changes)
    # Trace time is monotonic microseconds; the click sits at the first event after tracing
    # began, close enough for a summary over hundreds of milliseconds.
    start_us = min(e["ts"] for e in events if e.get("ts") and e.get("ph") == "X")
    return {
        "last_change_ms": round(last_ms),
        "main_thread_ms": timeline_summary(events, start_us, start_us + last_ms * 1000),
        "cpu_self_ms_by_script": cpu_profile_by_script(cpu),
        "elements": element_timeline(changes),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench-results" / "profile-interactions.json"
    )
    args = parser.parse_args(argv)
    steps = {"floor rerun": ("", "Series", "b")} | CHOICES
    results: dict[str, Any] = {}
    with (
        sync_playwright() as playwright,
        server(ROOT / "serve.py") as (url, _, _),
        server(FLOOR_RERUN_APP) as (floor_url, _, _),
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (path, label, option) in steps.items():
            target = (floor_url + "/") if name == "floor rerun" else url + path
            profile_interaction(browser, target, label, option)  # warm-up
            results[name] = profile_interaction(browser, target, label, option)
            print(name, json.dumps(results[name]), flush=True)
        browser.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
