"""Chart images for download: SVG and PNG rendered on the server by Plotly's Kaleido.

Kaleido drives a local Chrome or Chromium; it is used only when one is installed (CI and the
Debian image have /usr/bin/chromium). Without one, the PNG from the chart's own toolbar (the
camera icon, drawn in the browser) remains.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import cache
from typing import Literal

import plotly.graph_objects as go

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
EXPORT_WIDTH = 1200


@cache
def image_export_available() -> bool:
    """True when a local Chrome/Chromium exists for Kaleido (never downloads one)."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.path.exists(configured):
        return True
    return any(shutil.which(name) for name in BROWSER_NAMES)


def image_bytes(figure: go.Figure, fmt: Literal["svg", "png"]) -> bytes:
    """The figure as an image, at a fixed width so downloads look alike."""
    height = figure.layout.height or 500
    data: bytes = figure.to_image(
        format=fmt, width=EXPORT_WIDTH, height=height, scale=2 if fmt == "png" else 1
    )
    return data


def deferred_image(figure: go.Figure, fmt: Literal["svg", "png"]) -> Callable[[], bytes]:
    """A callable for st.download_button, so the image is drawn only when someone asks.

    It keeps a reference, not a copy: copying a figure revalidates every trace (about 0.15 s
    for the map), and pages never change a figure after handing it to a chart."""
    return lambda: image_bytes(figure, fmt)
