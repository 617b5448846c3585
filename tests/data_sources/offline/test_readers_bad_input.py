"""Readers given small files in the real formats, then broken copies of them (no raw data needed).

Every fixture is cut from a real raw file (tests/fixtures/FIXTURES.md says which rows). Each
valid fixture is first read successfully, so every broken variant is known to fail for the one
reason it introduces: the reader must stop with a SourceFormatError whose message names the
file, never a bare KeyError or a quietly shorter result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data_sources.offline.readers import (
    Record,
    SourceFormatError,
    read_apm_headlines,
    read_apm_status_shares,
    read_lgbf,
    read_march_claimant_extract,
    read_ons_local_statistics,
    read_published_figures,
    read_scotpho_participation,
    read_sg_sub_scotland,
    read_year_value_series,
)
from data_sources.schema import Status
from geo.council_areas import (
    OLD_TO_CURRENT_CODES,
    SCOTLAND_CODE,
    Area,
    UnknownAreaError,
    code_for_name,
    council_areas,
    normalise_code,
)

ALL_CODES = frozenset({SCOTLAND_CODE, *(area.code for area in council_areas())})
COUNCIL_CODES = ALL_CODES - {SCOTLAND_CODE}
ORKNEY = "S12000023"

Reader = Callable[[Path], list[Record]]
Mutation = Callable[[str], str]


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace `old`, which must occur exactly `count` times (so a fixture edit cannot miss)."""
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times, not {count}"
    return text.replace(old, new)


def drop_line(text: str, start: str) -> str:
    """Remove the one line that starts with `start`."""
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"expected exactly one line starting {start!r}"
    return "".join(kept)


def write_text(directory: Path, name: str, text: str, newline: str = "\n") -> Path:
    path = directory / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def expect_format_error(read: Reader, path: Path, *fragments: str) -> None:
    with pytest.raises(SourceFormatError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: "), message
    for fragment in fragments:
        assert fragment in message, message


def one(records: list[Record], indicator_id: str, area_code: str, label: str) -> Record:
    found = [
        r
        for r in records
        if (r.indicator_id, r.area_code, r.period.label) == (indicator_id, area_code, label)
    ]
    assert len(found) == 1, (indicator_id, area_code, label, found)
    return found[0]


def cases(table: dict[str, tuple[Mutation, tuple[str, ...]]]) -> list[object]:
    return [pytest.param(mutate, fragments, id=name) for name, (mutate, fragments) in table.items()]


# --- ONS Explore local statistics CSV (UTF-8 with BOM) --------------------------------------

ONS_FILE = "modelled-unemployment.csv"
ONS_TEXT = """\ufeffareacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
E06000001,Hartlepool,County or Unitary Authority,Modelled unemployment rate,2017-01-01/P1Y,10.1,Percentage,%,8.3,11.9,,
S92000003,Scotland,Nation,Modelled unemployment rate,2017-01-01/P1Y,4.1,Percentage,%,3.8,4.4,,
S12000033,Aberdeen City,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.2,Percentage,%,3.1,5.3,,
S12000034,Aberdeenshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,2.9,Percentage,%,2.1,3.7,,
S12000041,Angus,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.2,Percentage,%,3.2,5.2,,
S12000035,Argyll and Bute,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,2.9,Percentage,%,2.1,3.7,,
S12000036,City of Edinburgh,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.2,Percentage,%,2.3,4.1,,
S12000005,Clackmannanshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.7,Percentage,%,3.4,6,,
S12000006,Dumfries and Galloway,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,2.8,Percentage,%,2,3.6,,
S12000042,Dundee City,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.9,Percentage,%,3.7,6.1,,
S12000008,East Ayrshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,5.7,Percentage,%,4.3,7.1,,
S12000045,East Dunbartonshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.4,Percentage,%,2.5,4.3,,
S12000010,East Lothian,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.2,Percentage,%,3.1,5.3,,
S12000011,East Renfrewshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3,Percentage,%,2.1,3.9,,
S12000014,Falkirk,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.3,Percentage,%,3.2,5.4,,
S12000047,Fife,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4,Percentage,%,2.9,5.1,,
S12000049,Glasgow City,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,5.6,Percentage,%,4.3,6.9,,
S12000017,Highland,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.4,Percentage,%,2.5,4.3,,
S12000018,Inverclyde,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,5.6,Percentage,%,4.2,7,,
S12000019,Midlothian,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.2,Percentage,%,2.3,4.1,,
S12000020,Moray,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.8,Percentage,%,2.8,4.8,,
S12000013,Na h-Eileanan Siar,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3,Percentage,%,2,4,,
S12000021,North Ayrshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,6.5,Percentage,%,5,8,,
S12000050,North Lanarkshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.6,Percentage,%,3.4,5.8,,
S12000023,Orkney Islands,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,2.1,Percentage,%,1.2,3,,
S12000048,Perth and Kinross,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,2.9,Percentage,%,2.1,3.7,,
S12000038,Renfrewshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.3,Percentage,%,3.2,5.4,,
S12000026,Scottish Borders,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.4,Percentage,%,2.5,4.3,,
S12000027,Shetland Islands,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,2.2,Percentage,%,1.2,3.2,,
S12000028,South Ayrshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.3,Percentage,%,3.2,5.4,,
S12000029,South Lanarkshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.9,Percentage,%,2.9,4.9,,
S12000030,Stirling,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.8,Percentage,%,2.8,4.8,,
S12000039,West Dunbartonshire,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,4.8,Percentage,%,3.6,6,,
S12000040,West Lothian,Local Authority District,Modelled unemployment rate,2017-01-01/P1Y,3.4,Percentage,%,2.5,4.3,,
"""  # noqa: E501


def read_ons(path: Path) -> list[Record]:
    return read_ons_local_statistics(
        path, {"Modelled unemployment rate": "unemployment_rate"}, "ons_modelled_unemployment"
    )


def test_ons_fixture_reads_with_its_byte_order_mark(tmp_path: Path) -> None:
    records = read_ons(write_text(tmp_path, ONS_FILE, ONS_TEXT))
    # Without utf-8-sig the first column would be '\ufeffareacd' and the read would fail.
    assert len(records) == 33
    assert {r.area_code for r in records} == ALL_CODES  # Hartlepool (E06000001) is dropped
    scotland = one(records, "unemployment_rate", SCOTLAND_CODE, "2017")
    assert (scotland.value, scotland.lower_95, scotland.upper_95) == (4.1, 3.8, 4.4)
    assert scotland.period.iso == "2017-01-01/P1Y"
    assert {r.status for r in records} == {Status.OK}


ONS_BROKEN = {
    "missing column": (
        lambda t: edit(t, ",lci_95,uci_95,", ",lower,uci_95,"),
        ("missing columns ['lci_95']",),
    ),
    "missing area": (
        lambda t: drop_line(t, f"{ORKNEY},"),
        ("Modelled unemployment rate: expected 33 areas", f"missing ['{ORKNEY}']"),
    ),
    "unknown area": (
        lambda t: edit(t, f"{ORKNEY},Orkney Islands", "S12000099,Orkney Islands"),
        ("'S12000099' is not the code of a Scottish council area",),
    ),
    "unexpected period": (
        lambda t: edit(
            t,
            "S92000003,Scotland,Nation,Modelled unemployment rate,2017-01-01/P1Y",
            "S92000003,Scotland,Nation,Modelled unemployment rate,2017-04-01/P1Y",
        ),  # noqa: E501
        ("unexpected period '2017-04-01/P1Y'",),
    ),
}


@pytest.mark.parametrize(("mutate", "fragments"), cases(ONS_BROKEN))
def test_ons_broken_file_is_rejected(
    tmp_path: Path, mutate: Mutation, fragments: tuple[str, ...]
) -> None:
    expect_format_error(read_ons, write_text(tmp_path, ONS_FILE, mutate(ONS_TEXT)), *fragments)


# --- NOMIS March claimant-count extract written for LGBF ECON12 (CSV) -----------------------

MARCH_FILE = "Econ12_claimant_data.csv"
MARCH_TEXT = """"","Year","Council","ClaimantsAsPropOf16_65Pop","ClaimantCountAged16_24AtMarch","Population16_24","Proportion16_24AreClaimants"
"353","2020/21","Aberdeen City",6.2,1735,26343,6.6
"354","2020/21","Aberdeenshire",4.1,1330,22420,5.9
"355","2020/21","Angus",5.5,775,10612,7.3
"356","2020/21","Argyll and Bute",5.7,495,8121,6.1
"357","2020/21","Clackmannanshire",6.5,460,4965,9.3
"358","2020/21","Dumfries and Galloway",5.4,870,12791,6.8
"359","2020/21","Dundee City",7,1495,20568,7.3
"360","2020/21","East Ayrshire",7.5,1165,11548,10.1
"361","2020/21","East Dunbartonshire",4,490,10112,4.8
"362","2020/21","East Lothian",5.3,705,9559,7.4
"363","2020/21","East Renfrewshire",3.7,425,9583,4.4
"364","2020/21","City of Edinburgh",5,2925,64473,4.5
"365","2020/21","Na h-Eileanan Siar",5,120,2087,5.7
"366","2020/21","Falkirk",5.9,1255,15413,8.1
"367","2020/21","Fife",6.4,3065,39787,7.7
"368","2020/21","Glasgow City",8.1,6210,78893,7.9
"369","2020/21","Highland",5.4,1485,20937,7.1
"370","2020/21","Inverclyde",6.3,570,7420,7.7
"371","2020/21","Midlothian",5.4,680,8494,8
"372","2020/21","Moray",5.1,660,9019,7.3
"373","2020/21","North Ayrshire",8.3,1390,13130,10.6
"374","2020/21","North Lanarkshire",6.6,2900,35816,8.1
"375","2020/21","Orkney Islands",2.9,95,1793,5.3
"376","2020/21","Perth and Kinross",4.6,860,13644,6.3
"377","2020/21","Renfrewshire",6.3,1385,17820,7.8
"378","2020/21","Scottish Borders",5.4,780,10030,7.8
"379","2020/21","Shetland Islands",3.2,105,2068,5.1
"380","2020/21","South Ayrshire",7,965,10118,9.5
"381","2020/21","South Lanarkshire",6.3,2390,30514,7.8
"382","2020/21","Stirling",4.5,590,12156,4.9
"383","2020/21","West Dunbartonshire",8.1,875,8540,10.2
"384","2020/21","West Lothian",5.5,1435,18108,7.9
"""  # noqa: E501


def read_march(path: Path) -> list[Record]:
    return read_march_claimant_extract(path, "nomis_claimant_count_march")


def test_march_extract_fixture_reads(tmp_path: Path) -> None:
    records = read_march(write_text(tmp_path, MARCH_FILE, MARCH_TEXT))
    assert len(records) == 2 * 32  # the 16-24 count and the all-age rate (NOMIS's own)
    assert one(records, "claimant_rate_march", "S12000049", "March 2021").value is not None
    assert {r.area_code for r in records} == COUNCIL_CODES
    assert {(r.period.iso, r.period.label) for r in records} == {("2021-03-01/P1M", "March 2021")}
    assert one(records, "youth_claimant_count", "S12000049", "March 2021").value == 6210
    assert one(records, "youth_claimant_count", "S12000013", "March 2021").value == 120


MARCH_BROKEN = {
    "missing column": (
        lambda t: edit(t, '"ClaimantCountAged16_24AtMarch"', '"ClaimantCount16_24"'),
        ("missing columns ['ClaimantCountAged16_24AtMarch']",),
    ),
    "missing area": (
        lambda t: drop_line(t, '"375","2020/21","Orkney Islands"'),
        ("2020/21: expected 32 areas", f"missing ['{ORKNEY}']"),
    ),
    "unknown area": (
        lambda t: edit(t, '"Orkney Islands"', '"Orkney Isles"'),
        ("'Orkney Isles' is not a recognised Scottish council area name",),
    ),
    "unexpected period": (
        lambda t: edit(t, '"2020/21"', '"2020-21"', count=32),
        ("unexpected year '2020-21'",),
    ),
}


@pytest.mark.parametrize(("mutate", "fragments"), cases(MARCH_BROKEN))
def test_march_extract_broken_file_is_rejected(
    tmp_path: Path, mutate: Mutation, fragments: tuple[str, ...]
) -> None:
    path = write_text(tmp_path, MARCH_FILE, mutate(MARCH_TEXT))
    expect_format_error(read_march, path, *fragments)


# --- Wellbeing Economy Monitor Year,Value series (CSV, CRLF) ---------------------------------

GAP_FILE = "dempgap_eq.csv"
GAP_TEXT = """Year,Value
2014,37.9
2015,38.4
2016,37.4
2017,35.9
2018,35.5
2019,32.6
2020,33.4
"""


def read_gap(path: Path) -> list[Record]:
    return read_year_value_series(path, "disability_employment_gap", "sg_wellbeing_economy_monitor")


def test_year_value_fixture_reads(tmp_path: Path) -> None:
    records = read_gap(write_text(tmp_path, GAP_FILE, GAP_TEXT, newline="\r\n"))
    assert [(r.period.label, r.value) for r in records] == [
        ("2014", 37.9),
        ("2015", 38.4),
        ("2016", 37.4),
        ("2017", 35.9),
        ("2018", 35.5),
        ("2019", 32.6),
        ("2020", 33.4),
    ]
    assert {r.area_code for r in records} == {SCOTLAND_CODE}


GAP_BROKEN = {
    "missing column": (
        lambda t: edit(t, "Year,Value", "Year,Gap"),
        ("missing columns ['Value']",),
    ),
    "duplicated year": (
        lambda t: edit(t, "2019,32.6\n", "2019,32.6\n2019,32.7\n"),
        ("duplicated years",),
    ),
    "unexpected period": (
        lambda t: edit(t, "2016,37.4", "2016-17,37.4"),
        ("'2016-17'",),
    ),
}


@pytest.mark.parametrize(("mutate", "fragments"), cases(GAP_BROKEN))
def test_year_value_broken_file_is_rejected(
    tmp_path: Path, mutate: Mutation, fragments: tuple[str, ...]
) -> None:
    path = write_text(tmp_path, GAP_FILE, mutate(GAP_TEXT), newline="\r\n")
    expect_format_error(read_gap, path, *fragments)


# --- Curated published figures (CSV, one citation per row) ----------------------------------

PUBLISHED_FILE = "published_figures.csv"
PUBLISHED_TEXT = """indicator,area_code,period,value,unit,vintage,source_title,source_url,note
disability_employment_gap,S92000003,2016,37.4,percentage_points,2018,A Fairer Scotland for Disabled People: Employment Action Plan,https://www.gov.scot/publications/fairer-scotland-disabled-people-employment-action-plan/pages/3/,baseline year of the 2038 target
disabled_employment_rate,S92000003,2016,42.8,percent,2018,A Fairer Scotland for Disabled People: Employment Action Plan,https://www.gov.scot/publications/fairer-scotland-disabled-people-employment-action-plan/pages/3/,
non_disabled_employment_rate,S92000003,2016,80.2,percent,2018,A Fairer Scotland for Disabled People: Employment Action Plan,https://www.gov.scot/publications/fairer-scotland-disabled-people-employment-action-plan/pages/3/,
youth_unemployment_rate_excl_ft_students,S92000003,2019,8.1,percent,2023,Young Person's Guarantee: update report March 2023,https://gov.scot/publications/young-persons-guarantee-update-report-march-2023/pages/9,"16-24, excluding those in full-time education, APS Jan-Dec; the YPG overarching KPI's pre-COVID level"
"""  # noqa: E501


def read_published(path: Path) -> list[Record]:
    return read_published_figures(path, "sg_published_figures")


def test_published_figures_fixture_reads(tmp_path: Path) -> None:
    records = read_published(write_text(tmp_path, PUBLISHED_FILE, PUBLISHED_TEXT))
    assert len(records) == 4
    gap = one(records, "disability_employment_gap", SCOTLAND_CODE, "2016")
    assert gap.value == 37.4
    assert gap.note == (
        "Published in A Fairer Scotland for Disabled People: Employment Action Plan (2018): "
        "https://www.gov.scot/publications/fairer-scotland-disabled-people-employment-action-plan"
        "/pages/3/. baseline year of the 2038 target"
    )
    rate = one(records, "disabled_employment_rate", SCOTLAND_CODE, "2016")
    assert rate.value == 42.8
    assert rate.note is not None and rate.note.endswith("employment-action-plan/pages/3/")


PUBLISHED_BROKEN = {
    "missing column": (
        lambda t: edit(t, ",source_url,", ",url,"),
        ("missing columns ['source_url']",),
    ),
    "unknown area": (
        lambda t: edit(
            t, "\ndisabled_employment_rate,S92000003,", "\ndisabled_employment_rate,S92000004,"
        ),  # noqa: E501
        ("'S92000004' is not the code of a Scottish council area or of Scotland",),
    ),
    "unexpected period": (
        lambda t: edit(
            t,
            "disability_employment_gap,S92000003,2016,",
            "disability_employment_gap,S92000003,2016-17,",
        ),  # noqa: E501
        ("'2016-17'",),
    ),
}


@pytest.mark.parametrize(("mutate", "fragments"), cases(PUBLISHED_BROKEN))
def test_published_figures_broken_file_is_rejected(
    tmp_path: Path, mutate: Mutation, fragments: tuple[str, ...]
) -> None:
    path = write_text(tmp_path, PUBLISHED_FILE, mutate(PUBLISHED_TEXT))
    expect_format_error(read_published, path, *fragments)


# --- ScotPHO profiles download (CSV, latest year per indicator) -----------------------------

SCOTPHO_FILE = "scotpho_data.csv"
SCOTPHO_TEXT = """"area_code","area_type","area_name","year","period","type_definition","indicator","numerator","measure","upper_confidence_interval","lower_confidence_interval"
"S12000008","Council area","East Ayrshire",2016,"4-year aggregate (2014 - 2017)","Percentage","Alcohol problem drinking, males",NA,25.3,31.6,19.8
"S12000005","Council area","Clackmannanshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",1791,91.6,92.8,90.3
"S12000006","Council area","Dumfries & Galloway",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",5830,94.9,95.4,94.3
"S12000008","Council area","East Ayrshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",4767,94,94.6,93.3
"S12000010","Council area","East Lothian",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",4316,96.1,96.7,95.5
"S12000011","Council area","East Renfrewshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",5096,97.7,98.1,97.3
"S12000013","Council area","Na h-Eileanan Siar",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",1048,97.6,98.3,96.5
"S12000014","Council area","Falkirk",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",6303,93.1,93.6,92.4
"S12000017","Council area","Highland",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",9290,94.9,95.3,94.4
"S12000018","Council area","Inverclyde",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",2947,94,94.8,93.1
"S12000019","Council area","Midlothian",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",3717,95.4,96,94.7
"S12000020","Council area","Moray",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",3492,95.4,96.1,94.7
"S12000021","Council area","North Ayrshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",5511,93.9,94.4,93.2
"S12000023","Council area","Orkney Islands",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",864,96.4,97.5,95
"S12000026","Council area","Scottish Borders",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",4516,95.6,96.2,95
"S12000027","Council area","Shetland Islands",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",1011,97.4,98.2,96.2
"S12000028","Council area","South Ayrshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",4367,96.6,97.1,96
"S12000029","Council area","South Lanarkshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",13275,95,95.4,94.6
"S12000030","Council area","Stirling",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",4070,95.6,96.2,95
"S12000033","Council area","Aberdeen City",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",6383,92.8,93.4,92.1
"S12000034","Council area","Aberdeenshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",10469,95.3,95.7,94.9
"S12000035","Council area","Argyll & Bute",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",3016,95.6,96.2,94.8
"S12000036","Council area","City of Edinburgh",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",13478,95,95.3,94.6
"S12000038","Council area","Renfrewshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",7053,94.7,95.2,94.2
"S12000039","Council area","West Dunbartonshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",3698,93,93.8,92.2
"S12000040","Council area","West Lothian",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",8070,94.8,95.3,94.3
"S12000041","Council area","Angus",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",4437,93.1,93.8,92.4
"S12000042","Council area","Dundee City",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",5219,91.2,91.9,90.4
"S12000045","Council area","East Dunbartonshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",5099,97.5,97.9,97
"S12000047","Council area","Fife",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",14398,92.9,93.3,92.5
"S12000048","Council area","Perth & Kinross",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",5263,94.7,95.3,94.1
"S12000049","Council area","Glasgow City",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",19664,92.5,92.8,92.1
"S12000050","Council area","North Lanarkshire",2023,"2023 calendar year","Percentage","Annual participation (in education, training or employment) measure for 16 – 19 year olds",14679,92.8,93.2,92.4
"""  # noqa: E501


def read_scotpho(path: Path) -> list[Record]:
    return read_scotpho_participation(path, "scotpho_profiles")


def test_scotpho_fixture_reads(tmp_path: Path) -> None:
    records = read_scotpho(write_text(tmp_path, SCOTPHO_FILE, SCOTPHO_TEXT))
    assert len(records) == 32  # the alcohol row is not the participation measure
    assert {r.area_code for r in records} == COUNCIL_CODES
    glasgow = one(records, "participation_16_19", "S12000049", "2023 (Apr 2022 to Mar 2023)")
    assert (glasgow.value, glasgow.lower_95, glasgow.upper_95) == (92.5, 92.1, 92.8)
    assert glasgow.period.iso == "2022-04-01/P1Y"


SCOTPHO_ORKNEY = '"S12000023","Council area","Orkney Islands",2023,'
SCOTPHO_BROKEN = {
    # The reader uses the upper bound, so it must be a required column (it once was not,
    # and a file without it failed with an AttributeError naming no file).
    "missing column": (
        lambda t: edit(t, '"upper_confidence_interval"', '"upper_ci"'),
        ("missing columns ['upper_confidence_interval']",),
    ),
    "missing area": (
        lambda t: drop_line(t, SCOTPHO_ORKNEY),
        ("participation measure: expected 32 areas", f"missing ['{ORKNEY}']"),
    ),
    "unknown area": (
        lambda t: edit(t, SCOTPHO_ORKNEY, '"S12000099","Council area","Orkney Islands",2023,'),
        ("'S12000099' is not the code of a Scottish council area",),
    ),
    "unexpected period": (
        lambda t: edit(t, '"Glasgow City",2023,', '"Glasgow City","2022/23",'),
        ("'2022/23'",),
    ),
}


@pytest.mark.parametrize(("mutate", "fragments"), cases(SCOTPHO_BROKEN))
def test_scotpho_broken_file_is_rejected(
    tmp_path: Path, mutate: Mutation, fragments: tuple[str, ...]
) -> None:
    path = write_text(tmp_path, SCOTPHO_FILE, mutate(SCOTPHO_TEXT))
    expect_format_error(read_scotpho, path, *fragments)


# --- SDS APM headlines (page-excerpt markdown; only the collector's derived line is used) ----

APM_FILE = "scotland_apm_and_claimant_page_excerpts.md"
APM_SUMMARY = (
    "2016 90.4 (= 91.8 - 1.4), 2017 91.1 (= 91.8 - 0.7), 2018 91.8, 2019 91.6, 2020 92.1, "
    "2021 92.2."
)
APM_TEXT = f"""# Scotland-level Annual Participation Measure and claimant count

## A. Annual Participation Measure (16-19 year olds), Skills Development Scotland (SDS)

(The quoted release passages are left out of this fixture.)

Derived from A1-A3 (Scotland, % of 16-19 year olds participating):
{APM_SUMMARY}
(Council-area APM for 2023 is in ../scotpho/humaniverse_healthindexscotland/scotpho_data.csv.)
"""


def read_apm(path: Path) -> list[Record]:
    return read_apm_headlines(path, "sds_annual_participation_measure")


def test_apm_headline_fixture_reads(tmp_path: Path) -> None:
    records = read_apm(write_text(tmp_path, APM_FILE, APM_TEXT))
    assert [(r.period.label, r.value) for r in records] == [
        ("2016 (Apr 2015 to Mar 2016)", 90.4),
        ("2017 (Apr 2016 to Mar 2017)", 91.1),
        ("2018 (Apr 2017 to Mar 2018)", 91.8),
        ("2019 (Apr 2018 to Mar 2019)", 91.6),
        ("2020 (Apr 2019 to Mar 2020)", 92.1),
        ("2021 (Apr 2020 to Mar 2021)", 92.2),
    ]
    assert records[0].note == "Stated in the SDS 2018 release as a change on 2018 (= 91.8 - 1.4)."
    assert records[2].note is None


APM_BROKEN = {
    "missing summary line": (
        lambda t: edit(t, "Derived from A1-A3", "Summary of A1-A3"),
        ("no 'Derived from A1-A3' summary line",),
    ),
    "unexpected period": (
        lambda t: edit(
            t,
            APM_SUMMARY,
            "2015-16 90.4, 2016-17 91.1, 2017-18 91.8, 2018-19 91.6, 2019-20 92.1, 2020-21 92.2.",
        ),
        ("cannot read APM values from '2015-16 90.4",),
    ),
}


@pytest.mark.parametrize(("mutate", "fragments"), cases(APM_BROKEN))
def test_apm_headline_broken_file_is_rejected(
    tmp_path: Path, mutate: Mutation, fragments: tuple[str, ...]
) -> None:
    expect_format_error(read_apm, write_text(tmp_path, APM_FILE, mutate(APM_TEXT)), *fragments)


# --- Workbooks (xlsx): the sheets are rebuilt from real cells, then written with openpyxl ----

Sheets = dict[str, list[list[object]]]
SheetMutation = Callable[[Sheets], None]


def write_workbook(path: Path, sheets: Sheets) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, rows in sheets.items():
            width = max(len(row) for row in rows)
            padded = [[*row, *([None] * (width - len(row)))] for row in rows]
            pd.DataFrame(padded).to_excel(writer, sheet_name=name, header=False, index=False)
    return path


def rename_cells(rows: list[list[object]], old: object, new: object) -> None:
    hits = 0
    for row in rows:
        for i, cell in enumerate(row):
            if cell == old:
                row[i], hits = new, hits + 1
    assert hits, f"{old!r} not found"


def drop_rows(rows: list[list[object]], region: str) -> None:
    before = len(rows)
    rows[:] = [row for row in rows if len(row) < 3 or row[2] != region]
    assert len(rows) < before, f"no rows for {region!r}"


# Scottish Government Sub-Scotland Economic Statistics Database, Notes 14 and 16 verbatim.
SG_FILE = "sub_economic_stats.xlsx"
SG_NOTE_14 = (
    "ONS have recently conducted analysis to assess the impact of falling sample sizes over "
    "recent years on the quality of APS estimates. ONS state that although the APS estimates "
    "are robust at National and headline regional level, there are concerns with the quality "
    "of estimates for smaller groups of the population, for example local authority level "
    "estimates. As a result, APS estimates below Scotland level for 2023 are not included. "
    "Users are advised to note the increased uncertainty around estimates below Scotland level "
    "in the most recent years that are included. Scotland's Chief Statistician has written a "
    "blog on the APS response rates, available at: https://blogs.gov.scot/statistics/2024/11/"
    "14/challenges-in-gathering-scotlands-data-how-response-rates-are-impacting-the-annual-"
    "population-survey/ "
)
SG_NOTE_16 = (
    "For some areas the rate is available but the associated confidence interval has been "
    "suppressed or is marked as unavailable. In these cases, the rate should be treated with "
    "caution."
)
SG_NOT_PUBLISHED = "[x][see note 14]"
SG_TABLES = {
    "Table 11": "Working age employment rate",
    "Table 12": "Employment rate",
    "Table 17": "Economic inactivity rate",
}
# 2022 column of Tables 11, 12 and 17: (rate, 95% half-width) per table, as fractions.
SG_COUNCILS_2022: dict[str, tuple[object, ...]] = {
    "Aberdeen City": (0.712, 0.046, 0.512, 0.153, 0.249, 0.044),
    "Aberdeenshire": (0.781, 0.041, 0.612, 0.146, 0.177, 0.038),
    "Angus": (0.746, 0.042, 0.66, 0.131, 0.235, 0.041),
    "Argyll and Bute": (0.747, 0.05, 0.534, 0.192, 0.243, 0.049),
    "City of Edinburgh": (0.792, 0.036, 0.534, 0.151, 0.198, 0.035),
    "Clackmannanshire": (0.672, 0.058, 0.597, 0.167, 0.305, 0.057),
    "Dumfries and Galloway": (0.673, 0.047, 0.465, 0.153, 0.293, 0.046),
    "Dundee City": (0.688, 0.045, 0.516, 0.125, 0.25, 0.042),
    "East Ayrshire": (0.713, 0.045, 0.579, 0.155, 0.267, 0.044),
    "East Dunbartonshire": (0.763, 0.037, 0.552, 0.136, 0.221, 0.037),
    "East Lothian": (0.762, 0.047, 0.6, 0.156, 0.227, 0.046),
    "East Renfrewshire": (0.769, 0.047, 0.566, 0.15, 0.205, 0.045),
    "Falkirk": (0.76, 0.043, 0.645, 0.14, 0.195, 0.04),
    "Fife": (0.747, 0.037, 0.601, 0.124, 0.221, 0.036),
    "Glasgow City": (0.721, 0.036, 0.566, 0.109, 0.254, 0.035),
    "Highland": (0.715, 0.059, 0.541, 0.23, 0.257, 0.057),
    "Inverclyde": (0.763, 0.049, 0.587, 0.173, 0.216, 0.047),
    "Midlothian": (0.794, 0.051, 0.61, 0.214, 0.191, 0.049),
    "Moray": (0.766, 0.044, 0.566, 0.169, 0.196, 0.041),
    "Na h-Eileanan Siar": (0.841, 0.062, 0.74, 0.222, 0.159, 0.062),
    "North Ayrshire": (0.736, 0.043, 0.661, 0.175, 0.252, 0.042),
    "North Lanarkshire": (0.68, 0.047, 0.569, 0.137, 0.299, 0.046),
    "Orkney Islands": (0.875, 0.117, 1, "[x]", 0.125, "[x2]"),
    "Perth and Kinross": (0.76, 0.041, 0.513, 0.148, 0.213, 0.04),
    "Renfrewshire": (0.713, 0.048, 0.534, 0.176, 0.259, 0.047),
    "Scottish Borders": (0.794, 0.041, 0.539, 0.168, 0.152, 0.036),
    "Shetland Islands": (0.761, 0.143, "[x1]", "[x1]", 0.239, 0.143),
    "South Ayrshire": (0.674, 0.05, 0.466, 0.188, 0.277, 0.048),
    "South Lanarkshire": (0.798, 0.037, 0.717, 0.129, 0.176, 0.035),
    "Stirling": (0.764, 0.04, 0.594, 0.132, 0.206, 0.038),
    "West Dunbartonshire": (0.758, 0.042, 0.635, 0.132, 0.22, 0.04),
    "West Lothian": (0.769, 0.041, 0.651, 0.144, 0.214, 0.04),
}
SG_COUNTRIES: dict[str, dict[str, tuple[object, ...]]] = {
    # region: table -> (rate 2022, rate 2023, half-width 2022, half-width 2023)
    "UK": {
        "Table 11": (0.755, 0.757, 0.003, 0.003),
        "Table 12": (0.537, 0.54, 0.009, 0.01),
        "Table 17": (0.217, 0.213, 0.003, 0.003),
    },
    "Scotland": {
        "Table 11": (0.744, 0.747, 0.008, 0.01),
        "Table 12": (0.579, 0.559, 0.027, 0.033),
        "Table 17": (0.229, 0.225, 0.008, 0.009),
    },
}
SG_REGION_2022 = {
    "Table 11": (0.748, 0.031),
    "Table 12": (0.561, 0.105),
    "Table 17": (0.212, 0.029),
}


def sg_sheets() -> Sheets:
    sheets: Sheets = {
        "Notes": [
            ["Notes", None],
            ["This worksheet contains one table. ", None],
            ["Note Number", "Note Text"],
            [14, SG_NOTE_14],
            [15, "Employment rates cover those aged 16 to 64"],
            [16, SG_NOTE_16],
        ]
    }
    for position, (sheet, variable) in enumerate(SG_TABLES.items()):
        rates: list[list[object]] = []
        intervals: list[list[object]] = []
        for country, by_table in SG_COUNTRIES.items():
            rate_22, rate_23, half_22, half_23 = by_table[sheet]
            rates.append([variable, "Country", country, rate_22, rate_23])
            intervals.append(["95% confidence interval", "Country", country, half_22, half_23])
        rate, half = SG_REGION_2022[sheet]
        region = ["Regional Economic Partnership", "Aberdeen City Region"]
        rates.append([variable, *region, rate, SG_NOT_PUBLISHED])
        intervals.append(["95% confidence interval", *region, half, SG_NOT_PUBLISHED])
        for council, cells in SG_COUNCILS_2022.items():
            rate, half = cells[2 * position], cells[2 * position + 1]
            rates.append([variable, "Local Authority Areas", council, rate, SG_NOT_PUBLISHED])
            intervals.append(
                [
                    "95% confidence interval",
                    "Local Authority Areas",
                    council,
                    half,
                    SG_NOT_PUBLISHED,
                ]
            )
        sheets[sheet] = [
            [f"{sheet} - {variable} and 95% confidence interval [note 14] [note 16]"],
            ["Source: Annual Population Survey (Jan to Dec)"],
            ["Variable", "Geography", "Region", "2022", "2023"],
            *rates,
            *intervals,
        ]
    return sheets


def read_sg(path: Path) -> list[Record]:
    return read_sg_sub_scotland(path, "sg_sub_scotland_economic_statistics")


def test_sg_fixture_reads(tmp_path: Path) -> None:
    records = read_sg(write_workbook(tmp_path / SG_FILE, sg_sheets()))
    assert len(records) == 3 * 33 * 2  # UK and the Regional Economic Partnership are dropped
    assert {r.area_code for r in records} == ALL_CODES
    scotland = one(records, "employment_rate", SCOTLAND_CODE, "2022")
    assert (scotland.value, scotland.lower_95, scotland.upper_95) == (74.4, 73.6, 75.2)
    glasgow_2023 = one(records, "employment_rate", "S12000049", "2023")
    assert glasgow_2023.status is Status.SUPPRESSED and glasgow_2023.value is None
    assert glasgow_2023.status_detail == (
        f"Not published by the Scottish Government ([x][see note 14]): {SG_NOTE_14.strip()}"
    )
    shetland = one(records, "youth_employment_rate", "S12000027", "2022")
    assert (shetland.status, shetland.value) == (Status.SUPPRESSED, None)
    assert shetland.status_detail == (
        "[x1]: not available since the group sample size is zero or disclosive (0-2)"
    )
    # Orkney's youth rate is printed as 100% with no interval ([x]): kept, as unreliable.
    orkney = one(records, "youth_employment_rate", ORKNEY, "2022")
    assert (orkney.status, orkney.value) == (Status.UNRELIABLE, 100.0)
    assert orkney.status_detail == (
        f"Rate published without its 95% interval ([x]: not available). {SG_NOTE_16}"
    )
    inactive = one(records, "economic_inactivity_rate", ORKNEY, "2022")
    assert (inactive.status, inactive.value) == (Status.UNRELIABLE, 12.5)  # printed, cautioned
    assert inactive.status_detail is not None and "([x2]: not available since the group " in (
        inactive.status_detail
    )


def _sg_drop_notes_14(sheets: Sheets) -> None:
    sheets["Notes"] = [row for row in sheets["Notes"] if row[0] != 14]


SG_BROKEN: dict[str, tuple[SheetMutation, tuple[str, ...]]] = {
    "missing header column": (
        lambda s: rename_cells(s["Table 17"], "Variable", "Measure"),
        ("Table 17: cannot find the 'Variable' header row",),
    ),
    "missing area": (
        lambda s: drop_rows(s["Table 11"], "Orkney Islands"),
        ("Table 11 rates: expected 33 areas", f"missing ['{ORKNEY}']"),
    ),
    "unknown area": (
        lambda s: rename_cells(s["Table 12"], "Orkney Islands", "Orkney Isles"),
        ("'Orkney Isles' is not a recognised Scottish council area name",),
    ),
    "unexpected period": (
        lambda s: [
            rename_cells(s["Table 11"], y, f"{y}-{int(y[2:]) + 1}") for y in ("2022", "2023")
        ],
        ("Table 11: no year columns",),
    ),
    "missing note": (_sg_drop_notes_14, ("Notes sheet has no note 14",)),
    "unknown marker": (
        lambda s: rename_cells(s["Table 12"], "[x1]", "[z]"),
        ("unknown marker '[z]'",),
    ),
    "missing sheet": (lambda s: s.pop("Table 17"), ("Table 17",)),
}


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [pytest.param(m, f, id=name) for name, (m, f) in SG_BROKEN.items()],
)
def test_sg_broken_workbook_is_rejected(
    tmp_path: Path, mutate: SheetMutation, fragments: tuple[str, ...]
) -> None:
    sheets = sg_sheets()
    mutate(sheets)
    expect_format_error(read_sg, write_workbook(tmp_path / SG_FILE, sheets), *fragments)


# Improvement Service LGBF benchmarking workbook, "Raw Data" sheet, 2019-20 columns.
LGBF_FILE = "new bnch data.xlsx"
LGBF_COLUMNS = [
    "Local Authority",
    "ECON1 2019-20",
    "ECON12b 2019-20",
    "Claimant Count (16 to 24) 2019-20",
    "ECON12a 2019-20",
]
LGBF_ROWS: list[list[object]] = [
    ["Aberdeen City", 10.470588235294118, 3.022548583296247, 815, 2.7],
    ["Aberdeenshire", 9.586206896551724, 2.8788677918424757, 655, 1.8],
    ["Angus", 3.5999999999999996, 4.058971727162452, 435, 2.9],
    ["Argyll & Bute", 4.090909090909091, 2.994743918836328, 245, 3.0],
    ["Clackmannanshire", 14.555555555555555, 6.768687463213655, 345, 4.2],
    ["Dumfries & Galloway", 8.833333333333334, 4.518186650467006, 595, 3.3],
    ["Dundee City", 14.08108108108108, 4.71720703031464, 985, 4.5],
    ["East Ayrshire", 18.22222222222222, 6.027676373206554, 710, 4.8],
    ["East Dunbartonshire", 9.166666666666666, 2.387216213582773, 245, 1.9],
    ["East Lothian", 5.714285714285714, 3.4433138040908626, 335, 2.6],
    ["East Renfrewshire", 13.363636363636363, 1.98703200167329, 190, 1.7],
    ["Edinburgh City", 8.144927536231885, 1.7317283418508713, 1125, 2.0],
    ["Eilean Siar", 25.666666666666664, 3.1204992798847817, 65, 3.0],
    ["Falkirk", 14.448275862068966, 4.333868378812198, 675, 3.3],
    ["Fife", 12.357142857142858, 4.60547664811163, 1845, 3.8],
    ["Glasgow City", 5.9714285714285715, 4.275325977933801, 3410, 4.5],
    ["Highland", 6.0, 3.1310325344884413, 665, 2.5],
    ["Inverclyde", 25.937500000000004, 5.784146181148942, 440, 4.5],
    ["Midlothian", 14.249999999999998, 3.8025038025038023, 325, 2.6],
    ["Moray", 0.6153846153846154, 3.8287316652286454, 355, 2.7],
    ["North Ayrshire", 20.133333333333333, 6.4655172413793105, 870, 5.5],
    ["North Lanarkshire", 21.611940298507463, 4.594052789842967, 1650, 3.7],
    ["Orkney Islands", 3.5000000000000004, 2.4363833243096917, 45, 1.5],
    ["Perth & Kinross", 21.5, 2.619324796274738, 360, 2.0],
    ["Renfrewshire", 15.272727272727273, 4.236349540369919, 765, 3.5],
    ["Scottish Borders", 3.0, 4.252793986747107, 430, 2.8],
    ["Shetland Islands", 6.5, 2.881844380403458, 60, 1.9],
    ["South Ayrshire", 19.555555555555557, 5.53290623179965, 570, 4.2],
    ["South Lanarkshire", 16.0, 4.39935064935065, 1355, 3.5],
    ["Stirling", 19.28571428571429, 2.639486721351417, 325, 2.5],
    ["West Dunbartonshire", 26.111111111111114, 6.485307621671257, 565, 5.1],
    ["West Lothian", 17.42857142857143, 4.263160789922438, 775, 2.9],
    ["Scotland", 12.662921348314606, 3.875570398206797, 22235, 3.3],
]


def lgbf_sheets() -> Sheets:
    return {"Raw Data": [list(LGBF_COLUMNS), *(list(row) for row in LGBF_ROWS)]}


def read_lgbf_file(path: Path) -> list[Record]:
    return read_lgbf(path, "lgbf_benchmarking")


def test_lgbf_fixture_reads(tmp_path: Path) -> None:
    records = read_lgbf_file(write_workbook(tmp_path / LGBF_FILE, lgbf_sheets()))
    assert len(records) == 3 * 33  # ECON1 is read from the newer Spatial Hub file instead
    assert {r.area_code for r in records} == ALL_CODES  # LGBF names map to codes
    assert not [r for r in records if r.indicator_id == "employability_into_work"]
    march = one(records, "claimant_rate_march", SCOTLAND_CODE, "March 2020")
    assert march.value == 3.3 and march.period.iso == "2020-03-01/P1M"
    rate = one(records, "youth_claimant_rate", "S12000013", "March 2020")  # "Eilean Siar"
    assert rate.value == 3.120499
    assert one(records, "youth_claimant_count", "S12000036", "March 2020").value == 1125


LGBF_BROKEN: dict[str, tuple[SheetMutation, tuple[str, ...]]] = {
    "missing column": (
        lambda s: rename_cells(s["Raw Data"], "Local Authority", "Council"),
        ("missing columns ['Local Authority']",),
    ),
    "missing area": (
        lambda s: s["Raw Data"].pop(
            next(i for i, r in enumerate(s["Raw Data"]) if r[0] == "Orkney Islands")
        ),
        ("Raw Data: expected 33 areas", f"missing ['{ORKNEY}']"),
    ),
    "unknown area": (
        lambda s: rename_cells(s["Raw Data"], "Eilean Siar", "Eilean Siar Council"),
        ("'Eilean Siar Council' is not a recognised Scottish council area name",),
    ),
    "unexpected period": (
        lambda s: rename_cells(s["Raw Data"], "ECON12a 2019-20", "ECON12a 2019/20"),
        ("no columns for ECON12a",),
    ),
}


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [pytest.param(m, f, id=name) for name, (m, f) in LGBF_BROKEN.items()],
)
def test_lgbf_broken_workbook_is_rejected(
    tmp_path: Path, mutate: SheetMutation, fragments: tuple[str, ...]
) -> None:
    sheets = lgbf_sheets()
    mutate(sheets)
    expect_format_error(read_lgbf_file, write_workbook(tmp_path / LGBF_FILE, sheets), *fragments)


# RESAS Rural Scotland Key Facts Table 3.4, columns 2016 and 2024 ("Scotland " has a trailing
# space in the real file, and the years are numbers).
RESAS_FILE = "participation_16_19.xlsx"


def resas_sheets() -> Sheets:
    return {
        "Sheet1": [
            [
                "Table 3.4. Annual Participation Measure: Percentage (%), 2016-2024, by status and "
                "6-fold SG Urban Rural Classification 2020",
                None,
                None,
                None,
            ],
            ["Region", "Status", 2016.0, 2024.0],
            ["Large urban areas", "Education", 71.5, 74.7],
            ["Scotland ", "Education", 71.3, 71.2],
            ["Large urban areas", "Employment", 15.4, 15.5],
            ["Scotland ", "Employment", 16.9, 19.6],
            ["Large urban areas", "Training and Other Personal Development", 2.7, 2.2],
            ["Scotland ", "Training and Other Personal Development", 2.1, 1.9],
        ]
    }


def read_resas(path: Path) -> list[Record]:
    return read_apm_status_shares(path, "sg_rural_scotland_apm")


def test_resas_fixture_reads(tmp_path: Path) -> None:
    records = read_resas(write_workbook(tmp_path / RESAS_FILE, resas_sheets()))
    assert [(r.area_code, r.period.label, r.value) for r in records] == [
        (SCOTLAND_CODE, "2016 (Apr 2015 to Mar 2016)", 90.3),
        (SCOTLAND_CODE, "2024 (Apr 2023 to Mar 2024)", 92.7),
    ]


def _resas_years_as_text(sheets: Sheets) -> None:
    rename_cells(sheets["Sheet1"], 2016.0, "2015-16")
    rename_cells(sheets["Sheet1"], 2024.0, "2023-24")


RESAS_BROKEN: dict[str, tuple[SheetMutation, tuple[str, ...]]] = {
    "missing header": (
        lambda s: rename_cells(s["Sheet1"], "Region", "Area"),
        ("cannot find the 'Region' header row",),
    ),
    "missing status": (
        lambda s: s["Sheet1"].pop(),
        ("expected statuses", "found ['Education', 'Employment']"),
    ),
    "missing area": (
        lambda s: rename_cells(s["Sheet1"], "Scotland ", "Scotland (all areas)"),
        ("expected statuses", "found []"),
    ),
    "unexpected period": (_resas_years_as_text, ("no year columns",)),
}


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [pytest.param(m, f, id=name) for name, (m, f) in RESAS_BROKEN.items()],
)
def test_resas_broken_workbook_is_rejected(
    tmp_path: Path, mutate: SheetMutation, fragments: tuple[str, ...]
) -> None:
    sheets = resas_sheets()
    mutate(sheets)
    expect_format_error(read_resas, write_workbook(tmp_path / RESAS_FILE, sheets), *fragments)


# --- Area look-ups: any text gives a valid code or UnknownAreaError, nothing else -----------

KNOWN_NAMES = sorted(
    {area.name for area in council_areas()}
    | {"Scotland", "Edinburgh City", "Eilean Siar", "Argyll & Bute", "Perth & Kinross"}
)
KNOWN_CODES = sorted(ALL_CODES | set(OLD_TO_CURRENT_CODES))


@given(
    st.one_of(
        st.text(),
        st.sampled_from(KNOWN_NAMES),
        st.builds(
            lambda n, pre, post: pre + n + post,
            st.sampled_from(KNOWN_NAMES),
            st.text(max_size=3),
            st.text(max_size=3),
        ),
    )
)
def test_code_for_name_gives_a_valid_code_or_unknown_area_error(text: str) -> None:
    try:
        code = code_for_name(text)
    except UnknownAreaError as error:
        assert repr(text) in str(error)
        return
    assert code in ALL_CODES


@given(
    st.one_of(
        st.text(),
        st.sampled_from(KNOWN_CODES),
        st.from_regex(r"\A\s?[sS](12|92)\d{6}\s?\Z"),
    )
)
def test_normalise_code_gives_a_valid_code_or_unknown_area_error(text: str) -> None:
    try:
        code = normalise_code(text)
    except UnknownAreaError as error:
        assert repr(text) in str(error)
        return
    assert code in ALL_CODES
    stated = text.strip().upper()
    assert code == OLD_TO_CURRENT_CODES.get(stated, stated)


@given(area=st.sampled_from(council_areas()), data=st.data())
def test_case_and_spacing_of_a_name_do_not_change_its_code(area: Area, data: st.DataObject) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(area.name), max_size=len(area.name)))
    name = "".join(c.upper() if up else c.lower() for c, up in zip(area.name, flips, strict=True))
    padding = data.draw(st.sampled_from(["", " ", "  ", "\t"]))
    assert code_for_name(f"{padding}{name}{padding}") == area.code
