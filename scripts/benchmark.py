"""Measure the dashboard against the Streamlit floor (one Plotly chart) in headless Chromium.

Usage: python scripts/benchmark.py [--runs N] [--sessions N] [--out bench-results/bench.json]

Reports medians as a table and JSON: cold start, warm render of every page by direct URL,
interactions (area on /area, indicator on /map; and, as a reference, the same indicator change
on a bare page holding only /map's two charts), websocket bytes per page, the map figure's
size, server-side script time per rerun (AppTest), and server memory after 1 and N sessions.
Figures go in notes; nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLOOR_APP = ROOT / "scripts" / "bench_floor" / "floor_app.py"
CHARTS_ONLY_APP = ROOT / "scripts" / "bench_floor" / "charts_only_app.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# Watches the page for the changes a rerun makes, timed by the page's own clock.
WATCH_CHANGES = """() => {
    window.__last = null;
    const observer = new MutationObserver(() => { window.__last = performance.now(); });
    observer.observe(document.querySelector('[data-testid="stMain"]') || document.body,
        {subtree: true, childList: true, attributes: true, characterData: true});
    window.__stopWatching = () => observer.disconnect();
    window.__clicked = performance.now();
}"""
QUIET = "() => window.__last !== null && performance.now() - window.__last > 400"
PAGES = ["/", "/map", "/area", "/compare", "/trends", "/targets", "/data", "/about"]
SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const charts = document.querySelectorAll('.stPlotlyChart');
    for (const chart of charts) { if (!chart.querySelector('.main-svg')) return false; }
    return true;
}"""


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


def open_and_settle(browser: Browser, url: str) -> tuple[float, int, Page]:
    """Seconds from navigation to a settled page, and websocket bytes received."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    received = [0]
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda event: received.__setitem__(0, received[0] + len(event["response"]["payloadData"])),
    )
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function(SETTLED, timeout=60_000, polling=50)
    return time.perf_counter() - started, received[0], page


def timed_interaction(page: Page, action: Callable[[Page], Callable[[], None]]) -> float:
    """Seconds from the user's final click to the last change the rerun makes to the page.

    `action` prepares the choice untimed (opens the picker, types to filter) and returns the
    final click: typing a long option name is the test driver's cost, not the app's. The page's
    own clock times it, and the page is watched for changes rather than for Streamlit's
    "running" flag, which a fast rerun can batch away entirely.
    """
    commit = action(page)
    page.evaluate(WATCH_CHANGES)
    commit()
    page.wait_for_function(QUIET, timeout=60_000, polling=50)
    page.wait_for_function(SETTLED, timeout=60_000, polling=50)
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


def script_time_per_rerun(runs: int) -> dict[str, float]:
    """Server-side time of one script run per page, measured in-process with AppTest."""
    from streamlit.testing.v1 import AppTest

    results: dict[str, float] = {}
    targets = {
        "/": None, "/map": "pages/map.py", "/area": "pages/area.py",
        "/targets": "pages/targets.py", "/trends": "pages/trends.py",
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


def map_figure_bytes() -> dict[str, int]:
    sys.path.insert(0, str(ROOT))
    from data_sources.snapshot import load_snapshot
    from geo.outlines import projected_outlines
    from geo.tiles import tile_labels, tile_outlines
    from indicators.catalogue import Catalogue
    from indicators.ranking import rank_areas
    from metadata.registry import load_registry
    from ui import figures

    catalogue = Catalogue(load_registry(), load_snapshot())
    indicator = catalogue.indicator("claimant_rate")
    ranked = rank_areas(
        catalogue.council_values("claimant_rate", "2025-01-01/P1Y"), indicator.polarity
    )
    geographic = figures.choropleth(ranked, projected_outlines(), indicator, scotland_value=3.0)
    tiles = figures.choropleth(
        ranked, tile_outlines(), indicator, scotland_value=3.0, tile_labels=tile_labels()
    )
    return {"map": len(geographic.to_json()), "tiles": len(tiles.to_json())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "bench.json")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"runs": args.runs}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold_app, cold_floor = [], []
        for _ in range(args.runs):
            with server(ROOT / "app.py") as (url, _, boot):
                seconds, _, page = open_and_settle(browser, url + "/")
                cold_app.append(boot + seconds)
                page.context.close()
            with server(FLOOR_APP) as (url, _, boot):
                seconds, _, page = open_and_settle(browser, url + "/")
                cold_floor.append(boot + seconds)
                page.context.close()
        report["cold_start_s"] = {
            "app": statistics.median(cold_app),
            "floor": statistics.median(cold_floor),
            "ratio": statistics.median(cold_app) / statistics.median(cold_floor),
        }
        with server(FLOOR_APP) as (floor_url, _, _):
            floor_times, floor_bytes, floor_rerun = [], [], []
            for _ in range(args.runs):
                seconds, received, page = open_and_settle(browser, floor_url + "/")
                floor_times.append(seconds)
                floor_bytes.append(received)
                floor_rerun.append(timed_interaction(page, choose("Series", "b")))
                page.context.close()
            floor_warm = statistics.median(floor_times)
            floor_widget = statistics.median(floor_rerun)
            report["floor"] = {
                "warm_render_s": floor_warm,
                "websocket_bytes": statistics.median(floor_bytes),
                "widget_rerun_s": floor_widget,
            }
        with server(CHARTS_ONLY_APP) as (charts_url, _, _):
            open_and_settle(browser, charts_url + "/")[2].context.close()  # warm its caches
            charts_only = []
            for _ in range(args.runs):
                _, _, page = open_and_settle(browser, charts_url + "/")
                charts_only.append(
                    timed_interaction(page, choose("Indicator", "Employment rate (16 to 64)"))
                )
                page.context.close()
            report["charts_only_indicator_rerun_s"] = {
                "median": statistics.median(charts_only),
                "ratio_to_floor_widget": statistics.median(charts_only) / floor_widget,
            }
        with server(ROOT / "app.py") as (url, process, _):
            open_and_settle(browser, url + "/")[2].context.close()  # warm the caches once
            report["rss_kib_after_1_session"] = rss_kib(process.pid)
            pages: dict[str, Any] = {}
            for path in PAGES:
                times, sizes = [], []
                for _ in range(args.runs):
                    seconds, received, page = open_and_settle(browser, url + path)
                    times.append(seconds)
                    sizes.append(received)
                    page.context.close()
                warm = statistics.median(times)
                pages[path] = {
                    "warm_render_s": warm,
                    "ratio_to_floor": warm / floor_warm,
                    "websocket_bytes": statistics.median(sizes),
                }
            report["pages"] = pages
            interactions: dict[str, list[float]] = {"area on /area": [], "indicator on /map": []}
            for _ in range(args.runs):
                _, _, page = open_and_settle(browser, url + "/area")
                interactions["area on /area"].append(
                    timed_interaction(page, choose("Council area", "Fife"))
                )
                page.context.close()
                _, _, page = open_and_settle(browser, url + "/map")
                interactions["indicator on /map"].append(
                    timed_interaction(page, choose("Indicator", "Employment rate (16 to 64)"))
                )
                page.context.close()
            report["interactions_s"] = {
                name: {
                    "median": statistics.median(values),
                    "ratio_to_floor_widget": statistics.median(values) / floor_widget,
                }
                for name, values in interactions.items()
            }
            contexts = []
            for _ in range(args.sessions - 1):
                _, _, page = open_and_settle(browser, url + "/map")
                contexts.append(page.context)
            report[f"rss_kib_after_{args.sessions}_sessions"] = rss_kib(process.pid)
            report["rss_kib_per_extra_session"] = (
                report[f"rss_kib_after_{args.sessions}_sessions"]
                - report["rss_kib_after_1_session"]
            ) / max(args.sessions - 1, 1)
            for context in contexts:
                context.close()
        browser.close()
    report["script_time_per_rerun_s"] = script_time_per_rerun(args.runs)
    report["figure_json_bytes"] = map_figure_bytes()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print_table(report)
    print(f"\nJSON written to {args.out}")
    return 0


def print_table(report: dict[str, Any]) -> None:
    cold = report["cold_start_s"]
    print(f"{'measure':<42}{'value':>12}{'vs floor':>10}")
    print(f"{'cold start (s)':<42}{cold['app']:>12.2f}{cold['ratio']:>10.2f}")
    print(f"{'floor warm render (s)':<42}{report['floor']['warm_render_s']:>12.2f}")
    for path, page in report["pages"].items():
        label = f"warm render {path} (s)"
        print(f"{label:<42}{page['warm_render_s']:>12.2f}{page['ratio_to_floor']:>10.2f}")
    for path, page in report["pages"].items():
        print(f"{'websocket bytes ' + path:<42}{page['websocket_bytes']:>12,.0f}")
    print(f"{'floor widget rerun (s)':<42}{report['floor']['widget_rerun_s']:>12.2f}")
    charts = report["charts_only_indicator_rerun_s"]
    label = "reference: /map's 2 charts alone (s)"
    print(f"{label:<42}{charts['median']:>12.2f}{charts['ratio_to_floor_widget']:>10.2f}")
    for name, values in report["interactions_s"].items():
        label = f"interaction: {name} (s)"
        print(f"{label:<42}{values['median']:>12.2f}{values['ratio_to_floor_widget']:>10.2f}")
    for name, seconds in report["script_time_per_rerun_s"].items():
        print(f"{'script time per rerun ' + name + ' (s)':<42}{seconds:>12.3f}")
    for name, size in report["figure_json_bytes"].items():
        print(f"{'figure JSON bytes, ' + name:<42}{size:>12,}")
    print(f"{'RSS after 1 session (KiB)':<42}{report['rss_kib_after_1_session']:>12,}")
    extra = report["rss_kib_per_extra_session"]
    print(f"{'RSS per extra session (KiB)':<42}{extra:>12,.0f}")


if __name__ == "__main__":
    raise SystemExit(main())
