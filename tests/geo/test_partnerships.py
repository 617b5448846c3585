"""Tests for Regional Economic Partnership membership read from geo/reference."""

from __future__ import annotations

import csv

import pytest

from geo.council_areas import SCOTLAND_CODE, UnknownAreaError, code_for_name, council_areas
from geo.partnerships import (
    PARTNERSHIP_SOURCE,
    PARTNERSHIPS_PATH,
    UnknownPartnershipError,
    partnership_members,
    partnerships,
    partnerships_for,
)

ALL_CODES = {area.code for area in council_areas()}
OFFICIAL = {area.code: area.name for area in council_areas()}


def test_eight_partnerships_cover_every_council():
    found = partnerships()
    assert len(found) == 8
    assert set().union(*found.values()) == ALL_CODES
    assert all(set(codes) <= ALL_CODES for codes in found.values())


def test_fife_and_scottish_borders_are_in_two_partnerships():
    assert partnerships_for(code_for_name("Fife")) == (
        "Edinburgh and South East Scotland City Region",
        "Tay Cities Region",
    )
    assert partnerships_for(code_for_name("Scottish Borders")) == (
        "Edinburgh and South East Scotland City Region",
        "South of Scotland",
    )
    others = ALL_CODES - {code_for_name("Fife"), code_for_name("Scottish Borders")}
    assert all(len(partnerships_for(code)) == 1 for code in others)


def test_members_of_known_partnerships():
    assert {OFFICIAL[c] for c in partnership_members("Glasgow City Region")} == {
        "East Dunbartonshire",
        "East Renfrewshire",
        "Glasgow City",
        "Inverclyde",
        "North Lanarkshire",
        "Renfrewshire",
        "South Lanarkshire",
        "West Dunbartonshire",
    }
    assert {OFFICIAL[c] for c in partnership_members("Tay Cities Region")} == {
        "Angus",
        "Dundee City",
        "Fife",
        "Perth and Kinross",
    }


def test_old_codes_are_accepted():
    assert partnerships_for("S12000015") == partnerships_for("S12000047")


def test_unknown_partnership_lists_the_real_ones():
    with pytest.raises(UnknownPartnershipError, match="Glasgow City Region") as caught:
        partnership_members("Strathclyde")
    assert "'Strathclyde'" in str(caught.value)


@pytest.mark.parametrize("code", ["S12000099", SCOTLAND_CODE])
def test_anything_but_a_council_area_raises(code):
    with pytest.raises(UnknownAreaError):
        partnerships_for(code)


def test_callers_cannot_change_the_shared_table():
    partnerships().clear()
    assert len(partnerships()) == 8


def test_committed_file_is_validated_and_sorted():
    with PARTNERSHIPS_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = [(row["partnership"], row["area_code"]) for row in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert all(OFFICIAL[row["area_code"]] == row["area_name"] for row in rows)


def test_source_is_citable():
    assert PARTNERSHIP_SOURCE["publisher"] == "Scottish Government"
    assert PARTNERSHIP_SOURCE["url"].startswith("https://www.gov.scot/")
    assert PARTNERSHIP_SOURCE["title"]
