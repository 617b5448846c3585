"""Chart downloads: a real map figure renders to SVG and PNG through Kaleido and Chromium."""

from __future__ import annotations

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
