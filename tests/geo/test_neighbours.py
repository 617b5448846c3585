"""Tests for border and nearest-area neighbours computed from the committed boundaries."""

from __future__ import annotations

import dataclasses

import pytest

from geo.council_areas import (
    SCOTLAND_CODE,
    UnknownAreaError,
    area_name,
    code_for_name,
    council_areas,
)
from geo.neighbours import Neighbour, bordering_areas, geographic_neighbours
from tests.areas import GLASGOW_BORDERS

ISLANDS = {"Orkney Islands", "Shetland Islands", "Na h-Eileanan Siar"}


def names(codes):
    return {area_name(code) for code in codes}


def test_glasgow_borders():
    assert names(bordering_areas(code_for_name("Glasgow City"))) == GLASGOW_BORDERS


def test_fife_borders_only_clackmannanshire_and_perth_and_kinross():
    # The Forth and the Tay are water, so Edinburgh, Falkirk and Dundee are not land neighbours.
    assert names(bordering_areas(code_for_name("Fife"))) == {
        "Clackmannanshire",
        "Perth and Kinross",
    }


def test_some_well_known_borders():
    assert names(bordering_areas(code_for_name("Aberdeen City"))) == {"Aberdeenshire"}
    assert names(bordering_areas(code_for_name("Dundee City"))) == {"Angus", "Perth and Kinross"}
    assert "Scottish Borders" in names(bordering_areas(code_for_name("Dumfries and Galloway")))
    assert "Highland" in names(bordering_areas(code_for_name("Argyll and Bute")))


def test_results_are_sorted_by_name():
    for area in council_areas():
        found = [area_name(code) for code in bordering_areas(area.code)]
        assert found == sorted(found)


def test_adjacency_is_symmetric_and_irreflexive():
    for area in council_areas():
        for other in bordering_areas(area.code):
            assert other != area.code
            assert area.code in bordering_areas(other)


def test_every_mainland_council_has_a_border_neighbour():
    for area in council_areas():
        if area.name in ISLANDS:
            assert bordering_areas(area.code) == ()
        else:
            neighbours = geographic_neighbours(area.code)
            assert neighbours, area.name
            assert all(n.relation == "border" for n in neighbours)
            assert tuple(n.code for n in neighbours) == bordering_areas(area.code)
            assert all(n.name == area_name(n.code) for n in neighbours)


@pytest.mark.parametrize(
    ("island", "expected"),
    [
        ("Orkney Islands", ("Highland", "Shetland Islands")),
        ("Shetland Islands", ("Orkney Islands", "Highland")),
        ("Na h-Eileanan Siar", ("Highland", "Argyll and Bute")),
    ],
)
def test_island_councils_get_their_two_nearest_areas(island, expected):
    neighbours = geographic_neighbours(code_for_name(island))
    assert tuple(n.name for n in neighbours) == expected
    assert all(n.relation == "nearest" for n in neighbours)


def test_old_codes_are_accepted():
    assert bordering_areas("S12000046") == bordering_areas("S12000049")
    assert geographic_neighbours("S12000015") == geographic_neighbours("S12000047")


@pytest.mark.parametrize("code", ["S12000099", "E06000001", SCOTLAND_CODE])
def test_anything_but_a_council_area_raises(code):
    with pytest.raises(UnknownAreaError):
        bordering_areas(code)
    with pytest.raises(UnknownAreaError):
        geographic_neighbours(code)


def test_neighbour_is_immutable():
    neighbour = Neighbour("S12000049", "Glasgow City", "border")
    with pytest.raises(dataclasses.FrozenInstanceError):
        neighbour.code = "S12000050"  # type: ignore[misc]
