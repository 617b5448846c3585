"""What the council map draws, as plain data: each area's fill, hatch, outline and words, the
colour key, and the outlines as SVG paths. No Streamlit here.

The page draws the map as a light SVG (ui.svg_map) and the image downloads come from the
Plotly choropleth (ui.figures.choropleth); both take every colour and word from `area_looks`
and `colour_range`, so the picture on screen and the picture downloaded never disagree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import numpy as np
import pandas as pd
from plotly.colors import sample_colorscale

from geo.outlines import Outline
from indicators.catalogue import usable_mask
from indicators.glossary import status_words
from indicators.units import axis_title, format_value
from metadata.registry import Indicator
from ui import theme

MISSING_KEY: Final = "No reliable estimate (hatched grey)"
HATCH: Final = {"shape": "/", "fgcolor": theme.MISSING_LINE, "size": 6}  # Plotly's fillpattern
OUTLINE: Final = {"color": theme.MISSING_LINE, "width": 0.6}
SELECTED_OUTLINE: Final = {"color": theme.TEXT, "width": 3}
MAP_HEIGHT_PX: Final = 620
# Sizes in the outlines' own units, as shares of the map's width: Plotly's hatch is 6 px and
# tile labels 10 px on a map drawn about 650 px wide.
HATCH_SHARE: Final = 6 / 650
LABEL_SHARE: Final = 10 / 650
MARGIN_SHARE: Final = 0.01  # room for the selected area's thick outline at the edges


@dataclass(frozen=True, slots=True)
class ColourRange:
    """The colour scale of one map: worse to better, centred on Scotland's value (or the
    median of the areas without one), wide enough for the area furthest from it."""

    low: float
    high: float
    midpoint: float
    scale: list[list[float | str]]
    lowest_value: float | None  # the lowest and highest reliable area figures (None if none)
    highest_value: float | None

    def colour_of(self, value: float) -> str:
        return str(sample_colorscale(self.scale, [self.position(value)])[0])

    def position(self, value: float) -> float:
        """Where `value` sits on the scale, 0 to 1."""
        if self.high == self.low:
            return 0.5
        return min(max((value - self.low) / (self.high - self.low), 0.0), 1.0)


def colour_range(
    rows: pd.DataFrame, indicator: Indicator, scotland_value: float | None
) -> ColourRange:
    values = rows.loc[usable_mask(rows), "value"].astype(float).to_numpy(dtype=float)
    midpoint = scotland_value if scotland_value is not None else float(np.median(values))
    spread = float(np.max(np.abs(values - midpoint))) if values.size else 1.0
    spread = spread or 1.0
    return ColourRange(
        midpoint - spread,
        midpoint + spread,
        midpoint,
        theme.diverging_scale(indicator.polarity),
        float(values.min()) if values.size else None,
        float(values.max()) if values.size else None,
    )


@dataclass(frozen=True, slots=True)
class AreaLook:
    """How one council area is drawn and what it says when pointed at or focused."""

    code: str
    name: str
    fill: str
    hatched: bool  # no reliable estimate: grey with a "/" hatch, so not only colour says so
    selected: bool
    details: tuple[str, ...]  # the lines under the name: value and rank, or why there is none

    @property
    def hover_text(self) -> str:
        """The text as Plotly shows it on hover (its own markup for bold and line breaks)."""
        return "<br>".join([f"<b>{self.name}</b>", *self.details])

    @property
    def spoken(self) -> str:
        """The same words in one line, for a screen reader."""
        return ", ".join([self.name, *self.details])


def area_looks(
    rows: pd.DataFrame,
    outlines: Sequence[Outline],
    indicator: Indicator,
    colours: ColourRange,
    selected_code: str | None,
) -> tuple[AreaLook, ...]:
    """One look per outline, in the outlines' order. `rows` is one period's council rows with
    `rank_label` and `ranked_count` (from indicators.ranking)."""
    # Plain dicts: a pandas lookup per area cost more than the rest of the map together.
    by_code = {row["area_code"]: row for row in rows.to_dict("records")}
    usable_codes = set(rows.loc[usable_mask(rows), "area_code"])
    looks = []
    for outline in outlines:
        row = by_code[outline.code]
        value = float(row["value"]) if row["value"] is not None else float("nan")
        if outline.code in usable_codes:
            details: tuple[str, ...] = (
                format_value(value, indicator),
                f"Rank {row['rank_label']} of {row['ranked_count']} (1 = best)",
            )
            fill = colours.colour_of(value)
        elif not np.isnan(value):
            # Printed by the publisher with a caution: shown in words, greyed, never ranked.
            details = (
                "No reliable estimate (unreliable): "
                f"{format_value(value, indicator)} printed, treat with caution; not ranked",
            )
            fill = theme.MISSING_FILL
        else:
            status = status_words(str(row["status"])).lower()
            details = (f"No reliable estimate ({status})",)
            fill = theme.MISSING_FILL
        looks.append(
            AreaLook(
                outline.code,
                outline.name,
                fill,
                hatched=outline.code not in usable_codes,
                selected=outline.code == selected_code,
                details=details,
            )
        )
    return tuple(looks)


@dataclass(frozen=True, slots=True)
class ColourKey:
    """The map's key: the colours the reliable figures take, from the lowest area's figure to
    the highest (real figures, never the scale's padded ends), and the hatch's meaning."""

    title: str
    stops: tuple[tuple[float, str], ...]  # (0-1 along the key, colour)
    low_label: str
    high_label: str
    missing_label: str | None  # shown only when some area has no reliable estimate


def colour_key(
    indicator: Indicator, colours: ColourRange, looks: Sequence[AreaLook]
) -> ColourKey | None:
    """None when no area has a reliable figure and nothing is missing (nothing to explain)."""
    missing = MISSING_KEY if any(look.hatched for look in looks) else None
    if colours.lowest_value is None or colours.highest_value is None:
        if missing is None:
            return None
        return ColourKey(axis_title(indicator), (), "", "", missing)
    start = colours.position(colours.lowest_value)
    end = colours.position(colours.highest_value)
    steps = 12
    positions = [start + (end - start) * i / steps for i in range(steps + 1)]
    sampled = sample_colorscale(colours.scale, positions)
    return ColourKey(
        axis_title(indicator),
        tuple((i / steps, str(colour)) for i, colour in enumerate(sampled)),
        format_value(colours.lowest_value, indicator),
        format_value(colours.highest_value, indicator),
        missing,
    )


# --- geometry --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapGeometry:
    """The outlines as SVG paths in a view box fitted to them (north up), built once per set."""

    view_box: tuple[float, float, float, float]
    codes: tuple[str, ...]
    paths: tuple[str, ...]  # one SVG path `d` per code
    label_points: tuple[tuple[float, float], ...]  # a point inside each area, in SVG units
    hatch_size: float
    label_size: float
    token: str  # changes exactly when the drawing does, so the browser redraws only then

    def as_data(self) -> dict[str, Any]:
        return {
            "viewBox": " ".join(_number(v) for v in self.view_box),
            "codes": list(self.codes),
            "paths": list(self.paths),
            "labelPoints": [[_number(x), _number(y)] for x, y in self.label_points],
            "hatchSize": _number(self.hatch_size),
            "labelSize": _number(self.label_size),
            "token": self.token,
        }


def _number(value: float) -> str:
    """A coordinate as short as it can be written (to the thousandth: far below a pixel)."""
    text = f"{round(value, 3):.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rings(values: Sequence[float | None]) -> list[list[float]]:
    rings: list[list[float]] = [[]]
    for value in values:
        if value is None:
            rings.append([])
        else:
            rings[-1].append(float(value))
    return [ring for ring in rings if ring]


def _path(xs: Sequence[float], ys: Sequence[float]) -> str:
    """One ring as an SVG path: absolute start, then relative steps, closed."""
    points = list(zip(xs, ys, strict=True))
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    (x0, y0), *rest = points
    parts = [f"M{_number(x0)} {_number(y0)}"]
    previous = (round(x0, 3), round(y0, 3))
    for x, y in rest:
        here = (round(x, 3), round(y, 3))
        parts.append(f"l{_number(here[0] - previous[0])} {_number(here[1] - previous[1])}")
        previous = here
    return "".join(parts) + "z"


@lru_cache(maxsize=8)
def map_geometry(outlines: tuple[Outline, ...]) -> MapGeometry:
    """SVG paths for `outlines` (x/y in their own units, None between rings). SVG's y runs
    down the page, so y is flipped: the northernmost point is at the top."""
    xs = [v for o in outlines for v in o.xs if v is not None]
    ys = [v for o in outlines for v in o.ys if v is not None]
    left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
    width, height = right - left, top - bottom
    margin = MARGIN_SHARE * max(width, height)
    paths, points = [], []
    for outline in outlines:
        rings_x = _rings(outline.xs)
        rings_y = _rings(outline.ys)
        paths.append(
            "".join(
                _path([x - left for x in ring_x], [top - y for y in ring_y])
                for ring_x, ring_y in zip(rings_x, rings_y, strict=True)
            )
        )
        points.append((outline.label_x - left, top - outline.label_y))
    view_box = (-margin, -margin, width + 2 * margin, height + 2 * margin)
    codes = tuple(o.code for o in outlines)
    digest = hashlib.sha256(repr((view_box, codes, paths)).encode("utf-8")).hexdigest()
    return MapGeometry(
        view_box,
        codes,
        tuple(paths),
        tuple(points),
        hatch_size=HATCH_SHARE * width,
        label_size=LABEL_SHARE * width,
        token=digest[:16],
    )


# --- the whole map ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapPicture:
    """Everything the SVG map shows for one measure, period, layout and selection."""

    geometry: MapGeometry
    looks: tuple[AreaLook, ...]
    key: ColourKey | None
    tile_labels: tuple[tuple[str, ...], ...] | None  # lines per area, for equal-area tiles

    def as_data(self) -> dict[str, Any]:
        """Plain JSON for the browser: it only places what is given here, it makes up nothing."""
        labels = self.tile_labels
        return {
            "geometry": self.geometry.as_data(),
            "areas": [
                {
                    "code": look.code,
                    "fill": look.fill,
                    "hatched": look.hatched,
                    "selected": look.selected,
                    "name": look.name,
                    "details": list(look.details),
                    "spoken": look.spoken,
                    "label": list(labels[i]) if labels else [],
                    "labelColour": theme.readable_text_on(look.fill),
                }
                for i, look in enumerate(self.looks)
            ],
            # The order the arrow keys take through the areas: by name, as a list reads.
            "order": sorted(range(len(self.looks)), key=lambda i: self.looks[i].name),
            "key": None
            if self.key is None
            else {
                "title": self.key.title,
                "stops": [[position, colour] for position, colour in self.key.stops],
                "low": self.key.low_label,
                "high": self.key.high_label,
                "missing": self.key.missing_label,
            },
            "style": {
                "line": OUTLINE["color"],
                "lineWidth": OUTLINE["width"],
                "selectedLine": SELECTED_OUTLINE["color"],
                "selectedWidth": SELECTED_OUTLINE["width"],
                "focusLine": theme.ACCENT,
                "hatchBackground": theme.MISSING_FILL,
                "hatchLine": theme.MISSING_LINE,
                "height": MAP_HEIGHT_PX,
            },
        }


def map_picture(
    rows: pd.DataFrame,
    outlines: tuple[Outline, ...],
    indicator: Indicator,
    *,
    scotland_value: float | None,
    selected_code: str | None = None,
    tile_labels: dict[str, str] | None = None,
) -> MapPicture:
    """The SVG map of `rows` (as figures.choropleth takes them); with `tile_labels` the
    outlines are equal-area tiles, each labelled (`<br>` between a label's lines)."""
    colours = colour_range(rows, indicator, scotland_value)
    looks = area_looks(rows, outlines, indicator, colours, selected_code)
    return MapPicture(
        map_geometry(outlines),
        looks,
        colour_key(indicator, colours, looks),
        tuple(tuple(tile_labels[o.code].split("<br>")) for o in outlines) if tile_labels else None,
    )
