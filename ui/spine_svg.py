"""The spine chart as SVG markup for the page (plain Python, no Streamlit; issue 12).

Built from the same rows as the Plotly figure behind the downloads (ui.spine_shapes), every
word HTML-escaped here. Row labels are HTML text beside each row's plot, so they wrap and keep
the page's type size at any width; positions along a row are percentages of its width, so
markers keep their shape. Each marker is a Tab stop whose spoken label and tooltip carry the
same words as the Plotly hover text.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Final

from indicators.significance import Judgement
from ui import theme
from ui.spine_shapes import (
    AXIS_RANGE,
    AXIS_TICKS,
    AXIS_TITLE,
    FLIPPED,
    MARKERS,
    MEDIAN_NAME,
    MIDDLE_FILL,
    MIDDLE_NAME,
    RANGE_FILL,
    RANGE_NAME,
    SCOTLAND_NAME,
    SpineRow,
    marker_name,
)

ROW_HEIGHT: Final = 52
_BAR_TOP, _BAR_HEIGHT, _CENTRE = 26, 14, 33
_LABEL_Y: Final = 17
# Marker outlines centred on (0, 0), the sizes Plotly draws at marker size 15.
_CIRCLE: Final = "M-7.5 0a7.5 7.5 0 1 0 15 0a7.5 7.5 0 1 0 -15 0Z"
MARKER_PATHS: Final[dict[str, str]] = {
    "circle": _CIRCLE,
    "circle-open": _CIRCLE,
    "diamond": "M0 -9L9 0L0 9L-9 0Z",
    "square": "M-6.5 -6.5H6.5V6.5H-6.5Z",
}


def percent(position: float) -> str:
    """A scale position (Scotland 0, furthest area ±1) as a share of the row's width."""
    low, high = AXIS_RANGE
    return f"{(position - low) / (high - low) * 100:.2f}%"


def _marker(symbol: str, colour: str) -> str:
    if symbol.endswith("-open"):
        paint = f'fill="#ffffff" stroke="{colour}" stroke-width="2.5"'
    else:
        paint = f'fill="{colour}" stroke="#ffffff" stroke-width="1.5"'
    return f'<path d="{MARKER_PATHS[symbol]}" {paint}/>'


def _tick(colour: str, half: float, width: float) -> str:
    return (
        f'<path d="M0 {_CENTRE - half}V{_CENTRE + half}" stroke="{colour}" stroke-width="{width}"/>'
    )


def _at(position: float, inner: str, y: float = 0) -> str:
    """`inner`, drawn around (0, y), placed at `position` along the row."""
    return f'<svg x="{percent(position)}" y="{y}" overflow="visible">{inner}</svg>'


def row_label(row: SpineRow) -> str:
    period = "" if row.period is None else f", {escape(row.period)}"
    flipped = f"<br><i>({escape(FLIPPED)})</i>" if row.flipped else ""
    return f"{escape(row.title)}{period}{flipped}"


def _row(row: SpineRow) -> str:
    spread = (
        f'<rect x="{percent(row.range_low)}" width="{percent_width(row.range_low, row.range_high)}"'
        f' y="{_BAR_TOP}" height="{_BAR_HEIGHT}" fill="{RANGE_FILL}"/>'
        f'<rect x="{percent(row.middle_low)}"'
        f' width="{percent_width(row.middle_low, row.middle_high)}"'
        f' y="{_BAR_TOP}" height="{_BAR_HEIGHT}" fill="{MIDDLE_FILL}"/>'
        + _at(row.median, _tick("#ffffff", 6, 2))
        + ("" if row.scotland is None else _at(row.scotland, _tick(theme.SCOTLAND_LINE, 12, 3)))
    )
    spoken = escape(". ".join(row.hover_lines))
    tip = escape("\n".join(row.hover_lines))
    mark = (
        f'<g class="mark" tabindex="0" role="img" aria-label="{spoken}" data-tip="{tip}">'
        + _at(row.value, _marker(row.symbol, row.colour), _CENTRE)
        + "</g>"
    )
    value = (
        f'<text x="{percent(row.value)}" y="{_LABEL_Y}" text-anchor="middle" '
        f'fill="{theme.TEXT}" font-size="13" aria-hidden="true">{escape(row.value_text)}</text>'
    )
    return (
        f'<div class="row-label">{row_label(row)}</div>'
        f'<svg class="row-plot" width="100%" height="{ROW_HEIGHT}">'
        f'<g aria-hidden="true">{spread}</g>{mark}{value}</svg>'
    )


def percent_width(low: float, high: float) -> str:
    span = AXIS_RANGE[1] - AXIS_RANGE[0]
    return f"{(high - low) / span * 100:.2f}%"


def _swatch(inner: str) -> str:
    """A legend swatch: the row's middle band (y 19 to 47) at full size."""
    return (
        '<svg class="swatch" width="28" height="28" viewBox="0 19 28 28" aria-hidden="true">'
        f"{inner}</svg>"
    )


def legend_entries(rows: Sequence[SpineRow], area_name: str) -> list[tuple[str, str]]:
    """(swatch markup, words) in the Plotly figure's legend order."""
    grey = f'<rect x="0" y="{_BAR_TOP}" width="28" height="{_BAR_HEIGHT}" fill="{MIDDLE_FILL}"/>'
    entries = [
        (
            f'<rect x="0" y="{_BAR_TOP}" width="28" height="{_BAR_HEIGHT}" fill="{RANGE_FILL}"/>',
            RANGE_NAME,
        ),
        (grey, MIDDLE_NAME),
        (grey + f'<svg x="14" overflow="visible">{_tick("#ffffff", 6, 2)}</svg>', MEDIAN_NAME),
    ]
    if any(r.scotland is not None for r in rows):
        entries.append(
            (
                f'<svg x="14" overflow="visible">{_tick(theme.SCOTLAND_LINE, 12, 3)}</svg>',
                SCOTLAND_NAME,
            )
        )
    shown = {r.judgement for r in rows}
    for judgement in Judgement:
        if judgement in shown:
            colour, symbol = MARKERS[judgement]
            marker = f'<svg x="14" y="{_CENTRE}" overflow="visible">{_marker(symbol, colour)}</svg>'
            entries.append((marker, marker_name(judgement, area_name)))
    return entries


def spine_markup(rows: Sequence[SpineRow], area_name: str) -> str:
    """The whole chart (legend, rows, axis words and title) as HTML with inline SVG."""
    legend = "".join(
        f"<li>{_swatch(swatch)}<span>{escape(words)}</span></li>"
        for swatch, words in legend_entries(rows, area_name)
    )
    axis = "".join(
        f'<text x="{percent(at)}" y="16" text-anchor="middle" fill="{theme.TEXT}" '
        f'font-size="14">{escape(words)}</text>'
        for at, words in AXIS_TICKS
    )
    title = "<br>".join(escape(line) for line in AXIS_TITLE)
    return (
        f'<ul class="legend">{legend}</ul>'
        f'<div class="spine">{"".join(_row(r) for r in rows)}'
        f'<div></div><svg class="axis" width="100%" height="24" aria-hidden="true">{axis}</svg>'
        f'<div></div><p class="axis-title">{title}</p></div>'
    )
