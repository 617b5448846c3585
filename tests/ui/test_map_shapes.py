"""The SVG map's geometry and looks, from real snapshot rows: the same colours and words as the
Plotly figure the map's image downloads come from."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from data_sources.snapshot import load_snapshot
from geo.outlines import Outline, projected_outlines
from geo.tiles import tile_labels, tile_outlines
from indicators.catalogue import Catalogue
from indicators.ranking import rank_against_scotland
from metadata.registry import load_registry
from ui import figures, map_shapes, theme

YEAR_2022 = "2022-01-01/P1Y"
YEAR_2025 = "2025-01-01/P1Y"
ORKNEY, SHETLAND, GLASGOW = "S12000023", "S12000027", "S12000049"
STEP = re.compile(r"([Mml])(-?[\d.]+) (-?[\d.]+)")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


def _ranked(catalogue: Catalogue, indicator_id: str, period: str) -> tuple[pd.DataFrame, float]:
    frame, scotland = rank_against_scotland(catalogue, indicator_id, period)
    assert scotland is not None
    return frame, scotland


def _both(
    catalogue: Catalogue,
    indicator_id: str,
    period: str,
    outlines: tuple[Outline, ...],
    *,
    selected: str | None = None,
    labels: dict[str, str] | None = None,
) -> tuple[map_shapes.MapPicture, go.Figure]:
    frame, scotland = _ranked(catalogue, indicator_id, period)
    indicator = catalogue.indicator(indicator_id)
    options = {"scotland_value": scotland, "selected_code": selected, "tile_labels": labels}
    return (
        map_shapes.map_picture(frame, outlines, indicator, **options),
        figures.choropleth(frame, outlines, indicator, **options),
    )


def _points(path: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each ring of an SVG path written as M, then l steps, then z."""
    rings: list[list[tuple[float, float]]] = []
    for command, x, y in STEP.findall(path):
        if command == "M":
            rings.append([(float(x), float(y))])
        else:
            last_x, last_y = rings[-1][-1]
            rings[-1].append((last_x + float(x), last_y + float(y)))
    return rings


def test_one_path_per_council_area_in_a_view_box_fitted_to_the_outlines() -> None:
    outlines = projected_outlines()
    geometry = map_shapes.map_geometry(outlines)
    assert len(geometry.paths) == 32 == len(set(geometry.codes))
    assert geometry.codes == tuple(o.code for o in outlines)
    left, top, width, height = geometry.view_box
    xs = [v for o in outlines for v in o.xs if v is not None]
    ys = [v for o in outlines for v in o.ys if v is not None]
    assert width > max(xs) - min(xs) and height > max(ys) - min(ys)
    drawn = [point for path in geometry.paths for ring in _points(path) for point in ring]
    assert min(x for x, _ in drawn) == 0 and min(y for _, y in drawn) == 0
    assert left < 0 and top < 0  # a margin all round for the selected area's thick outline
    assert max(x for x, _ in drawn) < left + width and max(y for _, y in drawn) < top + height


def test_paths_follow_the_outlines_with_north_at_the_top() -> None:
    outlines = projected_outlines()
    geometry = map_shapes.map_geometry(outlines)
    top = max(v for o in outlines for v in o.ys if v is not None)
    left = min(v for o in outlines for v in o.xs if v is not None)
    shetland = next(i for i, o in enumerate(outlines) if o.code == SHETLAND)
    outline = outlines[shetland]
    first_ring = _points(geometry.paths[shetland])[0]
    assert first_ring[0] == (outline.xs[0] - left, top - outline.ys[0])
    ring_length = outline.xs.index(None)
    # The ring is closed by "z", not by repeating its first point.
    assert len(first_ring) == ring_length - 1
    for (x, y), ox, oy in zip(first_ring, outline.xs, outline.ys, strict=False):
        assert (x, y) == pytest.approx((ox - left, top - oy))
    # Shetland is the most northerly area: nearest the top of the SVG (y runs down).
    lowest_y = {code: min(y for r in _points(p) for _, y in r) for code, p in
                zip(geometry.codes, geometry.paths, strict=True)}  # fmt: skip
    assert min(lowest_y, key=lowest_y.__getitem__) == SHETLAND
    assert max(lowest_y, key=lowest_y.__getitem__) == "S12000006"  # Dumfries and Galloway


def test_the_geometry_token_is_stable_and_changes_with_the_outlines() -> None:
    first = map_shapes.map_geometry(projected_outlines())
    rebuilt = map_shapes.map_geometry.__wrapped__(projected_outlines())  # not from the cache
    assert rebuilt.token == first.token and rebuilt.paths == first.paths
    tiles = map_shapes.map_geometry(tile_outlines())
    assert tiles.token != first.token
    moved = tuple(
        Outline(o.code, o.name, o.xs, tuple(None if y is None else y + 1 for y in o.ys),
                o.label_x, o.label_y) if o.code == GLASGOW else o
        for o in projected_outlines()
    )  # fmt: skip
    assert map_shapes.map_geometry(moved).token != first.token


def test_tiles_are_squares_labelled_in_lines(catalogue: Catalogue) -> None:
    picture, figure = _both(
        catalogue, "claimant_rate", YEAR_2025, tile_outlines(), labels=tile_labels()
    )
    assert all(re.fullmatch(r"M[\d.]+ [\d.]+l0\.92 0l0 -0\.92l-0\.92 0z", p)
               for p in picture.geometry.paths)  # fmt: skip
    data = picture.as_data()
    labels = {area["code"]: area["label"] for area in data["areas"]}
    assert labels["S12000013"] == ["Eilean", "Siar"]  # "Eilean<br>Siar" in the layout file
    # The same words as the Plotly figure's tile labels, and the same label colours.
    plotly_labels = figure.data[-1]
    assert ["<br>".join(labels[c]) for c in plotly_labels.customdata] == list(plotly_labels.text)
    assert [a["labelColour"] for a in data["areas"]] == list(plotly_labels.textfont.color)


def test_texts_and_fills_are_the_plotly_figures(catalogue: Catalogue) -> None:
    for indicator_id, period in [
        ("youth_employment_rate", YEAR_2022),
        ("claimant_rate", YEAR_2025),
    ]:
        picture, figure = _both(catalogue, indicator_id, period, projected_outlines())
        filled = [trace for trace in figure.data if trace.fill == "toself"]
        assert [look.hover_text for look in picture.looks] == [t.text for t in filled]
        assert [look.fill for look in picture.looks] == [t.fillcolor for t in filled]
        assert list(figure.data[-1].hovertext) == [t.text for t in filled]
    orkney = next(look for look in picture.looks if look.code == ORKNEY)
    assert orkney.hover_text == "<b>Orkney Islands</b><br>1.6%<br>Rank 2= of 32 (1 = best)"
    assert orkney.spoken == "Orkney Islands, 1.6%, Rank 2= of 32 (1 = best)"
    area = next(a for a in picture.as_data()["areas"] if a["code"] == ORKNEY)
    assert (area["name"], area["details"]) == (
        "Orkney Islands",
        ["1.6%", "Rank 2= of 32 (1 = best)"],
    )


def test_missing_areas_are_hatched_grey_and_keyed(catalogue: Catalogue) -> None:
    picture, figure = _both(catalogue, "youth_employment_rate", YEAR_2022, projected_outlines())
    hatched = {look.code for look in picture.looks if look.hatched}
    assert hatched == {ORKNEY, SHETLAND}  # unreliable and suppressed
    for look in picture.looks:
        assert (look.fill == theme.MISSING_FILL) is look.hatched
    words = {look.code: look.spoken for look in picture.looks}
    assert "100.0% printed, treat with caution; not ranked" in words[ORKNEY]
    assert words[SHETLAND] == "Shetland Islands, No reliable estimate (suppressed)"
    plotly_hatched = {
        t.name for t in figure.data if t.fill == "toself" and t.fillpattern.shape == "/"
    }
    assert plotly_hatched == {map_shapes.MISSING_KEY}
    assert picture.key is not None and picture.key.missing_label == map_shapes.MISSING_KEY
    style = picture.as_data()["style"]
    assert (style["hatchBackground"], style["hatchLine"]) == (
        theme.MISSING_FILL,
        theme.MISSING_LINE,
    )

    complete, _ = _both(catalogue, "claimant_rate", YEAR_2025, projected_outlines())
    assert not any(look.hatched for look in complete.looks)
    assert complete.key is not None and complete.key.missing_label is None


def test_the_selected_area_alone_is_outlined(catalogue: Catalogue) -> None:
    picture, figure = _both(
        catalogue, "claimant_rate", YEAR_2025, projected_outlines(), selected=GLASGOW
    )
    assert [look.code for look in picture.looks if look.selected] == [GLASGOW]
    widths = {t.name: t.line.width for t in figure.data if t.fill == "toself"}
    assert widths["Glasgow City"] == map_shapes.SELECTED_OUTLINE["width"] == 3
    style = picture.as_data()["style"]
    assert (style["selectedLine"], style["selectedWidth"]) == (theme.TEXT, 3)
    unselected, _ = _both(catalogue, "claimant_rate", YEAR_2025, projected_outlines())
    assert not any(look.selected for look in unselected.looks)


def test_the_key_runs_from_the_lowest_to_the_highest_area_in_their_colours(
    catalogue: Catalogue,
) -> None:
    picture, figure = _both(catalogue, "claimant_rate", YEAR_2025, projected_outlines())
    key = picture.key
    assert key is not None
    # ONS claimant rate 2025: Shetland 1.2% lowest, Glasgow City 4.6% highest.
    assert (key.low_label, key.high_label) == ("1.2%", "4.6%")
    assert (
        key.title
        == "Claimant rate (yearly average) (%)"
        == figure.data[-1].marker.colorbar.title.text
    )
    fills = {look.code: look.fill for look in picture.looks}
    assert key.stops[0] == (0.0, fills[SHETLAND]) and key.stops[-1] == (1.0, fills[GLASGOW])
    # Lower is better here: the low end is the better (purple) end of the Plotly colour bar.
    assert figure.data[-1].marker.colorscale[0][1] == theme.BETTER


def test_the_key_for_a_count_shows_real_figures_only(catalogue: Catalogue) -> None:
    """Without a Scotland figure the scale centres on the median and its padded low end is
    below zero; the key's ends are the lowest and highest areas' published counts."""
    indicator = catalogue.indicator("youth_claimant_count")
    period = catalogue.periods("youth_claimant_count", geography="council_area")[-1].period
    frame, scotland = rank_against_scotland(catalogue, "youth_claimant_count", period)
    picture = map_shapes.map_picture(
        frame, projected_outlines(), indicator, scotland_value=scotland
    )
    values = frame["value"].dropna()
    assert picture.key is not None
    assert picture.key.low_label == f"{values.min():,.0f}"
    assert picture.key.high_label == f"{values.max():,.0f}"
    assert not picture.key.low_label.startswith("-")
