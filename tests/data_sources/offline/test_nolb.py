"""The No One Left Behind delivery reader, on the real curated files and on their quirks.

Quirks of the real files: council names as published ("Comhairle nan Eilean Siar", "City of
Edinburgh", "Argyll & Bute"); seven councils blank because the stored text of the written
answer ends after Renfrewshire; Scotland's periods in words ("2019/20 (year 1)", "April to
December 2020 (first three quarters of year 2)", "2023 to 2024 (as published)").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from data_sources.offline.nolb import period_dates, published_date, read_delivery
from data_sources.offline.readers import SourceFormatError
from data_sources.snapshot import load_snapshot
from metadata.registry import DeliveryStatistics, load_registry

SCOTLAND_FILE = "curated/nolb/nolb_scotland_published_figures.csv"
COUNCIL_FILE = "curated/nolb/nolb_participants_by_council.csv"
NOT_HELD = {
    "S12000026",  # Scottish Borders
    "S12000027",  # Shetland Islands
    "S12000028",  # South Ayrshire
    "S12000029",  # South Lanarkshire
    "S12000030",  # Stirling
    "S12000039",  # West Dunbartonshire
    "S12000040",  # West Lothian
}


@pytest.fixture(scope="module")
def declared() -> DeliveryStatistics:
    delivery = load_registry().delivery
    assert delivery is not None
    return delivery


@pytest.mark.parametrize(
    ("words", "dates"),
    [
        ("2019/20 (year 1; 1 April 2019 to 31 March 2020)", ("2019-04-01", "2020-03-31")),
        ("2023/24 (year 5)", ("2023-04-01", "2024-03-31")),
        ("April 2019 to December 2020", ("2019-04-01", "2020-12-31")),
        (
            "April 2019 to June 2024 (as at the publication covering up to June 2024)",
            ("2019-04-01", "2024-06-30"),
        ),  # fmt: skip
        ("April to December 2020 (first three quarters of year 2)", ("2020-04-01", "2020-12-31")),
        ("January to March 2024 (quarter 4 of year 5)", ("2024-01-01", "2024-03-31")),
        ("July to September 2024 compared with April to June 2024", ("2024-07-01", "2024-09-30")),
        ("2023 to 2024 (as published)", (None, None)),
        ("February 2024 to February 2024", ("2024-02-01", "2024-02-29")),
    ],
)
def test_period_words_become_start_and_end_dates(
    words: str, dates: tuple[str | None, str | None]
) -> None:
    assert period_dates(words) == dates


@pytest.mark.parametrize(
    "words", ["Q3 2023", "2019/21 (two years)", "September to March 2024", "the latest year"]
)
def test_period_words_the_build_cannot_date_are_refused(words: str) -> None:
    with pytest.raises(ValueError, match="2019/21|period wording|out of order"):
        period_dates(words)


@pytest.mark.parametrize(
    ("edition", "published"),
    [
        ("Statistical Summary February 2024; gov.scot Main Points page", "2024-02"),
        (
            "Statistical Summary July 2023 (23rd edition), as summarised in an Employability in "
            "Scotland news item of 26 July 2023 (secondary source)",
            "2023-07-26",
        ),
        (
            "Publication covering up to June 2024 (the October 2024 NOLB edition reports April "
            "2019 to June 2024), as quoted in Scottish Parliament written answer S6W-32460 "
            "answered 30 December 2024 (secondary source)",
            "2024-12-30",
        ),
        # A data period ("data to December 2023") is not a publication date.
        (
            "Scottish Government FOI release 202400415965 (data to December 2023, 'in line with "
            "the May 2024 statistics' per the request)",
            None,
        ),
    ],
)
def test_published_date_is_the_quoted_documents_as_precisely_as_stated(
    edition: str, published: str | None
) -> None:
    assert published_date(edition) == published


@pytest.mark.raw_data
def test_the_real_files_give_39_scotland_figures_and_32_councils(
    shared_data_dir: Path, declared: DeliveryStatistics
) -> None:
    table = read_delivery(shared_data_dir, declared)
    scotland = table[table["area_code"] == "S92000003"]
    councils = table[table["area_code"] != "S92000003"]
    assert len(scotland) == 39
    assert councils["area_code"].nunique() == 32
    assert len(councils) == 96
    assert set(table["status"]) == {"official_statistics_in_development", "not_in_the_stored_text"}
    missing = councils[councils["status"] == "not_in_the_stored_text"]
    assert set(missing["area_code"]) == NOT_HELD
    assert missing["value"].isna().all()  # never filled
    assert councils[councils["status"] != "not_in_the_stored_text"]["value"].notna().all()
    by_key = councils.set_index(["area_code", "measure"])["value"]
    # Names as published, normalised through geo: Comhairle nan Eilean Siar, City of
    # Edinburgh, Argyll & Bute.
    assert by_key[("S12000013", "total_participants")] == 672
    assert by_key[("S12000036", "entered_employment")] == 1202
    assert by_key[("S12000035", "in_employment_at_52_weeks")] == 294
    assert by_key[("S12000047", "in_employment_at_52_weeks")] == 11  # Fife, as published
    year_one = scotland[
        (scotland["measure"] == "people_started_year") & (scotland["period_start"] == "2019-04-01")
    ]
    assert sorted(year_one["value"]) == [2694, 2711, 2767, 3824]


def copied_curated(shared_data_dir: Path, tmp_path: Path) -> Path:
    root = tmp_path / "shared"
    (root / "curated").mkdir(parents=True)
    shutil.copytree(shared_data_dir / "curated" / "nolb", root / "curated" / "nolb")
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.raw_data
@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (SCOTLAND_FILE, "entered_employment_cumulative,", "job_outcomes,", "not declared"),
        (SCOTLAND_FILE, ",31,percent,", ",31,people,", "declared in 'percent'"),
        (SCOTLAND_FILE, "2021/22 (year 3)", "the third year", "not one the build knows"),
        (COUNCIL_FILE, "Dundee City,3133", "Dundee Town,3133", "not a recognised"),
        (COUNCIL_FILE, "Angus,1273", "Angus,", "not a figure|blank"),
        (COUNCIL_FILE, "Stirling,,,,", "Stirling,12,,,", "not transcribed"),
    ],
)
def test_a_changed_file_stops_with_the_row_named(
    shared_data_dir: Path,
    tmp_path: Path,
    declared: DeliveryStatistics,
    file: str,
    old: str,
    new: str,
    message: str,
) -> None:
    root = copied_curated(shared_data_dir, tmp_path)
    replace_in(root / file, old, new)
    with pytest.raises(SourceFormatError, match=message) as caught:
        read_delivery(root, declared)
    assert "row " in str(caught.value)
    assert Path(file).name in str(caught.value)


def test_the_embedded_table_is_what_the_reader_gives(declared: DeliveryStatistics) -> None:
    """The committed delivery.csv holds every declared measure and nothing undeclared."""
    held = load_snapshot().delivery
    assert isinstance(held, pd.DataFrame)
    assert set(held["measure"]) == set(declared.measures)
