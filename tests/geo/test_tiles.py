"""The equal-area tile layout covers the 32 council areas once each, without overlaps."""

from __future__ import annotations

import pytest

from geo.council_areas import council_areas
from geo.tiles import tile_labels, tile_outlines


def test_every_council_has_exactly_one_tile() -> None:
    outlines = tile_outlines()
    assert sorted(o.code for o in outlines) == sorted(a.code for a in council_areas())
    assert len({(o.label_x, o.label_y) for o in outlines}) == 32


def test_tiles_are_equal_squares() -> None:
    for outline in tile_outlines():
        xs = [x for x in outline.xs if x is not None]
        ys = [y for y in outline.ys if y is not None]
        assert max(xs) - min(xs) == pytest.approx(max(ys) - min(ys))
        assert max(xs) - min(xs) > 0.8


def test_layout_is_roughly_geographic() -> None:
    by_name = {o.name: o for o in tile_outlines()}
    assert by_name["Shetland Islands"].label_y > by_name["Highland"].label_y
    assert by_name["Dumfries and Galloway"].label_y < by_name["Glasgow City"].label_y
    assert by_name["City of Edinburgh"].label_x > by_name["Glasgow City"].label_x


def test_short_labels_exist_for_every_tile() -> None:
    labels = tile_labels()
    assert len(labels) == 32 and all(label.strip() for label in labels.values())
