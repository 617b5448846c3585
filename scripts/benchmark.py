"""Time the dashboard against the bare-Streamlit floor in headless Chromium (issue 12's measure).

Usage: python scripts/benchmark.py [--runs N] [--sessions N] [--out bench-results/bench.json]
       python scripts/benchmark.py --only /map --only "area on" (a subset, while iterating)

The measure, exactly as issue 12 defines it:
- the floor is `st.title` and one `px.line` chart (scripts/bench_floor/floor_app.py), served at
  the same time as the dashboard on the same Streamlit; its rerun after one widget change is
  timed on the same app plus one picker (floor_rerun_app.py);
- a page is settled when the app's script state is `notRunning`, then its charts are drawn (a
  Plotly `.main-svg`, a canvas or a Vega chart in every chart that has mounted, and in each of
  the dashboard's own components its chart, map or table (the SVG map, `[data-svg-map]`, once
  its council areas' `svg path.area` are drawn), or, on a page without charts, the document
  complete), then the script is still not running;
- viewport 1400x1000, Chromium with `--no-sandbox --disable-gpu`, one warm-up load, then the
  median of 5 fresh page loads (a new browser context each: empty cache, first-visit bytes);
- the eight URLs of PAGES, and three interactions (indicator on /map, area on /area and on
  /compare) timed from the final click to the page settled, against the floor's rerun.
Loads are taken in rounds (the floor, then every page), so load on the machine hits the floor
and the pages alike; ratios to the floor measured in the same run are what count.

Also reported: first-visit bytes per page (HTTP transfer size, the same if a balancer gzipped
the front end, and websocket bytes), the charts-only reference (/map's two real charts alone
on a bare page), the floor's rerun when its one change redraws its chart (floor_redraw_app.py),
cold start, server-side script time per rerun and server memory. Nothing here is asserted by
the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BENCH_APPS = ROOT / "scripts" / "bench_floor"
FLOOR_APP = BENCH_APPS / "floor_app.py"
FLOOR_RERUN_APP = BENCH_APPS / "floor_rerun_app.py"
FLOOR_REDRAW_APP = BENCH_APPS / "floor_redraw_app.py"
CHARTS_ONLY_APP = BENCH_APPS / "charts_only_app.py"
STREAMLIT_STATIC = Path(streamlit.__file__).parent / "static" / "static"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"]
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}
PAGES = [
    "/",
    "/map",
    "/area?area=S12000049",
    "/compare?area=S12000049",
    "/trends",
    "/targets",
    "/data",
    "/about",
]
LIMIT = 2.0  # issue 12: every page and interaction at most 2.0x the floor

# Is the page settled now? Used as-is by the load test; the bench times it with SETTLE_CLOCK.
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    // Every chart in view is drawn (one in a closed expander or tab draws when opened).
    // The dashboard's own components (ui/kept_chart and the like) count once they have drawn.
    const drawnIn = {'.stPlotlyChart': '.js-plotly-plot .main-svg',
        '[data-testid="stBidiComponentRegular"]': '.main-svg, svg path, table',
        '[data-svg-map]': 'svg path.area',
        '[data-testid="stVegaLiteChart"]': 'canvas, svg', '[data-testid="stDataFrame"]': 'canvas'};
    for (const [chart, drawing] of Object.entries(drawnIn)) {
        for (const element of document.querySelectorAll(chart)) {
            if (element.checkVisibility() && !element.querySelector(drawing)) return false;
        }
    }
    const drawn = document.querySelector('.js-plotly-plot .main-svg, '
        + '[data-svg-map] svg path.area, [data-testid="stDataFrame"] canvas, .vega-embed');
    return Boolean(drawn) || document.readyState === 'complete';
}"""
# Installed before the page's own scripts: checks the settle rule on every change to the
# document and stamps the page's own clock (ms since navigation) when it starts to hold; a
# return to "running", or a chart that mounts undrawn, clears the stamp. The script state is
# "initial" until the first run, so "notRunning" means a run has finished.
SETTLE_CLOCK = (
    """(() => {
    const settled = """
    + SETTLED
    + """;
    window.__settledAt = null;
    const check = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        const state = app ? app.getAttribute('data-test-script-state') : null;
        if (!settled()) { window.__settledAt = null; return; }
        if (window.__settledAt === null) window.__settledAt = performance.now();
    };
    new MutationObserver(check).observe(document,
        {subtree: true, childList: true, attributes: true});
    document.addEventListener('readystatechange', check);
})()"""
)
# Settled, and still so 500 ms later (a page that reruns itself is caught by that).
STAYED_SETTLED = """() => window.__settledAt !== null
    && performance.now() - window.__settledAt > 500"""
# For interactions: the last change the rerun makes to the page, by the page's own clock.
WATCH_CHANGES = """() => {
    window.__last = null;
    const observer = new MutationObserver(() => { window.__last = performance.now(); });
    observer.observe(document.querySelector('[data-testid="stMain"]') || document.body,
        {subtree: true, childList: true, attributes: true, characterData: true});
    window.__stopWatching = () => observer.disconnect();
    window.__clicked = performance.now();
}"""
QUIET = "() => window.__last !== null && performance.now() - window.__last > 500"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@contextmanager
def server(script: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """Start `streamlit run script`; yields (url, process, seconds until it answered)."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                break
        except OSError:
            if time.perf_counter() - started > 60:
                process.kill()
                raise RuntimeError(f"{script.name} did not start") from None
            time.sleep(0.05)
    try:
        yield url, process, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Load:
    """One fresh page load: seconds to settled and what came over the wire."""

    seconds: float
    http_bytes: int
    http_bytes_if_gzipped: int
    websocket_bytes: int
    page: Page


@cache
def gzipped_size(url: str, sent: int) -> int:
    """What a compressing balancer would send for a front-end asset Streamlit sends as is.

    Streamlit 1.67 serves /static/ uncompressed on purpose (and immutable for a year), leaving
    compression to a proxy; this is the gzip size of the same file, or `sent` for the rest.
    """
    path = urllib.parse.urlparse(url).path
    if "/static/" not in path:
        return sent
    asset = STREAMLIT_STATIC / path.split("/static/", 1)[1]
    if not asset.is_file():
        return sent
    return min(sent, len(gzip.compress(asset.read_bytes(), compresslevel=6)))


def open_and_settle(browser: Browser, url: str) -> Load:
    """A fresh context (empty cache) opens `url`; timed by the page's clock from navigation."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.add_init_script(SETTLE_CLOCK)
    http, gzipped, websocket = [0], [0], [0]
    urls: dict[str, str] = {}
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def on_response(event: dict[str, Any]) -> None:
        urls[event["requestId"]] = event["response"]["url"]

    def on_finished(event: dict[str, Any]) -> None:
        sent = int(event["encodedDataLength"])
        http[0] += sent
        gzipped[0] += gzipped_size(urls.get(event["requestId"], ""), sent)

    def on_frame(event: dict[str, Any]) -> None:
        response = event["response"]
        payload = len(response["payloadData"])
        # Binary frames (Streamlit's protobuf messages) arrive base64-encoded.
        websocket[0] += payload * 3 // 4 if response.get("opcode") == 2 else payload

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    cdp.on("Network.webSocketFrameReceived", on_frame)
    page.goto(url)
    page.wait_for_function(STAYED_SETTLED, timeout=90_000, polling=100)
    settled_ms = page.evaluate("() => window.__settledAt")
    return Load(float(settled_ms) / 1000, http[0], gzipped[0], websocket[0], page)


def timed_interaction(page: Page, action: Callable[[Page], Callable[[], None]]) -> float:
    """Seconds from the user's final click to the page settled after the rerun.

    `action` prepares the choice untimed (opens the picker, types to filter) and returns the
    final click: typing a long option name is the test driver's cost, not the app's. The page's
    own clock times it, up to the last change the rerun makes to the page, watched for
    changes rather than for Streamlit's "running" flag, which a fast rerun can batch away.
    """
    commit = action(page)
    page.evaluate(WATCH_CHANGES)
    commit()
    page.wait_for_function(QUIET, timeout=90_000, polling=100)
    page.wait_for_function(SETTLED, timeout=90_000, polling=100)
    elapsed_ms = page.evaluate(
        "() => { window.__stopWatching(); return window.__last - window.__clicked; }"
    )
    return float(elapsed_ms) / 1000


def choose(label: str, option: str) -> Callable[[Page], Callable[[], None]]:
    def prepare(page: Page) -> Callable[[], None]:
        # Type to filter: the option list is virtualised, so far options are not in the DOM.
        page.get_by_role("combobox", name=label).click()
        page.keyboard.type(option.split(" (")[0])
        target = page.get_by_role("option", name=option, exact=True).first
        target.wait_for()
        return target.click

    return prepare


# Each interaction: the page, the picker's label and the option chosen.
CHOICES: dict[str, tuple[str, str, str]] = {
    "indicator on /map": ("/map", "Indicator", "Employment rate (16 to 64)"),
    "area on /area": ("/area?area=S12000049", "Council area", "Fife"),
    "area on /compare": ("/compare?area=S12000049", "Council area", "Fife"),
}
INTERACTIONS: dict[str, tuple[str, Callable[[Page], Callable[[], None]]]] = {
    name: (path, choose(label, option)) for name, (path, label, option) in CHOICES.items()
}


def median_loads(loads: list[Load]) -> dict[str, Any]:
    return {
        "seconds": statistics.median(load.seconds for load in loads),
        "http_bytes": statistics.median(load.http_bytes for load in loads),
        "http_bytes_if_gzipped": statistics.median(load.http_bytes_if_gzipped for load in loads),
        "websocket_bytes": statistics.median(load.websocket_bytes for load in loads),
        "all_s": [round(load.seconds, 3) for load in loads],
    }


def script_time_per_rerun(runs: int) -> dict[str, float]:
    """Server-side time of one script run per page, measured in-process with AppTest."""
    from streamlit.testing.v1 import AppTest

    results: dict[str, float] = {}
    targets = {
        "/": None, "/map": "pages/map.py", "/area": "pages/area.py",
        "/compare": "pages/compare.py", "/targets": "pages/targets.py",
        "/trends": "pages/trends.py", "/data": "pages/data.py",
    }  # fmt: skip
    for name, page_file in targets.items():
        timings = []
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        if page_file:
            app.switch_page(page_file)
        app.run()
        for _ in range(runs):
            started = time.perf_counter()
            app.run()
            timings.append(time.perf_counter() - started)
        results[name] = statistics.median(timings)
    floor = AppTest.from_file(str(FLOOR_APP), default_timeout=60)
    floor.run()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        floor.run()
        timings.append(time.perf_counter() - started)
    results["floor"] = statistics.median(timings)
    return results


def cold_starts(browser: Browser, runs: int) -> dict[str, float]:
    """Server start to a settled first page, the dashboard's Overview against the floor."""
    app: list[float] = []
    floor: list[float] = []
    for _ in range(runs):
        for script, into in ((ROOT / "serve.py", app), (FLOOR_APP, floor)):
            with server(script) as (url, _, boot):
                load = open_and_settle(browser, url + "/")
                into.append(boot + load.seconds)
                load.page.context.close()
    return {
        "app": statistics.median(app),
        "floor": statistics.median(floor),
        "ratio": statistics.median(app) / statistics.median(floor),
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="default bench-results/bench.json")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="time only the pages and interactions whose name contains TEXT (repeatable), "
        "against the floor and the floor's rerun; skips sessions, cold start and script time",
    )
    args = parser.parse_args(argv)
    if args.out is None:  # a subset never overwrites the full run's results
        args.out = ROOT / "bench-results" / ("bench-subset.json" if args.only else "bench.json")
    pages = [path for path in PAGES if chosen(path, args.only)]
    interactions = {name: step for name, step in INTERACTIONS.items() if chosen(name, args.only)}
    report: dict[str, Any] = {
        "runs": args.runs,
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_before": load_average(),
    }
    with sync_playwright() as playwright, ExitStack() as servers:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        app_url, app_process, _ = servers.enter_context(server(ROOT / "serve.py"))
        floor_url, _, _ = servers.enter_context(server(FLOOR_APP))
        rerun_url, _, _ = servers.enter_context(server(FLOOR_RERUN_APP))
        redraw_url, _, _ = servers.enter_context(server(FLOOR_REDRAW_APP))
        charts_url, _, _ = servers.enter_context(server(CHARTS_ONLY_APP))
        targets = {"floor": floor_url + "/"}
        if not args.only:
            targets["charts only"] = charts_url + "/"
        targets |= {path: app_url + path for path in pages}
        for url in targets.values():  # the warm-up load of each
            open_and_settle(browser, url).page.context.close()
        report["rss_kib_after_warm_up"] = rss_kib(app_process.pid)
        loads: dict[str, list[Load]] = {name: [] for name in targets}
        for _ in range(args.runs):
            for name, url in targets.items():
                load = open_and_settle(browser, url)
                load.page.context.close()
                loads[name].append(load)
        floor = median_loads(loads["floor"])
        report["floor"] = floor
        report["pages"] = {}
        for name in [n for n in targets if n != "floor"]:
            result = median_loads(loads[name])
            result["ratio_to_floor"] = result["seconds"] / floor["seconds"]
            report["pages"][name] = result

        references = [
            ("floor rerun", rerun_url + "/", choose("Series", "b")),
            ("floor rerun redrawing its chart", redraw_url + "/", choose("Series", "b")),
            (
                "charts only: indicator",
                charts_url + "/",
                choose("Indicator", "Employment rate (16 to 64)"),
            ),
        ]
        if args.only:
            references = references[:1]
        steps = references + [
            (name, app_url + path, act) for name, (path, act) in interactions.items()
        ]
        reruns: dict[str, list[float]] = {name: [] for name, _, _ in steps}
        warm = [(url, action) for _, url, action in steps]
        for url, action in warm:  # warm-up of each interaction
            load = open_and_settle(browser, url)
            timed_interaction(load.page, action)
            load.page.context.close()
        for _ in range(args.runs):
            for name, url, action in steps:
                load = open_and_settle(browser, url)
                reruns[name].append(timed_interaction(load.page, action))
                load.page.context.close()
        floor_rerun = statistics.median(reruns["floor rerun"])
        report["floor_rerun_s"] = floor_rerun
        report["interactions"] = {
            name: {
                "seconds": statistics.median(values),
                "ratio_to_floor_rerun": statistics.median(values) / floor_rerun,
                "all_s": [round(v, 3) for v in values],
            }
            for name, values in reruns.items()
            if name != "floor rerun"
        }
        report["load_average_after_pages"] = load_average()
        if args.only:
            servers.close()
            browser.close()
            report["only"] = args.only
            return finish(report, args.out)

        contexts = []
        for _ in range(args.sessions - 1):
            load = open_and_settle(browser, app_url + "/map")
            contexts.append(load.page.context)
        report[f"rss_kib_after_{args.sessions}_sessions"] = rss_kib(app_process.pid)
        report["rss_kib_per_extra_session"] = (
            report[f"rss_kib_after_{args.sessions}_sessions"] - report["rss_kib_after_warm_up"]
        ) / max(args.sessions - 1, 1)
        for context in contexts:
            context.close()
        servers.close()
        report["cold_start_s"] = cold_starts(browser, args.cold_runs)
        browser.close()
    report["script_time_per_rerun_s"] = script_time_per_rerun(args.runs)
    return finish(report, args.out)


def chosen(name: str, only: list[str]) -> bool:
    """Is this page or interaction in the subset asked for (all of them when none is)?"""
    return not only or any(text in name for text in only)


def finish(report: dict[str, Any], out: Path) -> int:
    report["load_average_after"] = load_average()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    print(f"\nJSON written to {out}")
    return 0


def verdict(ratio: float) -> str:
    return "ok" if ratio <= LIMIT else "OVER"


def print_table(report: dict[str, Any]) -> None:
    floor = report["floor"]
    print(f"Measured {report['measured_at']}; load average before {report['load_average_before']}")
    print(f"median of {report['runs']} fresh loads after one warm-up; limit {LIMIT:.1f}x floor\n")
    print("| page | seconds | x floor | | HTTP KB | gzipped KB | websocket KB |")
    print("|---|---|---|---|---|---|---|")
    rows = [("floor", floor, None)] + [
        (name, page, page["ratio_to_floor"]) for name, page in report["pages"].items()
    ]
    for name, page, ratio in rows:
        label = f"`{name}`" if name.startswith("/") else f"({name})"
        ratio_text = "1.00" if ratio is None else f"{ratio:.2f}"
        mark = "" if ratio is None or name == "charts only" else verdict(ratio)
        print(
            f"| {label} | {page['seconds']:.2f} | {ratio_text} | {mark} "
            f"| {page['http_bytes'] / 1000:,.0f} | {page['http_bytes_if_gzipped'] / 1000:,.0f} "
            f"| {page['websocket_bytes'] / 1000:,.1f} |"
        )
    print("\n| interaction | seconds | x floor rerun | |")
    print("|---|---|---|---|")
    print(f"| (floor rerun after one widget change) | {report['floor_rerun_s']:.2f} | 1.00 | |")
    for name, values in report["interactions"].items():
        reference = name.startswith(("charts only", "floor"))
        label = f"({name})" if reference else name
        mark = "" if reference else verdict(values["ratio_to_floor_rerun"])
        print(
            f"| {label} | {values['seconds']:.2f} | {values['ratio_to_floor_rerun']:.2f} | {mark} |"
        )
    if "cold_start_s" not in report:  # a subset (--only)
        print(f"load average after: {report['load_average_after']}")
        return
    cold = report["cold_start_s"]
    print(f"\ncold start to a settled Overview: {cold['app']:.2f} s, floor {cold['floor']:.2f} s")
    times = ", ".join(f"{k} {v:.3f}" for k, v in report["script_time_per_rerun_s"].items())
    print(f"server script time per rerun (s): {times}")
    print(
        f"server memory: {report['rss_kib_after_warm_up'] / 1024:,.0f} MiB after warm-up, "
        f"{report['rss_kib_per_extra_session'] / 1024:,.1f} MiB per extra session"
    )
    print(f"load average after: {report['load_average_after']}")


if __name__ == "__main__":
    raise SystemExit(main())
