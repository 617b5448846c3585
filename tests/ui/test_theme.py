"""Colours meet WCAG 2.2 AA on white, and the diverging scale follows the indicator's polarity."""

from __future__ import annotations

import pytest

from metadata.registry import Polarity
from ui import theme

WHITE = "#ffffff"
TEXT_ON_WHITE = ["TEXT", "MUTED_TEXT", "BETTER", "WORSE", "NEUTRAL", "ACCENT"]


@pytest.mark.parametrize("name", TEXT_ON_WHITE)
def test_text_colours_meet_aa_on_white(name: str) -> None:
    colour = getattr(theme, name)
    assert theme.contrast_ratio(colour, WHITE) >= 4.5, (name, colour)


def test_chart_lines_are_visible_on_white() -> None:
    # Non-text graphics need 3:1 (WCAG 1.4.11): the Scotland line, area borders of the map.
    assert theme.contrast_ratio(theme.SCOTLAND_LINE, WHITE) >= 3
    assert theme.contrast_ratio(theme.MISSING_LINE, WHITE) >= 3


def test_contrast_ratio_extremes() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == 21
    assert theme.contrast_ratio("#ffffff", "#000000") == 21
    assert theme.contrast_ratio("#777777", "#777777") == 1


def test_contrast_ratio_known_values() -> None:
    # #767676 is the classic lightest grey that passes AA on white (4.54:1).
    assert theme.contrast_ratio("#767676", WHITE) == pytest.approx(4.54, abs=0.005)
    assert theme.contrast_ratio("#777777", WHITE) < 4.5
    # Channel order matters: pure green is far brighter than pure blue.
    assert theme.contrast_ratio("#00ff00", "#000000") == pytest.approx(15.3, abs=0.05)
    assert theme.contrast_ratio("#0000ff", "#000000") == pytest.approx(2.44, abs=0.005)


def test_contrast_ratio_is_symmetric() -> None:
    for name in TEXT_ON_WHITE:
        colour = getattr(theme, name)
        assert theme.contrast_ratio(colour, WHITE) == theme.contrast_ratio(WHITE, colour)


def test_diverging_scale_reverses_with_polarity() -> None:
    higher = theme.diverging_scale(Polarity.HIGHER_IS_BETTER)
    lower = theme.diverging_scale(Polarity.LOWER_IS_BETTER)
    assert [step[0] for step in higher] == [step[0] for step in lower]
    assert higher[0][0] == 0 and higher[-1][0] == 1
    assert [step[1] for step in lower] == [step[1] for step in higher][::-1]
    assert [step[1] for step in higher] == theme.WORSE_TO_BETTER
    # High values are coloured "better" only when higher is better.
    assert (higher[0][1], higher[-1][1]) == (theme.WORSE, theme.BETTER)
    assert (lower[0][1], lower[-1][1]) == (theme.BETTER, theme.WORSE)
    # The middle of the scale (Scotland's value) is neutral in both.
    assert higher[3][1] == lower[3][1] == "#f7f7f7"


def test_diverging_scale_positions_increase() -> None:
    positions = [step[0] for step in theme.diverging_scale(Polarity.LOWER_IS_BETTER)]
    assert positions == sorted(positions)
    assert len(set(positions)) == len(positions)


def test_better_and_worse_differ_in_lightness_as_well_as_hue() -> None:
    # So the two ends stay apart in greyscale and for colour-vision deficiencies.
    assert theme.contrast_ratio(theme.BETTER, theme.WORSE) > 2


def test_series_colours_are_distinct() -> None:
    assert len(set(theme.SERIES)) == len(theme.SERIES)
