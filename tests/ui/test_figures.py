"""Figures built from real snapshot rows: what they draw, and what they refuse to draw."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.colors import hex_to_rgb

from data_sources.snapshot import load_snapshot
from geo.council_areas import SCOTLAND_CODE
from geo.outlines import Outline, projected_outlines
from indicators.catalogue import Catalogue
from indicators.ranking import rank_areas
from indicators.significance import compare_to_value, judge
from indicators.summaries import estimate_of
from metadata.registry import Polarity, load_registry
from ui import figures, theme

YEAR_2022 = "2022-01-01/P1Y"
YEAR_2025 = "2025-01-01/P1Y"
ORKNEY = "S12000023"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


@pytest.fixture(scope="module")
def outlines() -> tuple[Outline, ...]:
    return projected_outlines()


def _scotland_value(catalogue: Catalogue, indicator_id: str, period: str) -> float:
    rows = catalogue.observations(indicator_id, area_codes=[SCOTLAND_CODE], period=period)
    return float(rows["value"].iloc[0])


def _ranked(catalogue: Catalogue, indicator_id: str, period: str) -> pd.DataFrame:
    """Council rows as the map page prepares them: ranked, and compared with Scotland."""
    indicator = catalogue.indicator(indicator_id)
    ranked = rank_areas(catalogue.council_values(indicator_id, period), indicator.polarity)
    reference = _scotland_value(catalogue, indicator_id, period)
    ranked["vs_scotland"] = [
        judge(compare_to_value(estimate_of(r), reference), indicator.polarity).value
        if pd.notna(r["value"])
        else "unknown"
        for _, r in ranked.iterrows()
    ]
    return ranked


def _map(
    catalogue: Catalogue, outlines: tuple[Outline, ...], indicator_id: str, period: str
) -> go.Figure:
    return figures.choropleth(
        _ranked(catalogue, indicator_id, period),
        outlines,
        catalogue.indicator(indicator_id),
        scotland_value=_scotland_value(catalogue, indicator_id, period),
    )


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    red, green, blue = hex_to_rgb(hex_colour)
    return int(red), int(green), int(blue)


def _parse_rgb(colour: str) -> tuple[int, int, int]:
    assert colour.startswith("rgb(") and colour.endswith(")"), colour
    red, green, blue = (int(round(float(part))) for part in colour[4:-1].split(","))
    return red, green, blue


def _distance(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    return math.dist(first, second)


def _fills_by_code(fig: go.Figure, outlines: tuple[Outline, ...]) -> dict[str, go.Scatter]:
    areas = [trace for trace in fig.data if trace.fill == "toself"]
    assert len(areas) == len(outlines)
    return {outline.code: trace for outline, trace in zip(outlines, areas, strict=True)}


# --- choropleth ------------------------------------------------------------------------------


def test_map_has_one_filled_trace_per_council_and_a_marker_trace(
    catalogue: Catalogue, outlines: tuple[Outline, ...]
) -> None:
    fig = _map(catalogue, outlines, "claimant_rate", YEAR_2025)
    assert len(outlines) == 32
    assert len(fig.data) == 33
    filled = fig.data[:32]
    assert all(trace.type == "scatter" and trace.fill == "toself" for trace in filled)
    for outline, trace in zip(outlines, filled, strict=True):
        # Coordinates travel as float32 with NaN between rings (None in the outline).
        expected = [math.nan if v is None else float(v) for v in outline.xs]
        assert len(trace.x) == len(expected)
        assert all(
            (math.isnan(e) and math.isnan(a)) or a == e
            for a, e in zip(map(float, trace.x), expected, strict=True)
        )
        assert outline.name in trace.text
    markers = fig.data[32]
    assert markers.mode == "markers"
    assert markers.fill is None
    assert list(markers.customdata) == [o.code for o in outlines]
    # Drawn on plain axes: no geographic trace, so no basemap download.
    assert {trace.type for trace in fig.data} == {"scatter"}
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_map_missing_areas_are_hatched_grey_with_one_legend_entry(
    catalogue: Catalogue, outlines: tuple[Outline, ...]
) -> None:
    fig = _map(catalogue, outlines, "youth_employment_rate", YEAR_2022)
    fills = _fills_by_code(fig, outlines)
    missing = {"S12000023", "S12000027"}  # Orkney (unreliable), Shetland (suppressed)
    for code, trace in fills.items():
        if code in missing:
            assert trace.fillcolor == theme.MISSING_FILL
            assert trace.fillpattern.shape == "/"
            assert trace.name == "No reliable estimate (hatched grey)"
            assert "No reliable estimate" in trace.text
        else:
            assert trace.fillcolor != theme.MISSING_FILL
            assert trace.fillpattern.shape is None
            assert trace.showlegend is False
    assert "(unreliable)" in fills["S12000023"].text
    # The publisher printed Orkney's rate with a caution: its value is in the words, not ranked.
    assert "100.0% printed, treat with caution; not ranked" in fills["S12000023"].text
    assert "(suppressed)" in fills["S12000027"].text
    in_legend = [trace for trace in fig.data if trace.showlegend]
    assert len(in_legend) == 1
    assert in_legend[0].name == "No reliable estimate (hatched grey)"


def test_map_without_missing_areas_has_no_legend_entry(
    catalogue: Catalogue, outlines: tuple[Outline, ...]
) -> None:
    fig = _map(catalogue, outlines, "claimant_rate", YEAR_2025)
    assert not [trace for trace in fig.data if trace.showlegend]
    assert theme.MISSING_FILL not in {trace.fillcolor for trace in fig.data}


@pytest.mark.parametrize(
    ("indicator_id", "period", "best", "worst"),
    [
        # Lower is better: Shetland (1.2%) best, Glasgow City (4.6%) worst.
        ("claimant_rate", YEAR_2025, "S12000027", "S12000049"),
        # Higher is better: Orkney (87.5%) best, Clackmannanshire (67.2%) worst.
        ("employment_rate", YEAR_2022, "S12000023", "S12000005"),
    ],
)
def test_map_best_area_at_the_better_end_for_both_polarities(
    catalogue: Catalogue,
    outlines: tuple[Outline, ...],
    indicator_id: str,
    period: str,
    best: str,
    worst: str,
) -> None:
    ranked = _ranked(catalogue, indicator_id, period)
    assert ranked.iloc[0]["area_code"] == best
    assert ranked.iloc[-1]["area_code"] == worst
    fills = _fills_by_code(_map(catalogue, outlines, indicator_id, period), outlines)
    better, worse = _rgb(theme.BETTER), _rgb(theme.WORSE)
    # The best area lies furthest from Scotland's value, so it takes the end colour exactly.
    assert _parse_rgb(fills[best].fillcolor) == better
    worst_fill = _parse_rgb(fills[worst].fillcolor)
    assert _distance(worst_fill, worse) < _distance(worst_fill, better)
    # The better end of the colour bar is the high end only when higher is better.
    scale = theme.diverging_scale(catalogue.indicator(indicator_id).polarity)
    polarity = catalogue.indicator(indicator_id).polarity
    better_end = scale[-1] if polarity is Polarity.HIGHER_IS_BETTER else scale[0]
    assert better_end[1] == theme.BETTER


def test_map_hover_text_gives_value_and_rank(
    catalogue: Catalogue, outlines: tuple[Outline, ...]
) -> None:
    fills = _fills_by_code(_map(catalogue, outlines, "claimant_rate", YEAR_2025), outlines)
    assert fills[ORKNEY].text == "<b>Orkney Islands</b><br>1.6%<br>Rank 2= of 32 (1 = best)"


def test_map_figure_json_is_small(catalogue: Catalogue, outlines: tuple[Outline, ...]) -> None:
    size = len(_map(catalogue, outlines, "youth_employment_rate", YEAR_2022).to_json())
    # Measured 182,215 bytes (youth employment rate, 2022) when this test was written.
    assert size < 400_000


# --- ranked bars -----------------------------------------------------------------------------


def test_ranked_bars_with_intervals(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "employment_rate", YEAR_2022)
    fig = figures.ranked_bars(ranked, catalogue.indicator("employment_rate"), scotland_value=74.4)
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert sum(len(trace.x) for trace in bars) == 32
    assert {trace.name for trace in bars} == {
        "Better than Scotland",
        "Worse than Scotland",
        "Not significantly different",
    }
    by_name = ranked.set_index("area_name")
    for trace in bars:
        assert trace.error_x.visible is True
        for name, value, plus, minus in zip(
            trace.y, trace.x, trace.error_x.array, trace.error_x.arrayminus, strict=True
        ):
            row = by_name.loc[name]
            assert value == row["value"]
            assert plus == pytest.approx(row["upper_95"] - row["value"])
            assert minus == pytest.approx(row["value"] - row["lower_95"])
    worse = next(trace for trace in bars if trace.name == "Worse than Scotland")
    assert worse.marker.color == theme.WORSE
    assert set(worse.y) == {
        "Clackmannanshire",
        "Dumfries and Galloway",
        "South Ayrshire",
        "North Lanarkshire",
        "Dundee City",
    }


def test_ranked_bars_scotland_line(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "employment_rate", YEAR_2022)
    fig = figures.ranked_bars(ranked, catalogue.indicator("employment_rate"), scotland_value=74.4)
    assert len(fig.layout.shapes) == 1
    line = fig.layout.shapes[0]
    assert (line.type, line.x0, line.x1) == ("line", 74.4, 74.4)
    assert line.line.dash == "dash"
    assert [a.text for a in fig.layout.annotations] == ["Scotland 74.4%"]
    without = figures.ranked_bars(
        ranked, catalogue.indicator("employment_rate"), scotland_value=None
    )
    assert len(without.layout.shapes) == 0


def test_ranked_bars_without_intervals_have_no_error_bars(catalogue: Catalogue) -> None:
    ranked = _ranked(catalogue, "claimant_rate", YEAR_2025)
    assert ranked["lower_95"].isna().all()
    fig = figures.ranked_bars(ranked, catalogue.indicator("claimant_rate"), scotland_value=3.0)
    bars = [trace for trace in fig.data if trace.type == "bar"]
    assert bars
    for trace in bars:
        assert trace.error_x.visible is False
    assert [a.text for a in fig.layout.annotations] == ["Scotland 3.0%"]


def test_ranked_bars_leave_out_missing_areas_and_put_the_best_on_top(
    catalogue: Catalogue,
) -> None:
    ranked = _ranked(catalogue, "youth_employment_rate", YEAR_2022)
    fig = figures.ranked_bars(
        ranked, catalogue.indicator("youth_employment_rate"), scotland_value=57.9
    )
    ranked_bars = [n for t in fig.data if t.name != figures.UNRELIABLE_LABEL for n in t.y]
    assert len(ranked_bars) == 30
    assert "Orkney Islands" not in ranked_bars and "Shetland Islands" not in ranked_bars
    # Orkney's rate is printed with a caution, so it is drawn (grey, below the ranked areas);
    # Shetland's is suppressed, so it is not drawn at all.
    order = list(fig.layout.yaxis.categoryarray)
    assert len(order) == 31 and "Shetland Islands" not in order
    # Categories run bottom to top: the rank-1 area is last, so drawn at the top.
    assert order[-1] == ranked.iloc[0]["area_name"] == "Na h-Eileanan Siar"
    assert order[:2] == ["Orkney Islands", "Dumfries and Galloway"]


# --- trend lines -----------------------------------------------------------------------------


def test_trend_lines_leave_gaps(catalogue: Catalogue) -> None:
    series = catalogue.series("youth_employment_rate", ORKNEY)
    fig = figures.trend_lines(series, catalogue.indicator("youth_employment_rate"))
    lines = [trace for trace in fig.data if trace.mode == "lines+markers"]
    assert len(lines) == 1
    line = lines[0]
    assert line.connectgaps is False
    values = np.asarray(line.y, dtype=float)
    assert len(values) == 20
    # 2016 and 2020 to 2023 are not usable: kept as NaN, never dropped or zeroed.
    labels = list(line.text)
    assert [labels[i] for i in np.flatnonzero(np.isnan(values))] == [
        "2016",
        "2020",
        "2021",
        "2022",
        "2023",
    ]
    assert not (values == 0).any()


def test_unreliable_printed_values_are_grey_hatched_bars_and_never_ranked(
    catalogue: Catalogue,
) -> None:
    """Orkney's youth employment rate for 2022 is printed "treat with caution" (no interval)."""
    ranked = _ranked(catalogue, "youth_employment_rate", YEAR_2022)
    orkney = ranked.set_index("area_code").loc[ORKNEY]
    assert orkney["status"] == "unreliable" and orkney["value"] == 100.0
    assert pd.isna(orkney["rank"]) and orkney["vs_scotland"] == "unknown"
    assert int(ranked["ranked_count"].iloc[0]) == int(ranked["rank"].notna().sum())
    fig = figures.ranked_bars(
        ranked,
        catalogue.indicator("youth_employment_rate"),
        scotland_value=_scotland_value(catalogue, "youth_employment_rate", YEAR_2022),
    )
    grey = [t for t in fig.data if t.name == figures.UNRELIABLE_LABEL]
    assert len(grey) == 1
    assert "Orkney Islands" in list(grey[0].y)
    assert grey[0].marker.color == theme.MISSING_FILL and grey[0].marker.pattern.shape == "/"
    ranked_names = {n for t in fig.data if t.name != figures.UNRELIABLE_LABEL for n in t.y}
    assert "Orkney Islands" not in ranked_names


def test_unreliable_printed_values_stay_off_the_trend_line(catalogue: Catalogue) -> None:
    series = catalogue.series("youth_employment_rate", ORKNEY)
    fig = figures.trend_lines(series, catalogue.indicator("youth_employment_rate"))
    line = next(t for t in fig.data if t.mode == "lines+markers")
    by_label = dict(zip(line.text, line.y, strict=True))
    assert by_label["2022"] is None
    cautioned = next(t for t in fig.data if t.name.endswith(figures.UNRELIABLE_LABEL))
    assert dict(zip(cautioned.text, cautioned.y, strict=True))["2022"] == 100.0
    assert cautioned.marker.symbol == "circle-open"


def test_trend_lines_say_what_period_each_point_covers(catalogue: Catalogue) -> None:
    """The x axis carries the declared period words: the yearly claimant rate is an average of
    twelve months, the youth claimant rate a March count (kept visibly apart)."""
    yearly = catalogue.indicator("claimant_rate")
    march = catalogue.indicator("youth_claimant_rate")
    fig = figures.trend_lines(catalogue.series("claimant_rate", SCOTLAND_CODE), yearly)
    assert fig.layout.xaxis.title.text == (
        "Calendar-year average (the mean of the 12 monthly figures, January to December)"
    )
    fig = figures.trend_lines(catalogue.series("youth_claimant_rate", SCOTLAND_CODE), march)
    assert fig.layout.xaxis.title.text == "March snapshot (the count in March each year)"
    assert "March" in march.title and "yearly average" in yearly.title


def test_trend_lines_band_only_with_intervals(catalogue: Catalogue) -> None:
    with_ci = figures.trend_lines(
        catalogue.series("employment_rate", SCOTLAND_CODE),
        catalogue.indicator("employment_rate"),
    )
    bands = [trace for trace in with_ci.data if trace.fill == "toself"]
    assert len(bands) == 1
    assert bands[0].showlegend is False
    assert bands[0].hoverinfo == "skip"

    without_ci = figures.trend_lines(
        catalogue.series("claimant_rate", SCOTLAND_CODE), catalogue.indicator("claimant_rate")
    )
    assert len(without_ci.data) == 1
    assert without_ci.data[0].fill is None
    assert without_ci.data[0].name == "Scotland"


def test_trend_lines_one_colour_per_area(catalogue: Catalogue) -> None:
    frame = catalogue.observations("employment_rate", area_codes=[SCOTLAND_CODE, ORKNEY])
    indicator = catalogue.indicator("employment_rate")
    fig = figures.trend_lines(frame, indicator)
    lines = [trace for trace in fig.data if trace.mode == "lines+markers"]
    bands = [trace for trace in fig.data if trace.fill == "toself"]
    assert sorted(trace.name for trace in lines) == ["Orkney Islands", "Scotland"]
    assert len(bands) == 2
    assert len({trace.line.color for trace in lines}) == 2
    assert fig.layout.yaxis.title.text == "Employment rate (16 to 64) (%)"
    assert fig.layout.yaxis.rangemode == "tozero"
    assert figures.trend_lines(frame, indicator, from_zero=False).layout.yaxis.rangemode == (
        "normal"
    )


def test_diverging_scale_matches_polarity_in_map_colour_bar(
    catalogue: Catalogue, outlines: tuple[Outline, ...]
) -> None:
    fig = _map(catalogue, outlines, "claimant_rate", YEAR_2025)
    colour_bar = fig.data[32].marker
    expected = theme.diverging_scale(Polarity.LOWER_IS_BETTER)
    assert [list(step) for step in colour_bar.colorscale] == expected
    # Centred on Scotland's value.
    assert colour_bar.cmin + colour_bar.cmax == pytest.approx(2 * 3.0)
