"""Tests for the council-area list, code remapping and name variants in geo.council_areas."""

from __future__ import annotations

import re

import pytest

from geo.council_areas import (
    OLD_TO_CURRENT_CODES,
    SCOTLAND_CODE,
    UnknownAreaError,
    area_name,
    code_for_name,
    council_areas,
    is_council_area,
    normalise_code,
)


def test_there_are_32_unique_current_codes():
    codes = [area.code for area in council_areas()]
    assert len(codes) == 32
    assert len(set(codes)) == 32
    assert all(re.fullmatch(r"S12\d{6}", code) for code in codes)
    assert all(is_council_area(code) for code in codes)
    assert not is_council_area(SCOTLAND_CODE)


def test_areas_are_in_name_order_with_unique_names():
    names = [area.name for area in council_areas()]
    assert names == sorted(names)
    assert len(set(names)) == 32


@pytest.mark.parametrize(
    ("old", "current", "name"),
    [
        ("S12000015", "S12000047", "Fife"),
        ("S12000024", "S12000048", "Perth and Kinross"),
        ("S12000046", "S12000049", "Glasgow City"),
        ("S12000044", "S12000050", "North Lanarkshire"),
    ],
)
def test_pre_2019_codes_map_to_current_ones(old, current, name):
    assert OLD_TO_CURRENT_CODES[old] == current
    assert normalise_code(old) == current
    assert area_name(old) == name
    assert old not in {area.code for area in council_areas()}


def test_codes_are_cleaned_and_scotland_is_accepted():
    assert normalise_code(" s12000049 ") == "S12000049"
    assert normalise_code(SCOTLAND_CODE) == SCOTLAND_CODE


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Eilean Siar", "S12000013"),
        ("Comhairle nan Eilean Siar", "S12000013"),
        ("Na h-Eileanan Siar", "S12000013"),
        ("Edinburgh City", "S12000036"),
        ("Edinburgh, City of", "S12000036"),
        ("City of Edinburgh", "S12000036"),
        ("Argyll & Bute", "S12000035"),
        ("Perth & Kinross", "S12000048"),
        ("Dumfries & Galloway", "S12000006"),
        ("  glasgow city ", "S12000049"),
        ("Scotland", SCOTLAND_CODE),
    ],
)
def test_name_variants_resolve(label, code):
    assert code_for_name(label) == code


def test_every_official_name_resolves_to_its_code():
    for area in council_areas():
        assert code_for_name(area.name) == area.code


def test_unknown_name_raises_with_the_official_names():
    with pytest.raises(UnknownAreaError) as caught:
        code_for_name("Strathclyde")
    message = str(caught.value)
    assert "'Strathclyde'" in message
    assert "Na h-Eileanan Siar" in message and "Glasgow City" in message


@pytest.mark.parametrize("code", ["S12000099", "E06000001", "S12000", "", "S13002672"])
def test_unknown_code_raises_with_the_expected_form(code):
    with pytest.raises(UnknownAreaError, match=r"S12xxxxxx"):
        normalise_code(code)
