"""Plotly figure builders: validated frames in, figures out (no Streamlit calls here).

Every figure draws without the internet: maps are filled outlines on plain axes, because
Plotly's geographic canvas downloads a world basemap before it draws anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from geo.outlines import Outline
from indicators.catalogue import usable_mask
from indicators.glossary import judged_against
from indicators.progress import GapChange
from indicators.units import axis_title, format_value
from metadata.registry import Indicator, Milestone, Target
from ui import map_shapes, theme

FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": theme.TEXT}


def base_layout(fig: go.Figure, *, height: int, margin: dict[str, int] | None = None) -> go.Figure:
    """The house style every chart shares: fonts, white background, readable hover labels."""
    fig.update_layout(
        height=height,
        margin=margin or {"l": 10, "r": 10, "t": 10, "b": 10},
        font=FONT,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": FONT, "bgcolor": "white"},
    )
    return fig


@lru_cache(maxsize=256)
def coordinates(values: tuple[float | None, ...]) -> np.ndarray:
    """Outline coordinates as a float32 array with NaN between rings.

    Plotly validates a Python list element by element (about 0.1 s for the 11,000 map
    vertices) but takes a NumPy array as it is, and sends it base64-encoded, which keeps the
    figure as small as short integers would."""
    array = np.array([np.nan if v is None else v for v in values], dtype=np.float32)
    array.setflags(write=False)
    return array


def choropleth(
    rows: pd.DataFrame,
    outlines: Sequence[Outline],
    indicator: Indicator,
    *,
    scotland_value: float | None,
    selected_code: str | None = None,
    tile_labels: dict[str, str] | None = None,
) -> go.Figure:
    """Council areas coloured worse→better around Scotland's value; missing areas grey.

    With `tile_labels` the outlines are equal-area tiles and each tile is labelled.

    Drawn as filled outlines on plain axes (no basemap, no network). `rows` is one period's
    council rows with `rank_label` and `ranked_count` (from ranking). An invisible marker
    inside each area carries its code, so a click selects the area. The colours and words
    are those of the SVG map on the page (ui.map_shapes); this figure makes the downloads.
    """
    colours = map_shapes.colour_range(rows, indicator, scotland_value)
    looks = map_shapes.area_looks(rows, outlines, indicator, colours, selected_code)
    fig = go.Figure()
    missing_in_legend = False
    for outline, look in zip(outlines, looks, strict=True):
        fig.add_trace(
            go.Scatter(
                x=coordinates(outline.xs),
                y=coordinates(outline.ys),
                mode="lines",
                fill="toself",
                fillcolor=look.fill,
                fillpattern=map_shapes.HATCH if look.hatched else None,
                line=map_shapes.SELECTED_OUTLINE if look.selected else map_shapes.OUTLINE,
                hoveron="fills",
                text=look.hover_text,
                hoverinfo="text",
                name=map_shapes.MISSING_KEY if look.hatched else outline.name,
                showlegend=look.hatched and not missing_in_legend,
                legendgroup="missing" if look.hatched else None,
            )
        )
        missing_in_legend = missing_in_legend or look.hatched
    fig.add_trace(
        go.Scatter(
            x=[outline.label_x for outline in outlines],
            y=[outline.label_y for outline in outlines],
            mode="markers+text" if tile_labels else "markers",
            text=[tile_labels[o.code] for o in outlines] if tile_labels else None,
            textfont={"size": 10, "color": [theme.readable_text_on(look.fill) for look in looks]},
            hovertext=[look.hover_text for look in looks],
            marker={
                "size": 44 if tile_labels else 16,
                "opacity": 0,
                "color": [colours.midpoint] * len(outlines),
                "colorscale": colours.scale,
                "cmin": colours.low,
                "cmax": colours.high,
                "showscale": colours.lowest_value is not None,
                "colorbar": {
                    "title": {"text": axis_title(indicator), "side": "right"},
                    "thickness": 14,
                    "len": 0.7,
                },
            },
            customdata=[outline.code for outline in outlines],
            hoverinfo="text",
            name="Select an area",
            showlegend=False,
        )
    )
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.02, "x": 0}, dragmode=False, clickmode="event+select"
    )
    return base_layout(fig, height=680)


def ranked_bars(
    ranked: pd.DataFrame, indicator: Indicator, *, scotland_value: float | None
) -> go.Figure:
    """Horizontal bars in rank order with 95% intervals and Scotland's value as a line.

    Bars are coloured by the comparison with Scotland (column `vs_scotland`: better, worse,
    not_different, unknown); the hover and the table say the same in words.
    """
    usable = ranked[usable_mask(ranked)].iloc[::-1]
    cautioned = ranked[ranked["value"].notna() & ~usable_mask(ranked)].iloc[::-1]
    colours = {
        "better": theme.BETTER,
        "worse": theme.WORSE,
        "not_different": theme.NEUTRAL,
        "unknown": theme.NEUTRAL,
    }
    labels = {code: judged_against(code, "Scotland") for code in colours}
    fig = go.Figure()
    for group, rows in usable.groupby("vs_scotland", sort=False):
        has_ci = rows["lower_95"].notna()
        fig.add_trace(
            go.Bar(
                x=rows["value"],
                y=rows["area_name"],
                orientation="h",
                marker_color=colours[str(group)],
                name=labels[str(group)],
                error_x={
                    # Zero-length bars would still draw their caps, like a tiny interval.
                    "visible": bool(has_ci.any()),
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["upper_95"] - rows["value"]).where(has_ci, 0),
                    "arrayminus": (rows["value"] - rows["lower_95"]).where(has_ci, 0),
                    "color": theme.TEXT,
                    "thickness": 1,
                    "width": 3,
                },
                hovertemplate="<b>%{y}</b><br>%{x}<extra>" + labels[str(group)] + "</extra>",
                # Clicking a bar selects its area (the page reads the code from customdata).
                customdata=rows["area_code"],
            )
        )
    if not cautioned.empty:
        # Estimates printed with a caution: greyed and hatched below the ranked areas, unranked.
        fig.add_trace(
            go.Bar(
                x=cautioned["value"],
                y=cautioned["area_name"],
                orientation="h",
                marker={
                    "color": theme.MISSING_FILL,
                    "pattern": {"shape": "/", "fgcolor": theme.MISSING_LINE, "size": 6},
                    "line": {"color": theme.MISSING_LINE, "width": 1},
                },
                name=UNRELIABLE_LABEL,
                hovertemplate="<b>%{y}</b><br>%{x}<extra>" + UNRELIABLE_LABEL + "</extra>",
                customdata=cautioned["area_code"],
            )
        )
    if scotland_value is not None:
        fig.add_vline(
            x=scotland_value,
            line={"color": theme.SCOTLAND_LINE, "dash": "dash", "width": 2},
            annotation_text=f"Scotland {format_value(scotland_value, indicator)}",
            annotation_position="top",
        )
    shown = [*cautioned["area_name"], *usable["area_name"]]
    fig.update_yaxes(categoryorder="array", categoryarray=shown, automargin=True)
    fig.update_xaxes(title=axis_title(indicator), rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": 1.04, "x": 0})
    return base_layout(fig, height=max(420, 22 * len(shown) + 120))


UNRELIABLE_LABEL = "Unreliable, treat with caution (not ranked)"

MARKERS = ["circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash"]


def _runs(mask: Sequence[bool]) -> list[tuple[int, int]]:
    """(start, stop) index pairs of the consecutive True stretches in `mask`."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, flag in enumerate([*mask, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index))
            start = None
    return runs


def trend_lines(frame: pd.DataFrame, indicator: Indicator, *, from_zero: bool = True) -> go.Figure:
    """Lines over time for one or more areas, with 95% bands and gaps left as gaps.

    Each band is drawn stretch by stretch, so a period without an interval stays a gap in the
    band too (one outline through it would join its ends with a straight edge). Lines differ
    by marker and dash as well as colour.
    """
    fig = go.Figure()
    for position, (name, rows) in enumerate(frame.groupby("area_name", sort=False)):
        colour = theme.SERIES[position % len(theme.SERIES)]
        rows = rows.sort_values("period_end")
        x_values = [period_midpoint(p) for p in rows["period"]]
        has_interval = list(rows["lower_95"].notna() & rows["upper_95"].notna())
        uppers, lowers = list(rows["upper_95"]), list(rows["lower_95"])
        for start, stop in _runs(has_interval):
            fig.add_trace(
                go.Scatter(
                    x=x_values[start:stop] + x_values[start:stop][::-1],
                    y=uppers[start:stop] + lowers[start:stop][::-1],
                    fill="toself",
                    fillcolor=_with_alpha(colour, 0.15),
                    line={"width": 0},
                    mode="lines",
                    hoverinfo="skip",
                    name=f"{name}: 95% interval",
                    showlegend=False,
                )
            )
        usable = list(usable_mask(rows))
        values = [v if ok else None for v, ok in zip(rows["value"], usable, strict=True)]
        fig.add_trace(
            go.Scatter(
                x=x_values,
                y=values,
                mode="lines+markers",
                name=str(name),
                line={"color": colour, "width": 2.5, "dash": DASHES[position % len(DASHES)]},
                marker={"size": 8, "symbol": MARKERS[position % len(MARKERS)]},
                connectgaps=False,
                text=rows["period_label"],
                hovertemplate="%{text}: %{y}<extra>" + str(name) + "</extra>",
            )
        )
        cautioned = rows[rows["value"].notna() & ~usable_mask(rows)]
        if not cautioned.empty:
            # Printed with a caution: a grey open marker off the line, never joined to it.
            fig.add_trace(
                go.Scatter(
                    x=[period_midpoint(p) for p in cautioned["period"]],
                    y=cautioned["value"],
                    mode="markers",
                    name=f"{name}: {UNRELIABLE_LABEL}",
                    marker={
                        "size": 9,
                        "symbol": "circle-open",
                        "color": theme.MISSING_LINE,
                        "line": {"width": 2},
                    },
                    text=cautioned["period_label"],
                    hovertemplate="%{text}: %{y} (unreliable, treat with caution)<extra>"
                    + str(name)
                    + "</extra>",
                )
            )
    fig.update_yaxes(
        title=axis_title(indicator),
        rangemode="tozero" if from_zero else "normal",
        gridcolor="#e5e5e5",
    )
    # The x axis says what each point covers, in the declared words (e.g. a yearly average).
    fig.update_xaxes(title=indicator.period_words, gridcolor="#f0f0f0")
    fig.update_layout(legend={"orientation": "h", "y": -0.25, "x": 0}, hovermode="x unified")
    return base_layout(fig, height=420)


def period_midpoint(period: str) -> str:
    """Where to plot a period: mid-year for a year, mid-month for a month (ISO date)."""
    start, length = period.split("/")
    year, month, _ = (int(part) for part in start.split("-"))
    if length == "P1M":
        return f"{year:04d}-{month:02d}-15"
    month += 6
    if month > 12:
        year, month = year + 1, month - 12
    return f"{year:04d}-{month:02d}-01"


def _year_point(year: int) -> str:
    return f"{year:04d}-07-01"


def _with_alpha(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def target_path_chart(
    series: pd.DataFrame, target: Target, indicator: Indicator, *, path_label: str
) -> go.Figure:
    """The series with its intervals, the baseline, the target and the straight path between."""
    fig = trend_lines(series, indicator)
    start, end = target.baseline, target.target
    fig.add_trace(
        go.Scatter(
            x=[_year_point(start.period), _year_point(end.period)],
            y=[start.value, end.value],
            mode="lines",
            line={"color": theme.MUTED_TEXT, "dash": "dash", "width": 2},
            name=path_label,
            hovertemplate="%{y:.1f} on the path in %{x|%Y}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[_year_point(start.period), _year_point(end.period)],
            y=[start.value, end.value],
            mode="markers+text",
            marker={"size": 12, "symbol": ["circle-open", "star"], "color": theme.ACCENT},
            text=[
                f"Baseline {start.value:g} ({start.period})",
                f"Target {end.value:g} ({end.period})",
            ],
            textposition=["top right", "bottom left"],
            name="Baseline and target",
            hoverinfo="text",
        )
    )
    fig.update_layout(hovermode="closest")
    return fig


def milestone_chart(
    frames: pd.DataFrame, milestones: Sequence[Milestone], indicator: Indicator, y_title: str
) -> go.Figure:
    """Two employment rates over time with the milestone levels marked as diamonds."""
    fig = trend_lines(frames, indicator)
    fig.update_yaxes(title=y_title)
    fig.add_trace(
        go.Scatter(
            x=[_year_point(m.period) for m in milestones],
            y=[m.value for m in milestones],
            mode="markers+text",
            marker={"size": 13, "symbol": "diamond", "color": theme.WORSE},
            text=[f"Milestone {m.value:g}% by {m.period}" for m in milestones],
            # Below each diamond, clear of the latest rates; the last one to its left, so the
            # label is not clipped by the plot's right edge.
            textposition=["bottom center"] * (len(milestones) - 1) + ["middle left"],
            name="Milestones for the disabled employment rate",
            hoverinfo="text",
        )
    )
    fig.update_layout(hovermode="closest")
    return fig


def decomposition_chart(changes: Sequence[GapChange]) -> go.Figure:
    """Each period's change in the gap, split into the parts from each group's rate."""
    labels = [f"{c.from_year} to {c.to_year}" for c in changes]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[c.from_disabled_rate_pp for c in changes],
            name="From the disabled employment rate",
            marker_color=theme.SERIES[0],
            hovertemplate="%{x}: %{y:+.1f} pp<extra>disabled rate</extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=labels,
            y=[c.from_non_disabled_rate_pp for c in changes],
            name="From the non-disabled employment rate",
            marker_color=theme.SERIES[4],
            marker_pattern_shape="/",
            hovertemplate="%{x}: %{y:+.1f} pp<extra>non-disabled rate</extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=[c.gap_change_pp for c in changes],
            mode="markers",
            marker={
                "size": 12,
                "color": theme.TEXT,
                "symbol": "line-ew-open",
                "line": {"width": 3},
            },
            name="Change in the gap",
            hovertemplate="%{x}: gap %{y:+.1f} pp<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": theme.MUTED_TEXT, "width": 1})
    fig.update_layout(barmode="relative", legend={"orientation": "h", "y": -0.2, "x": 0})
    fig.update_yaxes(title="Change in the gap (percentage points)", gridcolor="#e5e5e5")
    return base_layout(fig, height=380)


def benchmark_dumbbells(comparison: pd.DataFrame, indicator: Indicator, year: int) -> go.Figure:
    """Each area's benchmark-year figure and latest figure joined by a line, worst change first."""
    usable = comparison[comparison["benchmark_value"].notna() & comparison["latest_value"].notna()]
    usable = usable.sort_values("change", ascending=indicator.polarity.value == "higher_is_better")
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[str | None] = []
    for row in usable.itertuples():
        xs += [float(str(row.benchmark_value)), float(str(row.latest_value)), None]
        ys += [str(row.area_name), str(row.area_name), None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": "#b0b0b0", "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=usable["benchmark_value"],
            y=usable["area_name"],
            mode="markers",
            marker={
                "size": 10,
                "color": theme.MUTED_TEXT,
                "symbol": "circle-open",
                "line": {"width": 2},
            },
            name=f"{year} (pre-COVID)",
            text=usable["benchmark_period"],
            hovertemplate="%{y}, %{text}: %{x:.1f}<extra></extra>",
        )
    )
    colours = [
        theme.BETTER if j == "better" else theme.WORSE if j == "worse" else theme.NEUTRAL
        for j in usable["judgement"]
    ]
    fig.add_trace(
        go.Scatter(
            x=usable["latest_value"],
            y=usable["area_name"],
            mode="markers",
            marker={"size": 11, "color": colours},
            name="Latest (purple better, orange worse, grey not significantly different)",
            text=usable["latest_period"],
            hovertemplate="%{y}, %{text}: %{x:.1f}<extra></extra>",
        )
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(usable["area_name"]), automargin=True
    )
    fig.update_xaxes(title=axis_title(indicator), gridcolor="#e5e5e5")
    fig.update_layout(legend={"orientation": "h", "y": 1.06, "x": 0})
    return base_layout(fig, height=max(360, 22 * len(usable) + 120))
