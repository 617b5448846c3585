"""Bounded load test: N concurrent browser sessions against one dashboard server on 127.0.0.1.

Usage: python scripts/load_test.py [--sessions 20] [--url http://127.0.0.1:PORT]

Each session opens every page, then makes a few selections (indicator on /map, area on /area).
Reports errors (page errors, Streamlit exception boxes, timeouts: must be zero) and the median
and 95th-percentile settle times. Without --url it starts its own server on a free port. All
traffic goes to the loopback address only; the run is bounded by sessions and a time limit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import Browser, Page, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import CHROMIUM, CHROMIUM_ARGS, PAGES, ROOT, SETTLED, server  # noqa: E402

TIME_LIMIT_S = 600


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


async def one_session(browser: Browser, url: str, timings: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    try:
        for path in PAGES:
            started = time.perf_counter()
            await page.goto(url + path)
            await settle(page)
            timings.append(time.perf_counter() - started)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"exception shown on {path}")
        await page.goto(url + "/map")
        await settle(page)
        timings.append(await choose(page, "Indicator", "Employment rate (16 to 64)"))
        await page.goto(url + "/area")
        await settle(page)
        timings.append(await choose(page, "Council area", "Fife"))
    except Exception as error:  # any failure in a session is an error to report, not a crash
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        await context.close()


async def run(url: str, sessions: int) -> dict[str, object]:
    timings: list[float] = []
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(*(one_session(browser, url, timings, errors) for _ in range(sessions))),
            timeout=TIME_LIMIT_S,
        )
        elapsed = time.perf_counter() - started
        await browser.close()
    ordered = sorted(timings)
    return {
        "sessions": sessions,
        "actions": len(timings),
        "errors": errors,
        "median_settle_s": statistics.median(ordered) if ordered else None,
        "p95_settle_s": ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
        "wall_time_s": elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--url", help="an already running dashboard on 127.0.0.1")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "load.json")
    args = parser.parse_args(argv)
    if args.url:
        report = asyncio.run(run(args.url.rstrip("/"), args.sessions))
    else:
        with server(ROOT / "app.py") as (url, _, _):
            report = asyncio.run(run(url, args.sessions))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
