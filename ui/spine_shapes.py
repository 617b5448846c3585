"""What the area profile's spine chart shows, row by row (plain Python, no Streamlit).

The Plotly figure behind the image downloads (ui.profile_figures.spine_chart) and the light
SVG on the page (ui.svg_chart) are both built from these rows, so the two never disagree.
Each row has its own scale, centred on Scotland (or on the median council area when there is
no Scotland figure) and stretched so the council area furthest from it reaches ±1; better is
always to the right, so rows where a lower value is better are flipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from indicators.area_profile import ProfileRow
from indicators.glossary import JUDGEMENT_AGAINST
from indicators.significance import Judgement
from indicators.units import format_value
from metadata.registry import Polarity
from ui import theme

RANGE_FILL: Final = "#d9d9d9"
MIDDLE_FILL: Final = "#9e9e9e"
FLIPPED: Final = "lower is better, scale flipped"
# The scale runs a little past the furthest council area, so its marker and label fit.
AXIS_RANGE: Final = (-1.2, 1.2)
AXIS_TICKS: Final = ((-1, "◀ Worse"), (0, "Scotland"), (1, "Better ▶"))
AXIS_TITLE: Final = (
    "Each row on its own scale, centred on Scotland.",
    "Better is always to the right: rows where lower is better are flipped.",
)
RANGE_NAME: Final = "All council areas, lowest to highest"
MIDDLE_NAME: Final = "Middle half of council areas (25th to 75th percentile)"
MEDIAN_NAME: Final = "Median council area (white tick)"
SCOTLAND_NAME: Final = "Scotland (black tick)"

# Colour and shape by judgement: colour is never the only signal.
MARKERS: Final[dict[Judgement, tuple[str, str]]] = {
    Judgement.BETTER: (theme.BETTER, "circle"),
    Judgement.WORSE: (theme.WORSE, "diamond"),
    Judgement.NOT_DIFFERENT: (theme.NEUTRAL, "square"),
    Judgement.UNKNOWN: (theme.NEUTRAL, "circle-open"),
}


def judged_against(judgement: Judgement, against: str) -> str:
    """'better than Scotland' and the like, from the glossary's words."""
    return f"{JUDGEMENT_AGAINST[judgement]} {against}"


def marker_name(judgement: Judgement, area_name: str) -> str:
    """The legend's words for the area's marker of one judgement, naming its shape."""
    shape = theme.JUDGEMENT_MARKERS[judgement]
    return f"{area_name}: {judged_against(judgement, 'Scotland')} ({shape})"


@dataclass(frozen=True)
class SpineRow:
    """One indicator's row, in scale positions (Scotland 0, furthest council area ±1)."""

    title: str
    period: str | None
    flipped: bool
    range_low: float
    range_high: float
    middle_low: float
    middle_high: float
    median: float
    scotland: float | None
    value: float
    judgement: Judgement
    value_text: str
    hover: str  # Plotly's hover text, with its <b> and <br>

    @property
    def label(self) -> str:
        """The row's label as Plotly draws it (with <br> and <i>)."""
        period = "" if self.period is None else f", {self.period}"
        flipped = f"<br><i>({FLIPPED})</i>" if self.flipped else ""
        return f"{self.title}{period}{flipped}"

    @property
    def colour(self) -> str:
        return MARKERS[self.judgement][0]

    @property
    def symbol(self) -> str:
        return MARKERS[self.judgement][1]

    @property
    def hover_lines(self) -> list[str]:
        """The hover text as plain lines, for a tooltip or a spoken label."""
        return [re.sub(r"</?b>", "", line) for line in self.hover.split("<br>")]


def _scaler(centre: float, half: float, sign: float) -> Callable[[float], float]:
    def position(value: float) -> float:
        return sign * (value - centre) / half

    return position


def spine_shapes(rows: Sequence[ProfileRow], area_name: str) -> list[SpineRow]:
    """Each drawn profile row placed on its own scale (rows from indicators.area_view's
    spine_rows: every one has the council-area spread and the area's value)."""
    shapes = []
    for row in rows:
        s, indicator = row.summary, row.indicator
        assert row.national_min is not None and row.national_max is not None
        assert row.national_q25 is not None and row.national_q75 is not None
        assert row.national_median is not None and s.area.value is not None
        centre = s.scotland if s.scotland is not None else row.national_median
        half = max(abs(row.national_max - centre), abs(row.national_min - centre)) or 1.0
        flipped = indicator.polarity is Polarity.LOWER_IS_BETTER
        position = _scaler(centre, half, -1.0 if flipped else 1.0)
        low, high = sorted((position(row.national_min), position(row.national_max)))
        q_low, q_high = sorted((position(row.national_q25), position(row.national_q75)))
        value_text = format_value(s.area.value, indicator)
        judgement = s.vs_scotland_judgement
        hover = (
            f"<b>{area_name}</b>: {value_text}, {judged_against(judgement, 'Scotland')}"
            f"<br>Scotland: {format_value(s.scotland, indicator)}"
            f"<br>Council areas: {format_value(row.national_min, indicator)} to "
            f"{format_value(row.national_max, indicator)} (middle half "
            f"{format_value(row.national_q25, indicator)} to "
            f"{format_value(row.national_q75, indicator)})"
            + (f"<br>{FLIPPED.capitalize()} so better is to the right" if flipped else "")
        )
        shapes.append(
            SpineRow(
                title=indicator.title,
                period=None if s.period is None else s.period.label,
                flipped=flipped,
                range_low=low,
                range_high=high,
                middle_low=q_low,
                middle_high=q_high,
                median=position(row.national_median),
                scotland=None if s.scotland is None else position(s.scotland),
                value=position(s.area.value),
                judgement=judgement,
                value_text=value_text,
                hover=hover,
            )
        )
    return shapes


def spine_height(row_count: int) -> int:
    """The Plotly figure's height in pixels, sized to its rows."""
    return max(320, 78 * row_count + 170)
