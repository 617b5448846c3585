"""Trend-chart additions: events and series breaks marked on the chart, lines told apart by more
than colour, and the words that go beside the chart (events, and periods left as gaps).

Builds on `ui.figures.trend_lines`; no Streamlit calls here.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators.glossary import is_usable, status_words
from metadata.registry import Event, Indicator, Unit
from ui import theme
from ui.figures import period_midpoint, trend_lines

# Marker shapes and dash patterns, so each area's line differs in more than colour.
EVENT_FILL = "#9e9e9e"
LABEL_ROW = 20  # pixels per event label above the chart
KIND_WORDS = {"period": "shaded band", "break": "dashed vertical line"}
SHORT_KIND_WORDS = {"period": "shaded band", "break": "dashed line"}


@dataclass(frozen=True, slots=True)
class ShownEvent:
    """An event clipped to the years on the chart; `shown` is False if it falls outside them."""

    event: Event
    start: str
    end: str | None
    shown: bool


def iso_date(value: str, *, end: bool = False) -> str:
    """A full ISO date from a year, year-month or date ('2020' -> '2020-01-01', or 12-31 as end)."""
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if len(parts) > 2:
        day = int(parts[2])
    else:
        day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def date_words(value: str) -> str:
    """'2020-03-23' -> '23 March 2020'; '2020-03' -> 'March 2020'; '2020' -> '2020'."""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def event_dates_words(event: Event) -> str:
    if event.end is None:
        return f"from {date_words(event.start)}"
    return f"{date_words(event.start)} to {date_words(event.end)}"


def place_events(events: Sequence[Event], first: str, last: str) -> list[ShownEvent]:
    """Clip each event to the chart's first and last plotted dates (ISO)."""
    placed = []
    for event in events:
        start = iso_date(event.start)
        end = None if event.end is None else iso_date(event.end, end=True)
        if event.kind == "break" or end is None:
            placed.append(ShownEvent(event, start, None, first <= start <= last))
        else:
            shown = start <= last and end >= first
            placed.append(ShownEvent(event, max(start, first), min(end, last), shown))
    return placed


def add_events(fig: go.Figure, placed: Sequence[ShownEvent], x_range: tuple[str, str]) -> go.Figure:
    """A labelled shaded band for each period event and a labelled dashed line for each break.

    Labels sit above the plotting area, one row each, so they never cover the data and two
    events close together stay readable.
    """
    shown = [p for p in placed if p.shown]
    low, high = (pd.Timestamp(x) for x in x_range)
    midpoint = (low + (high - low) / 2).strftime("%Y-%m-%d")
    full_height = {"xref": "x", "yref": "paper", "y0": 0, "y1": 1}
    for position, item in enumerate(shown):
        if item.event.kind == "period" and item.end is not None:
            fig.add_shape(
                type="rect",
                x0=item.start,
                x1=item.end,
                fillcolor=EVENT_FILL,
                opacity=0.25,
                line={"width": 0},
                layer="below",
                **full_height,
            )
        else:
            fig.add_shape(
                type="line",
                x0=item.start,
                x1=item.start,
                line={"color": theme.TEXT, "width": 1.5, "dash": "dash"},
                **full_height,
            )
        # Labels run away from the nearer edge, so they stay inside the chart.
        x_anchor = "right" if item.start > midpoint else "left"
        fig.add_annotation(
            x=item.start,
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=2 + LABEL_ROW * position,
            xanchor=x_anchor,
            text=f"{item.event.title}: {SHORT_KIND_WORDS[item.event.kind]}",
            showarrow=False,
            font={"size": 12, "color": theme.TEXT},
        )
    if shown:
        fig.update_layout(margin={"t": 10 + LABEL_ROW * len(shown)})
    return fig


def trend_chart(
    frame: pd.DataFrame, indicator: Indicator, events: Sequence[Event], *, zoom: bool
) -> tuple[go.Figure, list[ShownEvent]]:
    """The areas' lines with 95% bands (from zero unless zoomed), told apart by marker and dash,
    with the events that fall within the plotted years marked and labelled."""
    fig = trend_lines(frame, indicator, from_zero=not zoom)
    if indicator.unit is Unit.COUNT:
        fig.update_yaxes(tickformat=",")
    midpoints = [period_midpoint(p) for p in frame["period"]]
    if not midpoints:
        return fig, []
    first, last = min(midpoints), max(midpoints)
    placed = place_events(events, first, last)
    x_range = padded_range(first, last)
    # A fixed range, so event labels never stretch the axis beyond the data.
    fig.update_xaxes(range=list(x_range))
    add_events(fig, placed, x_range)
    return fig, placed


def padded_range(first: str, last: str) -> tuple[str, str]:
    """The plotted dates widened by 4% of the span (at least two months) on each side."""
    low, high = pd.Timestamp(first), pd.Timestamp(last)
    pad = max((high - low) * 0.04, pd.Timedelta(days=60))
    return (low - pad).strftime("%Y-%m-%d"), (high + pad).strftime("%Y-%m-%d")


def gap_sentences(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Per area, the periods with no usable figure and why; and the publishers' notes, numbered.

    Returns (sentences, notes): a sentence such as "Clackmannanshire: suppressed in 2023 [1]."
    refers to note 1, so a long note repeated across areas is printed once.
    """
    notes: list[str] = []
    sentences = []
    for area, rows in frame.groupby("area_name", sort=False):
        missing = rows[~rows["status"].map(is_usable)].sort_values("period_end")
        if missing.empty:
            continue
        parts = []
        for status, group in missing.groupby("status", sort=False):
            periods = ", ".join(str(p) for p in group["period_label"])
            refs = []
            for detail in dict.fromkeys(d for d in group["status_detail"] if isinstance(d, str)):
                if detail not in notes:
                    notes.append(detail)
                refs.append(f"[{notes.index(detail) + 1}]")
            marker = f" {' '.join(refs)}" if refs else ""
            parts.append(f"{status_words(str(status)).lower()} in {periods}{marker}")
        sentences.append(f"{area}: {'; '.join(parts)}.")
    return sentences, notes
