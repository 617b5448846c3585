"""The spine chart's rows, from real snapshot rows: the light SVG on the page and the Plotly
figure behind its downloads show the same rows, markers and words."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from data_sources.snapshot import load_snapshot
from indicators.area_profile import ProfileRow, area_profile_rows, spine_rows
from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from indicators.significance import Judgement
from metadata.registry import Polarity, load_registry
from ui import theme
from ui.profile_figures import spine_chart
from ui.spine_shapes import FLIPPED, MARKERS, SpineRow, spine_shapes
from ui.spine_svg import MARKER_PATHS, percent, spine_markup

FIFE, GLASGOW, ORKNEY = "S12000047", "S12000049", "S12000023"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


def drawn_rows(catalogue: Catalogue, code: str) -> list[ProfileRow]:
    return spine_rows(area_profile_rows(catalogue, code, neighbour_group(code).members))


class Marks(HTMLParser):
    """The chart's markers (their words, place and paint) and legend words, as parsed."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str]] = []
        self.legend: list[str] = []
        self._in_mark = 0
        self._in_legend_words = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if found.get("class") == "mark":
            self.marks.append({"label": found["aria-label"], "tip": found["data-tip"]})
            self._in_mark = 1
        elif self._in_mark and tag == "svg":
            self.marks[-1]["x"] = found["x"]
        elif self._in_mark and tag == "path":
            self.marks[-1].update(d=found["d"], fill=found["fill"], stroke=found["stroke"])
        self._in_legend_words = tag == "span"

    def handle_endtag(self, tag: str) -> None:
        if tag == "g":
            self._in_mark = 0
        self._in_legend_words = False

    def handle_data(self, data: str) -> None:
        if self._in_legend_words:
            self.legend.append(data)


def parsed(markup: str) -> Marks:
    marks = Marks()
    marks.feed(markup)
    return marks


@pytest.mark.parametrize("code", [FIFE, GLASGOW, ORKNEY])
def test_the_rows_match_the_plotly_figure(catalogue: Catalogue, code: str) -> None:
    rows = drawn_rows(catalogue, code)
    shapes = spine_shapes(rows, "Fife")
    figure = spine_chart(rows, "Fife")
    assert len(shapes) == len(rows) > 5
    assert [s.label for s in shapes] == list(figure.data[0].y)
    ranges = figure.data[0]
    assert [s.range_low for s in shapes] == list(ranges.base)
    hovers = {
        label: hover
        for trace in figure.data[4:]
        for label, hover in zip(trace.y, trace.hovertext, strict=True)
    }
    assert {s.label: s.hover for s in shapes} == hovers


def test_rows_where_lower_is_better_are_flipped_so_better_is_right(catalogue: Catalogue) -> None:
    rows = drawn_rows(catalogue, GLASGOW)
    shapes = spine_shapes(rows, "Glasgow City")
    flipped = [r.indicator.polarity is Polarity.LOWER_IS_BETTER for r in rows]
    assert any(flipped) and not all(flipped)
    assert [s.flipped for s in shapes] == flipped
    for row, shape in zip(rows, shapes, strict=True):
        assert shape.label.endswith(f"({FLIPPED})</i>") == shape.flipped
        # Centred on Scotland, or on the median council area where Scotland has no figure.
        scotland, value = row.summary.scotland, row.summary.area.value
        centre = scotland if scotland is not None else row.national_median
        assert centre is not None and value is not None
        if value != centre:
            assert (shape.value > 0) == ((value > centre) != shape.flipped), shape.title
        assert (shape.scotland if scotland is not None else shape.median) == 0
        assert -1 <= shape.range_low <= shape.middle_low <= shape.middle_high <= shape.range_high
        assert (
            min(abs(shape.range_low), abs(shape.range_high))
            <= 1
            == max(abs(shape.range_low), abs(shape.range_high))
        )


@pytest.mark.parametrize("code", [FIFE, GLASGOW, ORKNEY])
def test_each_marker_has_its_judgements_colour_shape_and_hover_words(
    catalogue: Catalogue, code: str
) -> None:
    rows = drawn_rows(catalogue, code)
    shapes = spine_shapes(rows, "Fife")
    figure = spine_chart(rows, "Fife")
    marks = parsed(spine_markup(shapes, "Fife")).marks
    assert len(marks) == len(shapes)
    for shape, mark in zip(shapes, marks, strict=True):
        colour, symbol = MARKERS[shape.judgement]
        assert mark["d"] == MARKER_PATHS[symbol]
        assert (mark["stroke"] if symbol.endswith("-open") else mark["fill"]) == colour
        assert mark["x"] == percent(shape.value)
        assert mark["tip"].split("\n") == shape.hover_lines
        assert mark["label"] == ". ".join(shape.hover_lines)
        assert "<" not in mark["tip"]
    for trace in figure.data[4:]:
        judgement = next(j for j, (c, s) in MARKERS.items() if s == trace.marker.symbol)
        assert trace.marker.color == MARKERS[judgement][0]


def test_the_markers_differ_in_shape_not_only_colour() -> None:
    shapes = {symbol for _, symbol in MARKERS.values()}
    assert len(shapes) == len(Judgement)
    assert MARKERS[Judgement.BETTER][0] == theme.BETTER
    assert MARKERS[Judgement.WORSE][0] == theme.WORSE


def test_the_legend_says_what_the_plotly_legend_says(catalogue: Catalogue) -> None:
    rows = drawn_rows(catalogue, ORKNEY)
    shapes = spine_shapes(rows, "Orkney Islands")
    figure = spine_chart(rows, "Orkney Islands")
    assert parsed(spine_markup(shapes, "Orkney Islands")).legend == [
        trace.name for trace in figure.data
    ]


def test_every_word_is_escaped(catalogue: Catalogue) -> None:
    name = '<script>alert("x")</script> & Co'
    shapes = spine_shapes(drawn_rows(catalogue, FIFE), name)
    markup = spine_markup(shapes, name)
    assert "<script>" not in markup
    assert html.escape(name) in markup
    marks = parsed(markup)
    assert all(m["tip"].startswith(name) for m in marks.marks)
    assert any(words.startswith(name) for words in marks.legend)


def test_the_chart_has_a_path_for_the_bench_to_wait_for(catalogue: Catalogue) -> None:
    shapes: list[SpineRow] = spine_shapes(drawn_rows(catalogue, FIFE), "Fife")
    assert re.search(r"<svg[^>]*>.*<path ", spine_markup(shapes, "Fife"))
