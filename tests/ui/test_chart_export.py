"""Chart downloads: a real map figure renders to SVG and PNG through Kaleido and Chromium."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import plotly.graph_objects as go

from data_sources.snapshot import load_snapshot
from geo.outlines import projected_outlines
from indicators.catalogue import Catalogue
from indicators.ranking import rank_areas
from metadata.registry import load_registry
from ui import chart_export, figures


def real_map() -> go.Figure:
    catalogue = Catalogue(load_registry(), load_snapshot())
    indicator = catalogue.indicator("claimant_rate")
    rows = catalogue.council_values("claimant_rate", "2025-01-01/P1Y")
    ranked = rank_areas(rows, indicator.polarity)
    return figures.choropleth(ranked, projected_outlines(), indicator, scotland_value=3.0)


def test_chromium_is_found_without_downloading_anything() -> None:
    assert chart_export.image_export_available()


def test_svg_and_png_downloads_are_real_images() -> None:
    figure = real_map()
    svg = chart_export.deferred_image(figure, "svg")()
    assert svg.lstrip().startswith(b"<svg") and b"</svg>" in svg
    # Council outlines are drawn as paths in the SVG, not as an empty canvas.
    assert svg.count(b"<path") >= 32
    png = chart_export.image_bytes(figure, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000


def test_one_browser_serves_every_render_and_its_page_loads_nothing_from_the_internet() -> None:
    figure = real_map()
    chart_export.image_bytes(figure, "svg")
    first = chart_export.renderer()
    chart_export.image_bytes(figure, "png")
    assert chart_export.renderer() is first
    # The page Chromium really loads (Kaleido writes it to a temporary file): Plotly from the
    # installed package, no MathJax, nothing from a CDN.
    page = Path(urlparse(first._kaleido._index).path).read_text(encoding="utf-8")
    sources = re.findall(r'<script src="([^"]+)"', page)
    assert sources and all(s.startswith("file://") for s in sources), sources
    assert "mathjax" not in page.lower() and "http" not in page


def test_concurrent_renders_each_get_their_own_image() -> None:
    """Kaleido's own sync server shares one return queue between callers; ours takes turns."""
    figure = real_map()
    formats: list[Literal["svg", "png"]] = ["svg", "png", "svg", "png"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        images = list(pool.map(lambda fmt: chart_export.image_bytes(figure, fmt), formats))
    for fmt, image in zip(formats, images, strict=True):
        assert image.startswith(b"<svg" if fmt == "svg" else b"\x89PNG"), fmt


def test_a_browser_that_died_is_replaced() -> None:
    figure = real_map()
    chart_export.image_bytes(figure, "svg")
    dead = chart_export.renderer()
    dead._run(dead._kaleido.close())  # the browser goes away behind the renderer's back
    assert chart_export.image_bytes(figure, "svg").lstrip().startswith(b"<svg")
    assert chart_export.renderer() is not dead


def test_closing_a_closed_renderer_returns_at_once() -> None:
    """Exit closes the renderer in use; one already closed must not wait out the render
    timeout (it did: every replaced renderer added 60 s to the end of the test run)."""
    spare = chart_export.Renderer()
    spare.close()
    started = time.monotonic()
    spare.close()
    assert time.monotonic() - started < 1.0
    assert chart_export.RENDER_TIMEOUT_S >= 30  # the wait the check above would otherwise see
