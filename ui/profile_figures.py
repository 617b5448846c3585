"""Plotly builders for the area profile and comparison pages (no Streamlit calls here).

Both charts put "better" on the right for every indicator: rows where a lower value is better
are flipped, and the axis, row labels and hover text say so. Colour is never the only signal:
the area's marker also changes shape (circle better, diamond worse, square not significantly
different) and every chart has a table in words beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from indicators.area_profile import ProfileRow
from indicators.peer_comparison import PeerSummary
from indicators.significance import Judgement
from indicators.units import format_value
from metadata.registry import Indicator, Polarity
from ui import figures, theme
from ui.figures import base_layout
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
    judged_against,
    marker_name,
    spine_height,
    spine_shapes,
)

PEER_RANGE = "#b0b0b0"


def _layout(fig: go.Figure, *, height: int) -> go.Figure:
    return base_layout(fig, height=height, margin={"l": 10, "r": 20, "t": 40, "b": 10})


def _lower_is_better(indicator: Indicator) -> bool:
    return indicator.polarity is Polarity.LOWER_IS_BETTER


def _words(judgement: Judgement, against: str) -> str:
    return judged_against(judgement, against)


def spine_chart(rows: Sequence[ProfileRow], area_name: str) -> go.Figure:
    """One row per indicator: the spread of the 32 council areas (light grey lowest to highest,
    darker grey the middle half), Scotland as a black tick and the area as a marker coloured
    and shaped by its comparison with Scotland.

    Each row has its own scale, centred on Scotland (or on the median council area when there
    is no Scotland figure) and stretched so the council area furthest from it reaches the edge.
    Better is always to the right.
    """
    shapes = spine_shapes(rows, area_name)
    labels = [r.label for r in shapes]
    starts = [r.range_low for r in shapes]
    widths = [r.range_high - r.range_low for r in shapes]
    middle_starts = [r.middle_low for r in shapes]
    middle_widths = [r.middle_high - r.middle_low for r in shapes]
    medians = [r.median for r in shapes]
    scotland_x = [r.scotland for r in shapes if r.scotland is not None]
    scotland_y = [r.label for r in shapes if r.scotland is not None]
    dots: dict[Judgement, list[SpineRow]] = {j: [] for j in Judgement}
    for shape in shapes:
        dots[shape.judgement].append(shape)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=widths,
            base=starts,
            y=labels,
            orientation="h",
            marker_color=RANGE_FILL,
            width=0.45,
            name=RANGE_NAME,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Bar(
            x=middle_widths,
            base=middle_starts,
            y=labels,
            orientation="h",
            marker_color=MIDDLE_FILL,
            width=0.45,
            name=MIDDLE_NAME,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=medians,
            y=labels,
            mode="markers",
            marker={
                "symbol": "line-ns-open",
                "size": 16,
                "color": "white",
                "line": {"width": 2, "color": "white"},
            },
            name=MEDIAN_NAME,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=scotland_x,
            y=scotland_y,
            mode="markers",
            marker={
                "symbol": "line-ns-open",
                "size": 26,
                "color": theme.SCOTLAND_LINE,
                "line": {"width": 3, "color": theme.SCOTLAND_LINE},
            },
            name=SCOTLAND_NAME,
            hoverinfo="skip",
        )
    )
    for judgement, points in dots.items():
        if not points:
            continue
        colour, symbol = MARKERS[judgement]
        fig.add_trace(
            go.Scatter(
                x=[p.value for p in points],
                y=[p.label for p in points],
                mode="markers+text",
                text=[p.value_text for p in points],
                textposition="top center",
                textfont={"color": theme.TEXT, "size": 13},
                marker={
                    "symbol": symbol,
                    "size": 15,
                    "color": colour,
                    "line": {"width": 1.5, "color": "white"},
                },
                name=marker_name(judgement, area_name),
                hovertext=[p.hover for p in points],
                hoverinfo="text",
            )
        )
    fig.update_yaxes(
        categoryorder="array", categoryarray=labels[::-1], automargin=True, fixedrange=True
    )
    fig.update_xaxes(
        range=list(AXIS_RANGE),
        tickvals=[at for at, _ in AXIS_TICKS],
        ticktext=[words for _, words in AXIS_TICKS],
        title="<br>".join(AXIS_TITLE),
        zeroline=False,
        showgrid=False,
        fixedrange=True,
    )
    fig.update_layout(
        barmode="overlay",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        dragmode=False,
    )
    return _layout(fig, height=spine_height(len(rows)))


def peer_chart(summaries: Sequence[PeerSummary], area_name: str, group_label: str) -> go.Figure:
    """Per indicator, on its own axis in its own units: the range of the comparator group
    (grey line), its median (grey diamond outline), Scotland (black tick) and the area with
    its 95% interval, coloured and shaped by its comparison with the peer median. Axes of
    indicators where lower is better run from high to low, so better is to the right.
    """
    usable = [s for s in summaries if s.period is not None]
    titles = []
    for s in usable:
        assert s.period is not None
        flipped = f" ({FLIPPED})" if _lower_is_better(s.indicator) else ""
        titles.append(f"<b>{s.indicator.title}</b>, {s.period.label}{flipped}")
    fig = make_subplots(
        rows=max(len(usable), 1),
        cols=1,
        subplot_titles=titles or None,
        vertical_spacing=min(0.6 / max(len(usable), 1), 0.12),
    )
    legend_shown: set[str] = set()

    def legend(name: str) -> bool:
        first = name not in legend_shown
        legend_shown.add(name)
        return first

    for position, s in enumerate(usable, start=1):
        indicator = s.indicator
        values = [
            v
            for v in (
                s.peer_min,
                s.peer_max,
                s.scotland,
                s.area.value,
                s.area.lower_95 if s.area.has_interval else None,
                s.area.upper_95 if s.area.has_interval else None,
            )
            if v is not None
        ]
        if s.peer_min is not None and s.peer_max is not None:
            name = f"Range of {group_label}"
            fig.add_trace(
                go.Scatter(
                    x=[s.peer_min, s.peer_max],
                    y=[0, 0],
                    mode="lines",
                    line={"color": PEER_RANGE, "width": 8},
                    name=name,
                    legendgroup=name,
                    showlegend=legend(name),
                    hovertemplate=(
                        f"{group_label.capitalize()}: {format_value(s.peer_min, indicator)} to "
                        f"{format_value(s.peer_max, indicator)} ({s.peer_count} with a figure)"
                        "<extra></extra>"
                    ),
                ),
                row=position,
                col=1,
            )
        if s.peer_median is not None:
            name = "Peer median (open diamond)"
            fig.add_trace(
                go.Scatter(
                    x=[s.peer_median],
                    y=[0],
                    mode="markers",
                    marker={
                        "symbol": "diamond-open",
                        "size": 16,
                        "color": theme.MUTED_TEXT,
                        "line": {"width": 2.5},
                    },
                    name=name,
                    legendgroup=name,
                    showlegend=legend(name),
                    hovertemplate=(
                        f"Median of {group_label}: {format_value(s.peer_median, indicator)}"
                        "<extra></extra>"
                    ),
                ),
                row=position,
                col=1,
            )
        if s.scotland is not None:
            name = "Scotland (black tick)"
            fig.add_trace(
                go.Scatter(
                    x=[s.scotland],
                    y=[0],
                    mode="markers",
                    marker={
                        "symbol": "line-ns-open",
                        "size": 24,
                        "color": theme.SCOTLAND_LINE,
                        "line": {"width": 3, "color": theme.SCOTLAND_LINE},
                    },
                    name=name,
                    legendgroup=name,
                    showlegend=legend(name),
                    hovertemplate=(
                        f"Scotland: {format_value(s.scotland, indicator)}<extra></extra>"
                    ),
                ),
                row=position,
                col=1,
            )
        if s.area.value is not None and not s.area.missing:
            judgement = s.vs_peers_judgement if s.comparable else Judgement.UNKNOWN
            colour, symbol = MARKERS[judgement]
            name = f"{area_name}: {_words(judgement, 'the peer median')}"
            has_ci = s.area.has_interval
            fig.add_trace(
                go.Scatter(
                    x=[s.area.value],
                    y=[0],
                    mode="markers+text",
                    text=[format_value(s.area.value, indicator)],
                    textposition="top center",
                    marker={
                        "symbol": symbol,
                        "size": 15,
                        "color": colour,
                        "line": {"width": 1.5, "color": "white"},
                    },
                    error_x={
                        "visible": has_ci,
                        "type": "data",
                        "symmetric": False,
                        "array": [(s.area.upper_95 or 0) - s.area.value] if has_ci else [0],
                        "arrayminus": [s.area.value - (s.area.lower_95 or 0)] if has_ci else [0],
                        "color": colour,
                        "thickness": 2,
                        "width": 6,
                    },
                    name=name,
                    legendgroup=name,
                    showlegend=legend(name),
                    hovertemplate=(
                        f"<b>{area_name}</b>: {format_value(s.area.value, indicator)}"
                        + (
                            f" (95% interval {format_value(s.area.lower_95, indicator)} to "
                            f"{format_value(s.area.upper_95, indicator)})"
                            if has_ci
                            else ""
                        )
                        + f"<br>{_words(judgement, 'the peer median').capitalize()}"
                        "<extra></extra>"
                    ),
                ),
                row=position,
                col=1,
            )
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        pad = (high - low) * 0.08 or 1.0
        axis_range = [low - pad, high + pad]
        if _lower_is_better(indicator):
            axis_range = axis_range[::-1]
        fig.update_xaxes(
            range=axis_range,
            gridcolor="#e5e5e5",
            fixedrange=True,
            ticksuffix="%" if indicator.unit.value == "percent" else "",
            row=position,
            col=1,
        )
        fig.update_yaxes(visible=False, range=[-1, 1.3], fixedrange=True, row=position, col=1)
    fig.update_annotations(font={"size": 14}, xanchor="left", x=0)
    fig.update_layout(
        legend={"orientation": "h", "y": 1.0, "yanchor": "top", "x": 0, "yref": "container"},
        dragmode=False,
    )
    height = max(240, 115 * len(usable) + 120)
    fig = _layout(fig, height=height)
    fig.update_layout(margin={"l": 10, "r": 20, "t": 90, "b": 10})
    return fig


def group_bars(
    ranking: pd.DataFrame,
    indicator: Indicator,
    *,
    scotland_value: float | None,
    selected_label: str,
) -> go.Figure:
    """`figures.ranked_bars` for a comparator group, with the selected area outlined in black
    (its name also says so) and the legend lifted clear of the bars."""
    fig = figures.ranked_bars(ranking, indicator, scotland_value=scotland_value)
    for trace in fig.data:
        if not isinstance(trace, go.Bar) or trace.y is None:
            continue
        selected = [label == selected_label for label in trace.y]
        trace.marker.line = {
            "color": theme.TEXT,
            "width": [3 if s else 0 for s in selected],
        }
    # The legend sits at the very top of the figure, above Scotland's label on the line.
    fig.update_layout(
        legend={"orientation": "h", "y": 1.0, "yanchor": "top", "x": 0, "yref": "container"},
        margin={"t": 80},
    )
    return fig
