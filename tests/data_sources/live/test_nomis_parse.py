"""NOMIS parsing on literal responses: codelists by label, statuses, APS intervals, release dates.

Rows are taken from tests/fixtures/live (real values, NOMIS layout); where a test needs a
status or measure the fixtures do not hold, the change is made on one real row and named.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from data_sources.live.http import LiveSourceError
from data_sources.live.nomis import _aps_record, _gap_record, release_date
from data_sources.live.nomis_parse import (
    Code,
    GeographyType,
    council_area_type,
    find_code,
    geography_types,
    observation,
    parse_codelist,
    read_page,
)
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
    assert len(codes) == 17  # as NM_162_1's recorded age codelist has
    assert [(c.value, c.label) for c in codes[:3]] == [
        ("0", "All categories: Age 16+"),
        ("1", "Age unknown (clerical claims)"),
        ("2", "Aged 16-24"),
    ]
    band = find_code("s", codes, "age", r"Aged? 16\s*(-|–|to)\s*24")
    assert band is not None and band.value == "2"
    older = find_code("s", codes, "age", r"Aged? 18\s*(-|–|to)\s*24")
    assert older is not None and older.value == "11"
    assert find_code("s", codes, "age", r"Aged 16-18", required=False) is None
    with pytest.raises(LiveSourceError, match="no code labelled like 'Aged 16-18'"):
        find_code("s", codes, "age", r"Aged 16-18")
    with pytest.raises(LiveSourceError, match="several codes matching"):
        find_code("s", codes, "age", r"Aged .*")


def test_a_codelist_given_as_one_object_and_its_release_annotations_are_read() -> None:
    # The TIME codelist as some responses give it: the one codelist as an object, not a list.
    body = (FIXTURES / "nomis_claimant_time.json").read_bytes()
    codes = parse_codelist("s", body, "time")
    assert (codes[0].value, codes[0].label) == ("1986-01", "January 1986")
    assert codes[-1].annotations["CurrentRevisionReleased"] == "2022-04-12 07:00:00"
    assert codes[-1].annotations["CurrentRevisionVersion"] == "0"  # a number in the JSON
    assert release_date(codes, "2022-03", date(2026, 11, 22)) == ("2022-04-12", [])


def test_the_current_council_area_type_is_the_newest_one_listed() -> None:
    body = (FIXTURES / "nomis_claimant_geography.json").read_bytes()
    types = geography_types("s", parse_codelist("s", body, "geography/2092957701"))
    assert [t.code for t in types] == ["464", "424", "480"]
    assert council_area_type("s", types) == GeographyType(
        "424", "local authorities: district / unitary (as of April 2023)"
    )
    # Read from the code value and label when the annotations are absent (a made-up newer type).
    bare = [Code("2092957701TYPE999", "local authorities: district / unitary (as of May 2025)", {})]
    newest = council_area_type("s", [*types, *geography_types("s", bare)])
    assert newest.code == "999"
    with pytest.raises(LiveSourceError, match="offers no 'local authorities: district / unitary"):
        council_area_type("s", [t for t in types if t.code != "424"])


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
    # Orkney's economic inactivity, 2020: a small-sample estimate keeps its value.
    small = observation("s", aps_row("111", "20599", "S12000023", "2020-12"), "x")
    assert (small.value, small.status) == (13.1, Status.UNRELIABLE)
    assert small.detail == (
        "NOMIS: Estimate and confidence interval unreliable since the group sample size is "
        "small (3-9)"
    )
    # Shetland's youth employment, 2021: withheld (sample of 0 to 2), so no value.
    withheld = observation("s", aps_row("1207", "20599", "S12000027", "2021-12"), "x")
    assert (withheld.value, withheld.status) == (None, Status.SUPPRESSED)
    # "Estimate is less than 500" (a count too small to publish reliably), on one real count.
    small_count = {**normal, "OBS_VALUE": "475", "OBS_STATUS_NAME": "Estimate is less than 500"}
    assert observation("s", small_count, "x").status is Status.UNRELIABLE
    provisional = {**normal, "OBS_STATUS": "P", "OBS_STATUS_NAME": "Provisional"}
    assert observation("s", provisional, "x").status is Status.PROVISIONAL
    contradiction = {**normal, "OBS_STATUS_NAME": "These figures are missing."}
    with pytest.raises(LiveSourceError, match="says the figure is withheld"):
        observation("s", contradiction, "x")
    marker = {**missing, "OBS_VALUE": "-"}
    assert observation("s", marker, "x").detail == "NOMIS: These figures are missing. (value '-')"
    for name in ("Something new", "Disclosive"):  # never guessed from a keyword
        unknown = {**missing, "OBS_STATUS": "Z", "OBS_STATUS_NAME": name}
        with pytest.raises(LiveSourceError, match="OBS_STATUS 'Z'"):
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
    # The same rate with its confidence row missing: kept, but marked unreliable.
    unreliable = _aps_record(
        "employment_rate", "S92000003", calendar_year(2019), "nomis_aps",
        rate, missing, missing, missing,
    )  # fmt: skip
    assert unreliable.value == 74.8 and unreliable.status is Status.UNRELIABLE
    assert unreliable.lower_95 is None and unreliable.upper_95 is None
    assert unreliable.status_detail == (
        "Rate 74.8 published without its 95% interval (NOMIS: These figures are missing.)."
    )
    # An estimate NOMIS marks unreliable, with its interval cell under the same words.
    small = observation("s", aps_row("111", "20599", "S12000023", "2020-12"), "rate")
    small_ci = observation("s", aps_row("111", "21003", "S12000023", "2020-12"), "ci")
    orkney = _aps_record(
        "economic_inactivity_rate", "S12000023", calendar_year(2020), "nomis_aps",
        small, small_ci, missing, missing,
    )  # fmt: skip
    assert (orkney.value, orkney.status, orkney.status_detail) == (
        13.1,
        Status.UNRELIABLE,
        small.detail,
    )


def test_the_nomis_disability_gap_is_non_disabled_minus_disabled_with_both_intervals() -> None:
    # The arithmetic only, on two real APS rates with their intervals (Scotland 2019: the
    # employment rate 74.8 ± 0.6 and the economic inactivity rate 22.5 ± 0.6), standing in for
    # the two disability employment rates NOMIS may offer.
    first = _aps_record(
        "x:not_disabled", "S92000003", calendar_year(2019), "nomis_aps",
        observation("s", aps_row("45", "20599"), "r"),
        observation("s", aps_row("45", "21003"), "c"),
        observation("s", aps_row("45", "21001"), "n"),
        observation("s", aps_row("45", "21001"), "d"),
    )  # fmt: skip
    second = _aps_record(
        "x:disabled", "S92000003", calendar_year(2019), "nomis_aps",
        observation("s", aps_row("111", "20599"), "r"),
        observation("s", aps_row("111", "21003"), "c"),
        observation("s", aps_row("111", "21001"), "n"),
        observation("s", aps_row("111", "21001"), "d"),
    )  # fmt: skip
    gap = _gap_record(first, second)
    assert gap.indicator_id == "disability_employment_gap_nomis"
    assert gap.value == pytest.approx(52.3)
    assert gap.upper_95 is not None and gap.lower_95 is not None
    assert (gap.upper_95 - gap.lower_95) / 2 == pytest.approx((0.6**2 + 0.6**2) ** 0.5)
    withheld = replace(second, value=None, status=Status.SUPPRESSED, status_detail="NOMIS: x")
    missing_gap = _gap_record(first, withheld)
    assert (missing_gap.value, missing_gap.status) == (None, Status.SUPPRESSED)
    assert missing_gap.status_detail == "The disabled employment rate is missing: NOMIS: x"


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
    assert count == 7722 and len(page) == 100
    with pytest.raises(LiveSourceError, match="RECORD_COUNT changed from 1000 to 7722"):
        read_page("s", page_bytes(100, 200), columns, offset=100, record_count=1000, page_size=100)
    with pytest.raises(LiveSourceError, match="page at offset 0 has 99 rows, expected 100"):
        read_page("s", page_bytes(0, 99), columns, offset=0, record_count=None, page_size=100)
    with pytest.raises(LiveSourceError, match="header but no rows"):
        read_page("s", page_bytes(0, 0), columns, offset=0, record_count=None, page_size=100)
    with pytest.raises(LiveSourceError, match="empty"):
        read_page("s", b"", columns, offset=0, record_count=None, page_size=100)


def restarted(body: bytes) -> bytes:
    """The same page with RECORD_OFFSET counted from 0 on this page."""
    lines = body.decode().splitlines()
    rows = [
        f"{line.rsplit(',', 2)[0]},{i},{line.rsplit(',', 2)[2]}" for i, line in enumerate(lines[1:])
    ]
    return ("\n".join([lines[0], *rows]) + "\n").encode()


def test_record_offsets_may_run_on_from_the_first_page_or_restart_on_each() -> None:
    columns = ("GENDER", "AGE", "MEASURE")
    whole, _ = read_page(
        "s", page_bytes(100, 200), columns, offset=100, record_count=7722, page_size=100
    )
    again, _ = read_page(
        "s", restarted(page_bytes(100, 200)), columns, offset=100, record_count=7722, page_size=100
    )
    assert [r["OBS_VALUE"] for r in again] == [r["OBS_VALUE"] for r in whole]
    # Either way a gap or a repeat inside the page is refused.
    lines = restarted(page_bytes(100, 201)).decode().splitlines()
    del lines[5]
    with pytest.raises(LiveSourceError, match="RECORD_OFFSET 5 where 4 was expected"):
        read_page(
            "s", ("\n".join(lines) + "\n").encode(), columns,
            offset=100, record_count=7722, page_size=100,
        )  # fmt: skip


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
    assert values[("2", "1")] == "1735"
    assert values[("0", "2")] == "6.2"
    # All ages, March 2021: LGBF's "Claimant Count 2020-21" (new bnch data.xlsx, Raw Data).
    assert values[("0", "1")] == "9675"
