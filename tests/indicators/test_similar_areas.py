"""Similar areas: the statistical nearest neighbours, on the committed real snapshot."""

from __future__ import annotations

from geo.council_areas import SCOTLAND_CODE, council_areas
from indicators.catalogue import Catalogue
from indicators.similar_areas import METHOD_NOTE, SIMILARITY_INDICATORS, similar_areas
from tests.areas import GLASGOW, ORKNEY


def test_similar_areas_are_five_distinct_councils_and_deterministic(catalogue: Catalogue) -> None:
    for area in council_areas():
        similar = similar_areas(catalogue, area.code)
        codes = [s.code for s in similar]
        assert len(codes) == 5 and len(set(codes)) == 5
        assert area.code not in codes and SCOTLAND_CODE not in codes
        distances = [s.distance for s in similar]
        assert distances == sorted(distances)
    assert similar_areas(catalogue, GLASGOW) == similar_areas(catalogue, GLASGOW)
    # Glasgow's labour market is most like the other large cities and the former industrial areas.
    assert [s.name for s in similar_areas(catalogue, GLASGOW)] == [
        "Dundee City",
        "Aberdeen City",
        "North Ayrshire",
        "Inverclyde",
        "Fife",
    ]


def test_similarity_skips_a_missing_measure_and_scales_by_the_count(catalogue: Catalogue) -> None:
    # Orkney's 2022 economic inactivity estimate is unreliable (withheld), so four measures count.
    assert {s.measures_used for s in similar_areas(catalogue, ORKNEY)} == {4}
    assert {s.measures_used for s in similar_areas(catalogue, GLASGOW)} == {5}
    for s in similar_areas(catalogue, ORKNEY):
        assert s.distance >= 0


def test_method_note_documents_the_measures() -> None:
    assert len(SIMILARITY_INDICATORS) == 5
    for words in ("claimant rate", "employment rate", "inactivity", "unemployment", "youth"):
        assert words in METHOD_NOTE
    assert "z-score" in METHOD_NOTE and "Euclidean" in METHOD_NOTE
