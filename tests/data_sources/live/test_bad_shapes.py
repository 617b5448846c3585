"""Answers of the wrong shape stop their source with its name, never with a traceback.

Valid JSON with lists or numbers where objects belong, and CSV fields past the csv module's
128 KB limit, used to escape as AttributeError and _csv.Error (issue 11, item 8).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from data_sources.live.http import HttpClient, LiveSourceError
from data_sources.live.nomis_parse import parse_codelist, read_page
from data_sources.live.ons_boundaries import features_to_topology, fetch_boundaries
from data_sources.live.settings import Settings
from data_sources.live.statistics_gov_scot import SOURCE_ID as SGS_SOURCE
from data_sources.live.statistics_gov_scot import fetch_unemployment_model_based
from tests.data_sources.live.conftest import ARCGIS, FakeServices

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "live"
GIANT = "x" * (200 * 1024)


def codelist(code: object) -> bytes:
    return json.dumps({"structure": {"codelists": {"codelist": [{"code": code}]}}}).encode()


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (codelist(["0", 1]), "has a code that is not a JSON object"),
        (codelist([["0", "Total"]]), "has a code that is not a JSON object"),
        (codelist({"value": "0"}), "has a code without value or label"),
        (
            json.dumps({"structure": {"codelists": {"codelist": [["0", "Total"]]}}}).encode(),
            "holds a codelist that is not a JSON object",
        ),
    ],
    ids=["strings and numbers", "lists", "an object for the list", "codelist not an object"],
)
def test_codelist_entries_that_are_not_objects_are_refused(body: bytes, problem: str) -> None:
    with pytest.raises(LiveSourceError, match=f"^nomis_aps: the age codelist {problem}"):
        parse_codelist("nomis_aps", body, "age")


def test_annotations_of_the_wrong_shape_are_ignored_not_fatal() -> None:
    body = codelist(
        [
            {"value": 0, "description": {"value": "Total"}, "annotations": ["x"]},
            {"value": 1, "description": {"value": "Male"}, "annotations": {"annotation": "x"}},
        ]
    )
    codes = parse_codelist("s", body, "gender")
    assert [(c.value, c.label, c.annotations) for c in codes] == [
        ("0", "Total", {}),
        ("1", "Male", {}),
    ]


@pytest.mark.parametrize(
    "feature",
    [
        "S12000033",
        7,
        None,
        {"properties": ["LAD24CD", "S12000033"], "geometry": {"type": "Polygon"}},
        {"properties": {"LAD24CD": "S12000033"}, "geometry": [[0, 0]]},
    ],
    ids=["string", "number", "null", "properties a list", "geometry a list"],
)
def test_arcgis_features_that_are_not_objects_are_refused(feature: object) -> None:
    with pytest.raises(ValueError, match="is not a JSON object"):
        features_to_topology([feature], "LAD24CD", "LAD24NM")  # type: ignore[list-item]


def test_arcgis_features_that_are_not_objects_name_the_source(
    services: FakeServices, settings: Settings
) -> None:
    services.files["arcgis.geojson"] = json.dumps(
        {"type": "FeatureCollection", "features": [["S12000033"]], "properties": [1]}
    )
    with (
        HttpClient(settings) as client,
        pytest.raises(LiveSourceError, match="^ons_boundaries: .*is not a JSON object"),
    ):
        fetch_boundaries(client, settings, today=date(2026, 11, 22))
    assert services.calls(ARCGIS)


def test_a_nomis_field_over_the_csv_limit_is_refused() -> None:
    header = (FIXTURES / "nomis_claimant.csv").read_text(encoding="utf-8").splitlines()[0]
    body = f'{header}\n"{GIANT}"\n'.encode()
    with pytest.raises(
        LiveSourceError, match=r"^s: page at offset 0, cannot be read as CSV .*field limit"
    ):
        read_page(
            "s", body, ("GENDER", "AGE", "MEASURE"), offset=0, record_count=None, page_size=10
        )


def test_a_sparql_field_over_the_csv_limit_is_refused(
    services: FakeServices, settings: Settings
) -> None:
    header = services.files["sgs_unemployment.csv"].splitlines()[0]
    services.files["sgs_unemployment.csv"] = f'{header}\r\n"{GIANT}",x,1\r\n'
    with (
        HttpClient(settings) as client,
        pytest.raises(LiveSourceError, match=f"^{SGS_SOURCE}: .*field larger than field limit"),
    ):
        fetch_unemployment_model_based(client, settings, today=date(2026, 11, 22))
