"""A real dashboard server on a free port, driven by Debian's Chromium through Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium (CHROMIUM_PATH
overrides). If Chromium is missing the tests fail with the command that installs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from tests.conftest import REPO_ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "serve.py",
                "--server.port", str(port), "--server.address", "127.0.0.1",
                "--server.headless", "true",
            ],
            cwd=REPO_ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the dashboard did not start; log:\n{log.read_text()}")
        time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=10)
    server_log = log.read_text()
    # The dashboard starts and serves every journey without warnings or tracebacks.
    for marker in ("Traceback", "WARNING", "Error", "Did not auto detect"):
        assert marker not in server_log, server_log


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's package: "
            "apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def wait_until_settled(page: Page, timeout_ms: int = 30_000) -> None:
    """Wait for the app to finish running its script (no 'running' indicator)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning';
        }""",
        timeout=timeout_ms,
    )


def plotly_chart(page: Page, holds_trace: str, timeout_ms: int = 30_000) -> Locator:
    """The drawn Plotly chart with a trace whose name starts with `holds_trace`.

    Charts mount lazily and not always in page order, so "the first chart" is a race; this
    waits for the chart that holds the named trace and tags it so the locator stays on it.
    """
    tag = "".join(ch if ch.isalnum() else "-" for ch in holds_trace.lower())
    page.wait_for_function(
        """([prefix, tag]) => {
            for (const el of document.querySelectorAll('.js-plotly-plot')) {
                const data = el.data || [];
                if (data.some(t => typeof t.name === 'string' && t.name.startsWith(prefix))) {
                    el.setAttribute('data-test-chart', tag);
                    return true;
                }
            }
            return false;
        }""",
        arg=[holds_trace, tag],
        timeout=timeout_ms,
    )
    return page.locator(f'.js-plotly-plot[data-test-chart="{tag}"]')


def svg_map(page: Page, timeout_ms: int = 30_000) -> Locator:
    """The map on /map (ui.svg_map), once its council areas are drawn."""
    page.wait_for_function(
        "() => document.querySelectorAll('[data-svg-map] svg path.area').length === 32",
        timeout=timeout_ms,
    )
    return page.locator("[data-svg-map]")


def map_area(page: Page, code: str) -> Locator:
    """One council area on the map: a focusable button carrying its area code."""
    return svg_map(page).locator(f'path.area[data-code="{code}"]')


def current_url(page: Page) -> str:
    """The address bar as the page has it now (Streamlit rewrites it with history.replaceState,
    which `page.url` can report a step late)."""
    return str(page.evaluate("() => location.href"))
