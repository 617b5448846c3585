"""Numbers are shown with the unit and decimals the registry declares for their indicator."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators.units import (
    NUMBER_FORMATS,
    axis_title,
    format_change,
    format_difference,
    format_value,
    shared_format,
    with_number_formats,
)
from metadata.registry import Indicator, Unit, load_registry


@pytest.fixture(scope="module")
def percent() -> Indicator:
    indicator = load_registry().indicator("claimant_rate")
    assert (indicator.unit, indicator.decimals) == (Unit.PERCENT, 1)
    return indicator


@pytest.fixture(scope="module")
def points() -> Indicator:
    indicator = load_registry().indicator("disability_employment_gap")
    assert (indicator.unit, indicator.decimals) == (Unit.PERCENTAGE_POINTS, 1)
    return indicator


@pytest.fixture(scope="module")
def count() -> Indicator:
    indicator = load_registry().indicator("youth_claimant_count")
    assert (indicator.unit, indicator.decimals) == (Unit.COUNT, 0)
    return indicator


def test_format_value_percent(percent: Indicator) -> None:
    assert format_value(3.4, percent) == "3.4%"
    assert format_value(3.0, percent) == "3.0%"
    assert format_value(3.44, percent) == "3.4%"
    assert format_value(74.96, percent) == "75.0%"
    assert format_value(0.0, percent) == "0.0%"
    assert format_value(3.4, percent, with_unit=False) == "3.4"


def test_format_value_percentage_points(points: Indicator) -> None:
    assert format_value(31.9, points) == "31.9 pp"
    assert format_value(31.9, points, with_unit=False) == "31.9"


def test_format_value_count(count: Indicator) -> None:
    assert format_value(1234.6, count) == "1,235"
    assert format_value(40665.0, count) == "40,665"
    assert format_value(5.0, count) == "5"
    assert format_value(1234.6, count, with_unit=False) == "1,235"


@pytest.mark.parametrize("missing", [None, math.nan, float("nan"), np.float64("nan")])
def test_format_value_missing_is_an_en_dash(
    missing: float | None, percent: Indicator, points: Indicator, count: Indicator
) -> None:
    for indicator in (percent, points, count):
        assert format_value(missing, indicator) == "–"
        assert format_value(missing, indicator, with_unit=False) == "–"


def test_decimals_come_from_the_registry(percent: Indicator, count: Indicator) -> None:
    two_decimals = percent.model_copy(update={"decimals": 2})
    no_decimals = percent.model_copy(update={"decimals": 0})
    assert format_value(3.456, two_decimals) == "3.46%"
    assert format_value(3.456, percent) == "3.5%"
    assert format_value(3.456, no_decimals) == "3%"
    assert format_value(1234.5678, count.model_copy(update={"decimals": 1})) == "1,234.6"
    assert format_change(0.256, two_decimals) == "+0.26 pp"
    assert format_difference(-0.256, two_decimals) == "0.26 percentage points"


def test_format_change_signs(percent: Indicator, points: Indicator) -> None:
    assert format_change(0.3, percent) == "+0.3 pp"
    assert format_change(-2.0, percent) == "-2.0 pp"
    assert format_change(0.0, percent) == "±0.0 pp"
    # A change in a percentage-point measure is in percentage points too.
    assert format_change(0.7, points) == "+0.7 pp"
    # The difference of two stored values, as the headline computes it.
    assert format_change(3.0 - 3.1, percent) == "-0.1 pp"
    assert format_change(31.9 - 31.2, points) == "+0.7 pp"


def test_format_change_count(count: Indicator) -> None:
    assert format_change(18430.0, count) == "+18,430"
    assert format_change(-1235.0, count) == "-1,235"
    assert format_change(0.0, count) == "±0"


@pytest.mark.parametrize("missing", [None, math.nan])
def test_format_change_missing(missing: float | None, percent: Indicator) -> None:
    assert format_change(missing, percent) == "–"


def test_format_difference_is_unsigned(
    percent: Indicator, points: Indicator, count: Indicator
) -> None:
    assert format_difference(-0.1, percent) == "0.1 percentage points"
    assert format_difference(0.1, percent) == "0.1 percentage points"
    assert format_difference(0.7, points) == "0.7 percentage points"
    assert format_difference(-18430.0, count) == "18,430 people"
    assert format_difference(18430.0, count) == "18,430 people"


def test_axis_title(percent: Indicator, points: Indicator, count: Indicator) -> None:
    assert axis_title(percent) == "Claimant rate (yearly average) (%)"
    assert axis_title(points) == "Disability employment gap (percentage points)"
    assert axis_title(count) == "Claimants aged 16 to 24 (people)"


def test_every_registered_indicator_formats_with_its_unit() -> None:
    suffix = {Unit.PERCENT: "%", Unit.PERCENTAGE_POINTS: " pp", Unit.COUNT: ""}
    for indicator in load_registry().indicators.values():
        text = format_value(12.0, indicator)
        number = "12" if indicator.decimals == 0 else "12." + "0" * indicator.decimals
        assert text == number + suffix[indicator.unit], indicator.id


def test_a_table_of_several_measures_rounds_each_row_to_its_decimals(
    percent: Indicator, count: Indicator
) -> None:
    """A column shared by a rate and a count is shown in the plain local format, so each row is
    rounded to its own indicator's decimals (7.871 would otherwise show beside 4.6)."""
    table = pd.DataFrame({"Value": [7.871, 3435.0, None], "Scotland": [7.173, None, 3.04]})
    shown = with_number_formats(
        table,
        dict.fromkeys(("Value", "Scotland"), shared_format([percent, count])),
        row_indicators=[percent, count, percent],
    )
    assert shown.attrs[NUMBER_FORMATS] == {"Value": "localized", "Scotland": "localized"}
    assert list(shown["Value"][:2]) == [7.9, 3435.0] and math.isnan(shown["Value"][2])
    assert list(shown["Scotland"][[0, 2]]) == [7.2, 3.0] and math.isnan(shown["Scotland"][1])
    assert shown["Value"].dtype == float
