"""Comparator groups: who each council area is compared with, on the committed real snapshot."""

from __future__ import annotations

from geo.council_areas import SCOTLAND_CODE
from geo.partnerships import partnership_members
from indicators.catalogue import Catalogue
from indicators.comparator_groups import (
    COMPARATOR_KINDS,
    comparator_group,
    custom_group,
    neighbour_group,
    parse_comparator,
    partnership_group,
    possessive,
)
from tests.areas import (
    FIFE,
    GLASGOW,
    GLASGOW_BORDERS,
    HIGHLAND,
    ORKNEY,
    SHETLAND,
)


def test_glasgow_neighbours_are_the_six_bordering_areas() -> None:
    group = neighbour_group(GLASGOW)
    assert set(group.member_names) == GLASGOW_BORDERS
    assert len(group.members) == 6
    assert "share a land border" in group.description
    assert all(name in group.description for name in GLASGOW_BORDERS)


def test_orkney_has_two_nearest_areas_not_border_neighbours() -> None:
    group = neighbour_group(ORKNEY)
    assert set(group.members) == {HIGHLAND, SHETLAND}
    assert group.short_label == "nearest areas"
    assert "no land border" in group.description and "2 nearest" in group.description


def test_old_code_gives_the_same_group() -> None:
    assert neighbour_group("S12000046").members == neighbour_group(GLASGOW).members


def test_fife_partnership_peers_are_the_union_of_both_partnerships() -> None:
    group = partnership_group(FIFE)
    edinburgh = set(partnership_members("Edinburgh and South East Scotland City Region"))
    tay = set(partnership_members("Tay Cities Region"))
    assert set(group.members) == (edinburgh | tay) - {FIFE}
    assert len(group.members) == 8 and FIFE not in group.members
    assert "Edinburgh and South East Scotland City Region" in group.description
    assert "Tay Cities Region" in group.description
    assert "two Regional Economic Partnerships" in group.description


def test_glasgow_partnership_is_the_other_seven_members() -> None:
    group = partnership_group(GLASGOW)
    assert set(group.member_names) == GLASGOW_BORDERS | {"Inverclyde"}
    assert "Glasgow City Region" in group.description


def test_custom_group_drops_scotland_the_area_repeats_and_unknown_codes() -> None:
    group = custom_group(GLASGOW, [SCOTLAND_CODE, GLASGOW, "S12000036", "S12000036", "XYZ"])
    assert group.members == ("S12000036",)
    assert "City of Edinburgh" in group.description
    assert custom_group(GLASGOW, []).members == ()
    # Old codes are mapped to current ones.
    assert custom_group(ORKNEY, ["S12000015"]).members == (FIFE,)


def test_every_comparator_kind_builds(catalogue: Catalogue) -> None:
    for kind in COMPARATOR_KINDS:
        group = comparator_group(catalogue, kind, GLASGOW, ["S12000036"])
        assert GLASGOW not in group.members
        assert group.description
    assert len(comparator_group(catalogue, "scotland", GLASGOW).members) == 31


def test_parse_comparator() -> None:
    assert parse_comparator("partnership") == ("partnership", ())
    assert parse_comparator(None) == (None, ())
    kind, messages = parse_comparator("rivals")
    assert kind is None and len(messages) == 1
    assert "not one of those offered" in messages[0] and "rivals" not in messages[0]


def test_possessive() -> None:
    assert possessive("Glasgow City") == "Glasgow City's"
    assert possessive("Orkney Islands") == "Orkney Islands'"
