"""Each reader against the real raw file in place: published values and the files' quirks.

These read ../shared/data directly (never a copy in the repository). Expected values were
checked by hand against the raw files and PROVENANCE.md.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from data_sources.offline.readers import (
    Record,
    read_apm_headlines,
    read_apm_status_shares,
    read_lgbf,
    read_lgbf_spatial_hub,
    read_march_claimant_extract,
    read_ons_local_statistics,
    read_published_figures,
    read_scotpho_ill_health_inactivity,
    read_scotpho_participation,
    read_sg_sub_scotland,
    read_year_value_series,
)
from data_sources.schema import Status
from geo.council_areas import SCOTLAND_CODE, council_areas

pytestmark = pytest.mark.raw_data

ALL_CODES = frozenset({SCOTLAND_CODE, *(area.code for area in council_areas())})
COUNCIL_CODES = ALL_CODES - {SCOTLAND_CODE}
GLASGOW, SHETLAND, ORKNEY, EILEAN_SIAR = "S12000049", "S12000027", "S12000023", "S12000013"
EDINBURGH, ARGYLL, PERTH, ABERDEEN = "S12000036", "S12000035", "S12000048", "S12000033"

ONS_DIR = "ons_explore_local_statistics"
SG_FILE = "aps_employment/ScotGovAnalysis_resas-rural-dashboard/sub_economic_stats.xlsx"
LGBF_FILE = "lgbf/Improvement-Service_LGBF_Analysis/new bnch data.xlsx"
LGBF_HUB_FILE = "lgbf/SC-TPP_LGBF/LGBF_ScotDataCash_ISSpatialHub.csv"
MARCH_FILE = "claimant_count/mairiskye_LGBF_data/Econ12_claimant_data.csv"
WEM_DIR = "ScotGovAnalysis_sg-wellbeing-economy-monitor"
SCOTPHO_FILE = "scotpho/humaniverse_healthindexscotland/scotpho_data.csv"
APM_FILE = "page_excerpts/scotland_apm_and_claimant_page_excerpts.md"
RESAS_FILE = "participation_apm/ScotGovAnalysis_resas-rural-dashboard/participation_16_19.xlsx"

ONS_SMALL_SAMPLE = (
    "Estimate and confidence interval unreliable since the group sample size is small (3-9)"
)
SG_NOTE_14_WORDS = "APS estimates below Scotland level for 2023 are not included"
SG_NOTE_16_WORDS = "In these cases, the rate should be treated with caution."

Key = tuple[str, str, str]


def by_key(records: list[Record]) -> dict[Key, Record]:
    """Records by (indicator, area code, period label); a repeated key is a reader bug."""
    keyed = {(r.indicator_id, r.area_code, r.period.label): r for r in records}
    assert len(keyed) == len(records), "a reader produced two records for one key"
    return keyed


def interval(record: Record) -> tuple[float | None, float | None, float | None]:
    return record.value, record.lower_95, record.upper_95


# --- ONS Explore local statistics ------------------------------------------------------------


@pytest.fixture(scope="module")
def claimant_count(raw_dir: Path) -> dict[Key, Record]:
    path = raw_dir / ONS_DIR / "claimant-count.csv"
    return by_key(read_ons_local_statistics(path, {"Claimant Count": "claimant_rate"}, "ons"))


def test_ons_claimant_count_has_33_areas_for_every_year(claimant_count: dict[Key, Record]) -> None:
    assert {code for _, code, _ in claimant_count} == ALL_CODES
    years = {label for _, _, label in claimant_count}
    assert years == {str(year) for year in range(2001, 2026)}
    assert len(claimant_count) == 33 * 25
    assert {r.status for r in claimant_count.values()} == {Status.OK}


def test_ons_claimant_count_published_values(claimant_count: dict[Key, Record]) -> None:
    scotland_2020 = claimant_count[("claimant_rate", SCOTLAND_CODE, "2020")]
    assert interval(scotland_2020) == (5.4, None, None)  # no interval for an administrative count
    assert scotland_2020.period.iso == "2020-01-01/P1Y"
    assert claimant_count[("claimant_rate", SCOTLAND_CODE, "2024")].value == 3.1
    assert claimant_count[("claimant_rate", GLASGOW, "2020")].value == 7.5
    assert claimant_count[("claimant_rate", "S12000005", "2001")].value == 3.6


def test_ons_modelled_unemployment_scotland_2017_with_interval(raw_dir: Path) -> None:
    path = raw_dir / ONS_DIR / "modelled-unemployment.csv"
    records = by_key(
        read_ons_local_statistics(path, {"Modelled unemployment rate": "unemployment_rate"}, "ons")
    )
    assert len(records) == 33 * 20  # 2004 to 2023
    assert interval(records[("unemployment_rate", SCOTLAND_CODE, "2017")]) == (4.1, 3.8, 4.4)
    assert interval(records[("unemployment_rate", GLASGOW, "2017")]) == (5.6, 4.3, 6.9)
    assert {r.status for r in records.values()} == {Status.OK}


def test_ons_unreliable_notes_become_unreliable_without_a_value(raw_dir: Path) -> None:
    # employment-rate.csv is not used by the build (the SG database is preferred), but its
    # small-sample notes are the ONS quirk the reader must handle.
    path = raw_dir / ONS_DIR / "employment-rate.csv"
    records = by_key(
        read_ons_local_statistics(
            path,
            {"Employment rate": "employment_rate", "Economically inactive": "inactivity"},
            "ons",
        )
    )
    orkney = records[("inactivity", ORKNEY, "2021")]
    assert orkney.status is Status.UNRELIABLE
    assert interval(orkney) == (None, None, None)  # ONS printed 19.4; it is not shown as a figure
    assert orkney.status_detail == ONS_SMALL_SAMPLE
    unreliable = {key for key, r in records.items() if r.status is Status.UNRELIABLE}
    assert unreliable == {
        ("inactivity", ORKNEY, "2020"),
        ("inactivity", ORKNEY, "2021"),
        ("inactivity", ORKNEY, "2022"),
        ("inactivity", ORKNEY, "2023"),
        ("inactivity", SHETLAND, "2023"),
    }
    # ONS still shows council figures for 2023, which the Scottish Government withholds.
    assert interval(records[("employment_rate", SCOTLAND_CODE, "2023")]) == (74.7, 73.7, 75.7)
    assert records[("employment_rate", GLASGOW, "2023")].status is Status.OK


# --- Scottish Government Sub-Scotland Economic Statistics Database ---------------------------


@pytest.fixture(scope="module")
def sg_records(raw_dir: Path) -> dict[Key, Record]:
    return by_key(read_sg_sub_scotland(raw_dir / SG_FILE, "sg"))


def test_sg_covers_three_tables_33_areas_2004_to_2023(sg_records: dict[Key, Record]) -> None:
    # Table 11's 2012 and 2013 headers are numbers in the workbook, the others text.
    assert Counter(indicator for indicator, _, _ in sg_records) == {
        "employment_rate": 33 * 20,
        "youth_employment_rate": 33 * 20,
        "economic_inactivity_rate": 33 * 20,
    }
    assert {code for _, code, _ in sg_records} == ALL_CODES
    assert {label for _, _, label in sg_records} == {str(year) for year in range(2004, 2024)}


def test_sg_scotland_employment_rate_2004(sg_records: dict[Key, Record]) -> None:
    scotland = sg_records[("employment_rate", SCOTLAND_CODE, "2004")]
    assert interval(scotland) == (72.6, 72.1, 73.1)  # 0.726 with half-width 0.005
    assert scotland.status is Status.OK
    assert interval(sg_records[("employment_rate", SCOTLAND_CODE, "2023")]) == (74.7, 73.7, 75.7)
    assert interval(sg_records[("youth_employment_rate", GLASGOW, "2022")]) == (56.6, 45.7, 67.5)


def test_sg_council_2023_is_suppressed_in_note_14s_words(sg_records: dict[Key, Record]) -> None:
    council_2023 = [
        r for (_, code, label), r in sg_records.items() if label == "2023" and code != SCOTLAND_CODE
    ]
    assert len(council_2023) == 3 * 32
    for record in council_2023:
        assert record.status is Status.SUPPRESSED
        assert record.value is None and record.lower_95 is None
        assert record.status_detail is not None
        assert record.status_detail.startswith(
            "Not published by the Scottish Government ([x][see note 14]): ONS have recently"
        )
        assert SG_NOTE_14_WORDS in record.status_detail


def test_sg_shetland_youth_2021_is_suppressed(sg_records: dict[Key, Record]) -> None:
    shetland = sg_records[("youth_employment_rate", SHETLAND, "2021")]
    assert shetland.status is Status.SUPPRESSED
    assert shetland.value is None
    assert shetland.status_detail == (
        "[x1]: not available since the group sample size is zero or disclosive (0-2)"
    )


def test_sg_rate_with_an_x2_interval_keeps_its_value_as_unreliable(
    sg_records: dict[Key, Record],
) -> None:
    # The workbook prints 0.34 for Na h-Eileanan Siar's youth rate in 2009, interval [x2]:
    # "treat with caution", so the printed value stays, with no interval.
    record = sg_records[("youth_employment_rate", EILEAN_SIAR, "2009")]
    assert record.status is Status.UNRELIABLE
    assert interval(record) == (34.0, None, None)
    assert record.status_detail == (
        "Rate published without its 95% interval ([x2]: not available since the group sample "
        "size is small (3-9)). For some areas the rate is available but the associated "
        "confidence interval has been suppressed or is marked as unavailable. " + SG_NOTE_16_WORDS
    )
    # Orkney's youth rate for 2022 is printed as 1 (100%) with an interval of [x].
    orkney = sg_records[("youth_employment_rate", ORKNEY, "2022")]
    assert (orkney.status, orkney.value) == (Status.UNRELIABLE, 100.0)


def test_sg_every_usable_rate_has_its_interval(sg_records: dict[Key, Record]) -> None:
    statuses = Counter(r.status for r in sg_records.values())
    assert statuses == {
        Status.OK: 628 + 614 + 625,
        Status.SUPPRESSED: 32 + 34 + 32,
        Status.UNRELIABLE: 12 + 3,
    }
    for record in sg_records.values():
        if record.status is Status.OK:
            value, lower, upper = interval(record)
            assert value is not None and lower is not None and upper is not None
            assert lower < value < upper
        elif record.status is Status.UNRELIABLE:
            # Printed with a caution: the value, never an interval.
            value, lower, upper = interval(record)
            assert value is not None and (lower, upper) == (None, None)
        else:
            assert interval(record) == (None, None, None)


# --- Improvement Service LGBF and the NOMIS March extract -----------------------------------


@pytest.fixture(scope="module")
def lgbf_records(raw_dir: Path) -> dict[Key, Record]:
    return by_key(read_lgbf(raw_dir / LGBF_FILE, "lgbf"))


def test_lgbf_name_variants_map_to_codes(lgbf_records: dict[Key, Record]) -> None:
    # The workbook says "Edinburgh City", "Eilean Siar", "Argyll & Bute" and "Perth & Kinross".
    for indicator in ("claimant_rate_march", "youth_claimant_rate", "youth_claimant_count"):
        codes = {code for i, code, _ in lgbf_records if i == indicator}
        assert codes == ALL_CODES
    assert {EDINBURGH, EILEAN_SIAR, ARGYLL, PERTH} <= {code for _, code, _ in lgbf_records}


def test_lgbf_youth_claimants_are_march_of_the_later_year(lgbf_records: dict[Key, Record]) -> None:
    labels = {label for i, _, label in lgbf_records if i == "youth_claimant_rate"}
    assert labels == {f"March {year}" for year in range(2011, 2022)}  # 2010-11 ... 2020-21
    glasgow = lgbf_records[("youth_claimant_rate", GLASGOW, "March 2021")]
    assert glasgow.period.iso == "2021-03-01/P1M" and glasgow.period.end == "2021-03-31"
    assert glasgow.value == 7.871421
    assert lgbf_records[("youth_claimant_count", GLASGOW, "March 2021")].value == 6210
    assert lgbf_records[("youth_claimant_count", SCOTLAND_CODE, "March 2021")].value is not None


def test_lgbf_workbook_no_longer_gives_econ1_and_gives_the_march_claimant_rate(
    lgbf_records: dict[Key, Record],
) -> None:
    # ECON1 comes from the newer Spatial Hub file only (one vintage).
    assert not any(i == "employability_into_work" for i, _, _ in lgbf_records)
    glasgow = lgbf_records[("claimant_rate_march", GLASGOW, "March 2021")]
    assert glasgow.value == 8.2 and glasgow.period.iso == "2021-03-01/P1M"
    assert lgbf_records[("claimant_rate_march", SCOTLAND_CODE, "March 2021")].value == 6.1
    # ECON12b carries its own count and population, for the build's check.
    youth = lgbf_records[("youth_claimant_rate", GLASGOW, "March 2021")]
    assert youth.ratio is not None and youth.ratio.numerator == 6210


@pytest.fixture(scope="module")
def hub_records(raw_dir: Path) -> dict[Key, Record]:
    return by_key(read_lgbf_spatial_hub(raw_dir / LGBF_HUB_FILE, "hub"))


def test_lgbf_hub_econ1_values_counts_and_blanks(hub_records: dict[Key, Record]) -> None:
    scotland = hub_records[("employability_into_work", SCOTLAND_CODE, "2019-20")]
    assert scotland.value == 12.66  # printed as the fraction 0.1266
    assert scotland.period.iso == "2019-04-01/P1Y" and scotland.period.end == "2020-03-31"
    glasgow = hub_records[("employability_into_work", GLASGOW, "2020-21")]
    assert glasgow.value == 3.983957  # revised from 2.44 in the 2022 workbook
    assert glasgow.ratio is not None
    assert (glasgow.ratio.numerator, glasgow.ratio.denominator) == (745, 18700)
    labels = {label for i, _, label in hub_records if i == "employability_into_work"}
    assert labels == {f"{year}-{(year + 1) % 100:02d}" for year in range(2012, 2023)}
    blank = hub_records[("employability_into_work", ABERDEEN, "2012-13")]
    assert blank.status is Status.NOT_AVAILABLE and blank.value is None
    assert blank.status_detail == "Blank in the LGBF data (ECON01 2012-13, Aberdeen City)."
    assert sum(r.status is Status.NOT_AVAILABLE for r in hub_records.values()) == 7


def test_lgbf_hub_chn21_is_the_participation_measure_by_council(
    hub_records: dict[Key, Record],
) -> None:
    labels = {label for i, _, label in hub_records if i == "participation_16_19"}
    assert labels == {f"{y} (Apr {y - 1} to Mar {y})" for y in range(2016, 2024)}
    scotland = hub_records[("participation_16_19", SCOTLAND_CODE, "2023 (Apr 2022 to Mar 2023)")]
    assert scotland.value == 94.272296  # the SDS headline 94.3, unrounded
    assert {c for i, c, _ in hub_records if i == "participation_16_19"} == ALL_CODES


@pytest.fixture(scope="module")
def march_records(raw_dir: Path) -> dict[Key, Record]:
    return by_key(read_march_claimant_extract(raw_dir / MARCH_FILE, "nomis"))


def test_march_extract_2020_21_is_march_2021_for_32_councils(
    march_records: dict[Key, Record],
) -> None:
    march_2021 = {
        code: r
        for (indicator, code, label), r in march_records.items()
        if label == "March 2021" and indicator == "youth_claimant_count"
    }
    assert set(march_2021) == COUNCIL_CODES
    assert march_2021[GLASGOW].value == 6210
    assert march_2021[EDINBURGH].value == 2925  # "City of Edinburgh" in this file
    assert march_2021[EILEAN_SIAR].value == 120
    assert march_2021[GLASGOW].period.iso == "2021-03-01/P1M"
    labels = {label for _, _, label in march_records}
    assert labels == {f"March {year}" for year in range(2010, 2023)}  # 2009/10 ... 2021/22
    assert len(march_records) == 2 * 32 * 13  # 16-24 counts and the all-age rate
    assert march_records[("claimant_rate_march", GLASGOW, "March 2021")].value == 8.1


def test_march_extract_agrees_with_the_lgbf_counts(
    march_records: dict[Key, Record], lgbf_records: dict[Key, Record]
) -> None:
    shared = {k for k in set(march_records) & set(lgbf_records) if k[0] == "youth_claimant_count"}
    assert len(shared) == 32 * 11  # March 2011 to March 2021
    assert all(march_records[key].value == lgbf_records[key].value for key in shared)


# --- Wellbeing Economy Monitor and the curated published figures ----------------------------


def test_wellbeing_monitor_series(raw_dir: Path) -> None:
    gap_path = raw_dir / "disability_employment_gap" / WEM_DIR / "dempgap_eq.csv"
    gap = read_year_value_series(gap_path, "disability_employment_gap", "wem")
    assert [(r.period.label, r.value) for r in gap] == [
        ("2014", 37.9),
        ("2015", 38.4),
        ("2016", 37.4),
        ("2017", 35.9),
        ("2018", 35.5),
        ("2019", 32.6),
        ("2020", 33.4),
    ]
    youth_path = raw_dir / "youth_unemployment" / WEM_DIR / "youthunemp_eq.csv"
    youth = by_key(read_year_value_series(youth_path, "youth_unemployment_rate", "wem"))
    assert len(youth) == 17
    values = {label: r.value for (_, _, label), r in youth.items()}
    assert (values["2004"], values["2011"], values["2019"], values["2020"]) == (
        12.5,
        21.8,
        8.3,
        13.2,
    )


def test_published_figures_cite_their_publication(shared_data_dir: Path) -> None:
    path = shared_data_dir / "curated" / "published_figures.csv"
    records = read_published_figures(path, "sg_published_figures")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(records) == len(rows) == 19
    for record, row in zip(records, rows, strict=True):
        assert (record.indicator_id, record.period.label) == (row["indicator"], row["period"])
        citation = f"Published in {row['source_title']} ({row['vintage']}): {row['source_url']}"
        assert record.note is not None and record.note.startswith(citation)
        if row["note"]:
            assert record.note == f"{citation}. {row['note']}"
    gap_2016 = by_key(records)[("disability_employment_gap", SCOTLAND_CODE, "2016")]
    assert gap_2016.value == 37.4
    assert gap_2016.note == (
        "Published in A Fairer Scotland for Disabled People: Employment Action Plan (2018): "
        "https://www.gov.scot/publications/fairer-scotland-disabled-people-employment-action-plan"
        "/pages/3/. baseline year of the 2038 target"
    )


# --- Annual Participation Measure: ScotPHO councils, SDS headlines, RESAS shares -------------


def test_scotpho_participation_for_32_councils(raw_dir: Path) -> None:
    records = by_key(read_scotpho_participation(raw_dir / SCOTPHO_FILE, "scotpho"))
    assert {code for _, code, _ in records} == COUNCIL_CODES
    assert {label for _, _, label in records} == {"2023 (Apr 2022 to Mar 2023)"}
    label = "2023 (Apr 2022 to Mar 2023)"
    assert interval(records[("participation_16_19", GLASGOW, label)]) == (92.5, 92.1, 92.8)
    assert interval(records[("participation_16_19", SHETLAND, label)]) == (97.4, 96.2, 98.2)
    glasgow = records[("participation_16_19", GLASGOW, label)]
    assert glasgow.period.iso == "2022-04-01/P1Y" and glasgow.period.end == "2023-03-31"
    assert all(r.lower_95 is not None and r.status is Status.OK for r in records.values())


def test_apm_headlines_2016_to_2021(raw_dir: Path) -> None:
    records = read_apm_headlines(raw_dir / APM_FILE, "sds")
    assert [(r.area_code, r.period.label[:4], r.value) for r in records] == [
        (SCOTLAND_CODE, "2016", 90.4),
        (SCOTLAND_CODE, "2017", 91.1),
        (SCOTLAND_CODE, "2018", 91.8),
        (SCOTLAND_CODE, "2019", 91.6),
        (SCOTLAND_CODE, "2020", 92.1),
        (SCOTLAND_CODE, "2021", 92.2),
    ]
    assert records[0].period.label == "2016 (Apr 2015 to Mar 2016)"
    assert records[1].note == "Stated in the SDS 2018 release as a change on 2018 (= 91.8 - 0.7)."
    assert records[5].note is None


def test_resas_shares_sum_to_the_participation_rate(raw_dir: Path) -> None:
    records = by_key(read_apm_status_shares(raw_dir / RESAS_FILE, "resas"))
    values = {label[:4]: r.value for (_, _, label), r in records.items()}
    assert sorted(values) == [str(year) for year in range(2016, 2026)]
    assert values["2024"] == 92.7  # 71.2 + 19.6 + 1.9
    assert values["2016"] == 90.3  # SDS's own headline for 2016 is 90.4
    assert values["2025"] == 93.3039  # the 2025 column is unrounded in the workbook
    assert {code for _, code, _ in records} == {SCOTLAND_CODE}


def test_scotpho_ill_health_inactivity_2023_for_32_councils_and_no_scotland_figure(
    raw_dir: Path,
) -> None:
    # ScotPHO indicator 99131: the share of the economically inactive aged 16-64 who are
    # inactive because of long-term sickness, "2023 calendar year", interval = rate +/- NOMIS's
    # confidence measure. Orkney and Shetland are NA; four councils have no interval.
    records = by_key(read_scotpho_ill_health_inactivity(raw_dir / SCOTPHO_FILE, "scotpho"))
    indicator = "inactivity_long_term_ill_health"
    assert {code for _, code, _ in records} == ALL_CODES
    assert {label for _, _, label in records} == {"2023"}
    aberdeen = records[(indicator, ABERDEEN, "2023")]
    assert aberdeen.period.iso == "2023-01-01/P1Y"
    assert interval(aberdeen) == (32.1, 21.3, 42.9)
    assert interval(records[(indicator, GLASGOW, "2023")]) == (24.1, 15.5, 32.7)
    for code in (ORKNEY, SHETLAND):
        record = records[(indicator, code, "2023")]
        assert (record.value, record.status) == (None, Status.SUPPRESSED)
        assert "NA in the ScotPHO download" in str(record.status_detail)
    no_interval = {
        code: r.value for (_, code, _), r in records.items() if r.status == Status.UNRELIABLE
    }
    assert no_interval == {
        "S12000034": 20.8,  # Aberdeenshire
        "S12000011": 26.0,  # East Renfrewshire
        "S12000019": 27.2,  # Midlothian
        EILEAN_SIAR: 35.0,
    }
    assert all(records[(indicator, code, "2023")].lower_95 is None for code in no_interval)
    scotland = records[(indicator, SCOTLAND_CODE, "2023")]
    assert (scotland.value, scotland.status) == (None, Status.NOT_AVAILABLE)
    assert "comparisons with Scotland are not available" in str(scotland.status_detail)
    ok = [r for r in records.values() if r.status == Status.OK]
    assert len(ok) == 26
    assert all(r.lower_95 is not None and r.upper_95 is not None for r in ok)
