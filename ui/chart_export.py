"""Chart images for download: SVG and PNG rendered on the server by Plotly's Kaleido.

Kaleido drives a local Chrome or Chromium; it is used only when one is installed (CI and the
Debian image have /usr/bin/chromium). Without one, the PNG from the chart's own toolbar (the
camera icon, drawn in the browser) remains.

One Chromium is started per server process, on first use, and kept: launching one per click
cost 2.7 to 3.4 s of server CPU. Its page loads Plotly from the installed package and no
MathJax (Kaleido's default page asks a CDN for MathJax; no chart here uses LaTeX), so a render
never leaves the machine. Renders take turns behind a lock, which also throttles them to one
at a time per process; a render that fails or takes too long closes the browser, and the next
click starts a fresh one. While a render runs, Streamlit's download button shows its own
spinner (the image is built on click, by a deferred download).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from functools import cache
from typing import Any, Literal, TypeVar

import kaleido
import plotly.graph_objects as go

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
EXPORT_WIDTH = 1200
RENDER_TIMEOUT_S = 60.0
# Plotly.js from the installed plotly package, no MathJax: nothing fetched from a CDN.
PAGE = kaleido.PageGenerator(mathjax=False)

T = TypeVar("T")


@cache
def image_export_available() -> bool:
    """True when a local Chrome/Chromium exists for Kaleido (never downloads one)."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.path.exists(configured):
        return True
    return any(shutil.which(name) for name in BROWSER_NAMES)


class Renderer:
    """One Kaleido browser on its own event-loop thread, kept for the life of the process."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="chart-image-renderer", daemon=True
        )
        self._thread.start()
        self._kaleido: kaleido.Kaleido = self._run(self._open())

    async def _open(self) -> kaleido.Kaleido:
        browser = kaleido.Kaleido(page_generator=PAGE)
        await browser.open()
        return browser

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT_S)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError(f"the chart image took over {RENDER_TIMEOUT_S:.0f} s") from None

    def render(self, figure: dict[str, Any], opts: dict[str, Any]) -> bytes:
        data: bytes = self._run(self._kaleido.calc_fig(figure, opts=opts))
        return data

    def close(self) -> None:
        """Close the browser once; a renderer already closed returns at once (its loop has
        stopped, so waiting on it would only run out the render timeout)."""
        if not self._loop.is_running():
            return
        try:
            self._run(self._kaleido.close())
        except Exception:  # noqa: BLE001, S110 - closing a broken browser: nothing left to save
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=5)


_lock = threading.Lock()
_renderer: Renderer | None = None


def renderer() -> Renderer:
    """The process's renderer, started on first use (call with the lock held)."""
    global _renderer
    if _renderer is None:
        _renderer = Renderer()
    return _renderer


@atexit.register
def _close_at_exit() -> None:
    """Close the renderer in use at exit (one registration, not one per renderer started)."""
    if _renderer is not None:
        _renderer.close()


def image_bytes(figure: go.Figure, fmt: Literal["svg", "png"]) -> bytes:
    """The figure as an image, at a fixed width so downloads look alike."""
    global _renderer
    opts = {
        "format": fmt,
        "width": EXPORT_WIDTH,
        "height": figure.layout.height or 500,
        "scale": 2 if fmt == "png" else 1,
    }
    spec = figure.to_dict()
    with _lock:
        for attempt in (1, 2):  # a browser that died since the last click is replaced once
            try:
                return renderer().render(spec, opts)
            except Exception:
                if _renderer is not None:
                    _renderer.close()
                    _renderer = None
                if attempt == 2:
                    raise
    raise AssertionError("unreachable")


def deferred_image(figure: go.Figure, fmt: Literal["svg", "png"]) -> Callable[[], bytes]:
    """A callable for st.download_button, so the image is drawn only when someone asks.

    It keeps a reference, not a copy: copying a figure revalidates every trace (about 0.15 s
    for the map), and pages never change a figure after handing it to a chart."""
    return lambda: image_bytes(figure, fmt)
