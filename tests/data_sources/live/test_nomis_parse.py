"""NOMIS parsing on literal responses: codelists by label, statuses, APS intervals, release dates.

Rows are taken from tests/fixtures/live (real values, NOMIS layout); where a test needs a
status or measure the fixtures do not hold, the change is made on one real row and named.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from data_sources.live.http import LiveSourceError
from data_sources.live.nomis import _aps_record, release_date
from data_sources.live.nomis_parse import Code, find_code, observation, parse_codelist, read_page
from data_sources.live.settings import Settings
from data_sources.periods import calendar_year
from data_sources.schema import Status

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "live"


def rows(name: str) -> list[dict[str, str]]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def aps_row(variable: str, measure: str, area: str = "S92000003", when: str = "2019-12") -> dict:
    return next(
        r
        for r in rows("nomis_aps.csv")
        if (r["VARIABLE"], r["MEASURES"], r["GEOGRAPHY_CODE"], r["DATE"])
        == (variable, measure, area, when)
    )


def test_codelists_are_read_and_searched_by_label() -> None:
    codes = parse_codelist("s", (FIXTURES / "nomis_claimant_age.json").read_bytes(), "age")
    assert [(c.value, c.label) for c in codes] == [
        ("0", "All categories: Age 16+"),
        ("1", "Aged 16-24"),
        ("2", "Aged 18-24"),
        ("3", "Aged 25-49"),
    ]
    band = find_code("s", codes, "age", r"Aged? 16\s*(-|–|to)\s*24")
    assert band is not None and band.value == "1"
    assert find_code("s", codes, "age", r"Aged 16-19", required=False) is None
    with pytest.raises(LiveSourceError, match="no code labelled like 'Aged 16-19'"):
        find_code("s", codes, "age", r"Aged 16-19")
    with pytest.raises(LiveSourceError, match="several codes matching"):
        find_code("s", codes, "age", r"Aged .*")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"<!DOCTYPE html><html></html>", "came back as HTML"),
        (b"{not json", "is not valid JSON"),
        (b'{"structure": {}}', "has no structure.codelists.codelist"),
        (b'{"structure": {"codelists": {"codelist": [{"code": []}]}}}', "is empty"),
    ],
)
def test_a_broken_codelist_is_refused(body: bytes, problem: str) -> None:
    with pytest.raises(LiveSourceError, match=problem):
        parse_codelist("nomis_aps", body, "variable")


def test_the_release_date_comes_from_the_date_codelist_when_nomis_gives_one() -> None:
    # The annotation as NOMIS states it for the claimant count of July 2026 (public code).
    codes = [Code("2026-07", "July 2026", {"CurrentRevisionReleased": "2026-08-18 07:00:00"})]
    assert release_date(codes, "2026-07", date(2026, 11, 22)) == ("2026-08-18", [])
    day, notes = release_date([Code("2026-07", "July 2026", {})], "2026-07", date(2026, 11, 22))
    assert day == "2026-11-22" and "retrieval date stands in" in notes[0]


def test_statuses_follow_obs_status_name() -> None:
    normal = aps_row("45", "20599")
    assert observation("s", normal, "x").value == 74.8
    assert observation("s", normal, "x").status is Status.OK
    missing = aps_row("45", "21001")
    parsed = observation("s", missing, "x")
    assert (parsed.value, parsed.status, parsed.detail) == (
        None,
        Status.SUPPRESSED,
        "NOMIS: These figures are missing.",
    )
    provisional = {**normal, "OBS_STATUS": "P", "OBS_STATUS_NAME": "Provisional"}
    assert observation("s", provisional, "x").status is Status.PROVISIONAL
    contradiction = {**normal, "OBS_STATUS_NAME": "These figures are missing."}
    with pytest.raises(LiveSourceError, match="not a status this refresh knows"):
        observation("s", contradiction, "x")
    marker = {**missing, "OBS_VALUE": "!", "OBS_STATUS_NAME": "Disclosive"}
    assert observation("s", marker, "x").detail == "NOMIS: Disclosive (value '!')"
    unknown = {**missing, "OBS_STATUS": "Z", "OBS_STATUS_NAME": "Something new"}
    with pytest.raises(LiveSourceError, match="unknown OBS_STATUS 'Z'"):
        observation("s", unknown, "x")


def test_an_aps_rate_is_stored_with_its_interval_and_without_one_is_unreliable() -> None:
    rate = observation("s", aps_row("45", "20599"), "rate")  # Scotland 2019: 74.8
    confidence = observation("s", aps_row("45", "21003"), "confidence")  # ± 0.6
    missing = observation("s", aps_row("45", "21001"), "numerator")
    record = _aps_record(
        "employment_rate", "S92000003", calendar_year(2019), "nomis_aps",
        rate, confidence, missing, missing,
    )  # fmt: skip
    assert (record.value, record.lower_95, record.upper_95) == (74.8, 74.2, 75.4)
    assert record.status is Status.OK and record.note is None
    # The same rate with its confidence row missing (as NOMIS gives for small samples).
    unreliable = _aps_record(
        "employment_rate", "S92000003", calendar_year(2019), "nomis_aps",
        rate, missing, missing, missing,
    )  # fmt: skip
    # The printed rate is kept, marked unreliable and without an interval (never compared).
    assert unreliable.value == 74.8 and unreliable.status is Status.UNRELIABLE
    assert unreliable.lower_95 is None and unreliable.upper_95 is None
    assert unreliable.status_detail == (
        "Rate 74.8 published without its 95% interval (NOMIS: These figures are missing.)."
    )


def test_numerators_and_denominators_are_kept_in_the_note() -> None:
    rate = observation("s", aps_row("45", "20599"), "rate")
    confidence = observation("s", aps_row("45", "21003"), "confidence")
    # The fixtures hold no APS numerators. To show the wording, a real count and its base stand
    # in: Aberdeen City's 1,735 claimants aged 16-24 and 26,343 residents aged 16-24 (March
    # 2021, raw ECON12 extract row 353).
    count = observation("s", {**aps_row("45", "20599"), "OBS_VALUE": "1735"}, "n")
    base = observation("s", {**aps_row("45", "20599"), "OBS_VALUE": "26343"}, "d")
    record = _aps_record(
        "employment_rate", "S92000003", calendar_year(2019), "nomis_aps",
        rate, confidence, count, base,
    )  # fmt: skip
    assert record.note == "APS numerator 1,735; denominator 26,343."


def page_bytes(first: int, last: int) -> bytes:
    text = (FIXTURES / "nomis_claimant.csv").read_text(encoding="utf-8").splitlines()
    return ("\n".join([text[0], *text[1 + first : 1 + last]]) + "\n").encode()


def test_pages_must_hold_exactly_the_rows_asked_for() -> None:
    columns = ("GENDER", "AGE", "MEASURE")
    page, count = read_page(
        "s", page_bytes(0, 100), columns, offset=0, record_count=None, page_size=100
    )
    assert count == 1188 and len(page) == 100
    with pytest.raises(LiveSourceError, match="RECORD_COUNT changed from 1000 to 1188"):
        read_page("s", page_bytes(100, 200), columns, offset=100, record_count=1000, page_size=100)
    with pytest.raises(LiveSourceError, match="page at offset 0 has 99 rows, expected 100"):
        read_page("s", page_bytes(0, 99), columns, offset=0, record_count=None, page_size=100)
    with pytest.raises(LiveSourceError, match="header but no rows"):
        read_page("s", page_bytes(0, 0), columns, offset=0, record_count=None, page_size=100)
    with pytest.raises(LiveSourceError, match="empty"):
        read_page("s", b"", columns, offset=0, record_count=None, page_size=100)


def test_the_claimant_codelists_in_the_fixtures_match_the_data() -> None:
    # Guards the fixtures themselves: every code the data uses is in its codelist.
    for dimension, column in (("age", "AGE"), ("gender", "GENDER")):
        document = json.loads((FIXTURES / f"nomis_claimant_{dimension}.json").read_text())
        listed = {
            str(c["value"]) for c in document["structure"]["codelists"]["codelist"][0]["code"]
        }
        assert {r[column] for r in rows("nomis_claimant.csv")} <= listed
    assert Settings().claimant_first_month == "2013-01"


def test_fixture_values_are_the_real_ones() -> None:
    # Aberdeen City, March 2021: 1,735 claimants aged 16-24 and 6.2% of residents aged 16-64
    # (raw/claimant_count/mairiskye_LGBF_data/Econ12_claimant_data.csv, row 353).
    aberdeen = [
        r
        for r in rows("nomis_claimant.csv")
        if r["GEOGRAPHY_CODE"] == "S12000033" and r["DATE"] == "2021-03" and r["GENDER"] == "0"
    ]
    values = {(r["AGE"], r["MEASURE"]): r["OBS_VALUE"] for r in aberdeen}
    assert values[("1", "1")] == "1735"
    assert values[("0", "2")] == "6.2"
