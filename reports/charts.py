"""Static charts for briefings, drawn with matplotlib: no browser, no network, same bytes each time.

SVG for the PDF (vector, scales cleanly when printed) and PNG for Word (python-docx cannot
embed SVG). Colours are the dashboard's (ui.theme; a test keeps the two equal): the area in
Scottish Government blue, Scotland in near-black and dashed, comparator areas in grey.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

import matplotlib
import shapely
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import MaxNLocator
from shapely.geometry import MultiPolygon

from geo.boundaries import load_boundaries
from geo.outlines import BRITISH_NATIONAL_GRID

matplotlib.rcParams.update(
    {
        "svg.hashsalt": "nolb-briefing",  # stable ids, so the same briefing gives the same SVG
        "svg.fonttype": "none",  # text stays text in the SVG
        "font.family": "DejaVu Sans",
        "font.size": 8,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)

TEXT = "#1b1b1b"
AREA = "#0065bd"  # ui.theme.ACCENT
SCOTLAND = "#1b1b1b"  # ui.theme.SCOTLAND_LINE
PEER = "#8c8c8c"
OTHER_AREA_FILL = "#e3e3e3"
EVENT_FILL = "#9e9e9e"  # ui.trend_figures.EVENT_FILL
PNG_DPI = 200
MAP_TOLERANCE_M = 1500  # a 42 mm map of Scotland: 1.5 km is about 0.15 mm on the page
MIN_ISLAND_M2 = 4_000_000

Role = Literal["area", "scotland", "peer"]
ImageFormat = Literal["svg", "png"]


@dataclass(frozen=True)
class Line:
    """One area's series: x in decimal years, y values (None = a gap), optional 95% band."""

    label: str
    role: Role
    xs: tuple[float, ...]
    ys: tuple[float | None, ...]
    lower: tuple[float | None, ...] = ()
    upper: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class Shading:
    """A period (shaded band) or a series break (dashed line) marked on a trend chart."""

    label: str
    start: float
    end: float | None


@dataclass(frozen=True)
class TrendChart:
    y_label: str
    lines: tuple[Line, ...]
    shadings: tuple[Shading, ...] = ()


@dataclass(frozen=True)
class MapChart:
    """Scotland's 32 council areas with one outlined (or, for Scotland, all of them shaded),
    from the committed boundaries or those a refresh published (`boundaries_path`)."""

    highlight: str | None
    boundaries_path: Path | None = None


Chart = TrendChart | MapChart


def decimal_year(iso: str) -> float:
    """'2021-03-31' -> 2021.25 (the point a period is drawn at)."""
    day = date.fromisoformat(iso)
    start = date(day.year, 1, 1)
    return day.year + (day - start).days / 365.25


@lru_cache(maxsize=128)
def render(chart: Chart, image_format: ImageFormat) -> bytes:
    """The chart as SVG or PNG bytes (kept: a Word and a PDF of one area draw the same charts,
    and every briefing draws the same map outlines)."""
    figure = _draw_map(chart) if isinstance(chart, MapChart) else _draw_trend(chart)
    buffer = io.BytesIO()
    options: dict[str, object] = {"dpi": PNG_DPI} if image_format == "png" else {}
    figure.savefig(
        buffer,
        format=image_format,
        metadata={"Date": None} if image_format == "svg" else {"Software": None},
        **options,  # type: ignore[arg-type]
    )
    return buffer.getvalue()


def size_inches(chart: Chart) -> tuple[float, float]:
    return (2.2, 2.7) if isinstance(chart, MapChart) else (6.4, 1.65)


@cache
def _area_paths(boundaries_path: Path | None = None) -> dict[str, MplPath]:
    """Each council area's outline as one matplotlib path on the National Grid, simplified for
    a map a few centimetres wide: shared borders simplified once (so neighbours still meet)
    and islands under 4 km² left out (smaller than a tenth of a millimetre on the page)."""
    frame = load_boundaries(boundaries_path).to_crs(BRITISH_NATIONAL_GRID).sort_values("area_code")
    simplified = shapely.coverage_simplify(frame.geometry.to_numpy(), MAP_TOLERANCE_M)
    paths: dict[str, MplPath] = {}
    for code, geometry in zip(frame["area_code"], simplified, strict=True):
        polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
        vertices: list[tuple[float, float]] = []
        codes: list[int] = []
        for polygon in polygons:
            if polygon.area < MIN_ISLAND_M2:
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                points = [(round(x / 100), round(y / 100)) for x, y, *_ in ring.coords]
                vertices += points
                codes += [int(MplPath.MOVETO)] + [int(MplPath.LINETO)] * (len(points) - 2)
                codes.append(int(MplPath.CLOSEPOLY))
        paths[str(code)] = MplPath(vertices, codes)
    return paths


def _draw_map(chart: MapChart) -> MplFigure:
    figure = MplFigure(figsize=size_inches(chart))
    axes = figure.add_axes((0, 0, 1, 1))
    everything = chart.highlight is None
    paths = _area_paths(chart.boundaries_path)
    for code, path in sorted(paths.items()):
        chosen = everything or code == chart.highlight
        axes.add_patch(
            PathPatch(
                path,
                facecolor=AREA if chosen else OTHER_AREA_FILL,
                edgecolor="#ffffff",
                linewidth=0.3,
                zorder=1,
            )
        )
    if chart.highlight is not None:
        axes.add_patch(
            PathPatch(
                paths[chart.highlight],
                facecolor="none",
                edgecolor=TEXT,
                linewidth=1.4,
                zorder=2,
            )
        )
    axes.autoscale_view()
    axes.set_aspect("equal")
    axes.set_axis_off()
    return figure


def _runs(values: Sequence[float | None]) -> list[tuple[int, int]]:
    """Index ranges [start, stop) of consecutive non-missing values (gaps stay gaps)."""
    runs, start = [], None
    for index, value in enumerate([*values, None]):
        if value is not None and start is None:
            start = index
        elif value is None and start is not None:
            runs.append((start, index))
            start = None
    return runs


STYLE: dict[Role, dict[str, object]] = {
    "area": {"color": AREA, "linewidth": 2.0, "marker": "o", "markersize": 3, "zorder": 4},
    "scotland": {"color": SCOTLAND, "linewidth": 1.4, "linestyle": "--", "zorder": 3},
    "peer": {"color": PEER, "linewidth": 0.8, "zorder": 2},
}


def _draw_trend(chart: TrendChart) -> MplFigure:
    figure = MplFigure(figsize=size_inches(chart), layout="constrained")
    axes = figure.add_subplot()
    all_x = [x for line in chart.lines for x in line.xs]
    first, last = (min(all_x), max(all_x)) if all_x else (0.0, 1.0)
    labelled: set[str] = set()
    for line in chart.lines:
        if line.lower and line.upper:
            both = [
                None if lo is None or hi is None else (lo, hi)
                for lo, hi in zip(line.lower, line.upper, strict=True)
            ]
            for start, stop in _runs([None if b is None else 0.0 for b in both]):
                xs = line.xs[start:stop]
                axes.fill_between(
                    xs,
                    [b[0] for b in both[start:stop] if b is not None],
                    [b[1] for b in both[start:stop] if b is not None],
                    color=AREA if line.role == "area" else SCOTLAND,
                    alpha=0.15,
                    linewidth=0,
                    label=f"{line.label}: 95% interval",
                )
        for start, stop in _runs(line.ys):
            label = line.label if line.role != "peer" else "Comparator areas"
            axes.plot(
                line.xs[start:stop],
                [y for y in line.ys[start:stop] if y is not None],
                label=None if label in labelled else label,
                **STYLE[line.role],  # type: ignore[arg-type]
            )
            labelled.add(label)
    for shading in chart.shadings:
        if shading.end is None:
            if first <= shading.start <= last:
                axes.axvline(shading.start, color=EVENT_FILL, linestyle=":", linewidth=1.0)
                axes.annotate(
                    shading.label, (shading.start, 1.0), xycoords=("data", "axes fraction"),
                    fontsize=6.5, color="#4d4d4d", ha="left", va="bottom",
                )  # fmt: skip
        elif shading.start <= last and shading.end >= first:
            axes.axvspan(
                max(shading.start, first),
                min(shading.end, last),
                color=EVENT_FILL,
                alpha=0.18,
                linewidth=0,
                label=shading.label,
            )
    axes.set_ylabel(chart.y_label)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", color="#e6e6e6", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=7)
    return figure
