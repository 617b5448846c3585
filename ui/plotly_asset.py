"""plotly.js for the dashboard's kept charts (ui.kept_chart): where it is served, and its bytes.

It is the copy that ships with the plotly package the figures are built with, so the figures
and their renderer never disagree on a version. The package version is in the address, so a
browser may keep the file for a year; it is compressed once, not on every request.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path
from typing import Final

import plotly

SOURCE: Final = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
PATH: Final = f"/assets/plotly-{plotly.__version__}.min.js"
CACHE_CONTROL: Final = "public, max-age=31536000, immutable"


@cache
def plain() -> bytes:
    return SOURCE.read_bytes()


@cache
def gzipped() -> bytes:
    return gzip.compress(plain(), compresslevel=9, mtime=0)
