"""No One Left Behind's delivery figures as the pages read them, on the embedded snapshot."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from data_sources.snapshot import load_snapshot
from geo.council_areas import council_areas
from indicators import delivery
from indicators.catalogue import Catalogue
from metadata.registry import load_registry

GLASGOW, FIFE, STIRLING = "S12000049", "S12000047", "S12000030"


def test_each_year_comes_from_its_newest_edition_with_the_edition_named(
    catalogue: Catalogue,
) -> None:
    starts = delivery.yearly_starts(catalogue)
    assert list(starts["Year"]) == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    assert list(starts["People starting support"]) == [2694, 4849, 14070, 17367, 20988]
    assert starts["Edition shown"].iloc[0].startswith("Statistical Summary July 2024")
    assert starts["Edition shown"].iloc[1].startswith("Statistical summary November 2022")
    # Year 1's earlier printings are listed beside it, never summed or averaged in.
    earlier = starts["Earlier printings of this year"].iloc[0]
    assert earlier.startswith("3,824 (Statistical summary February 2021")
    assert "2,767 (Statistical summary November 2022)" in earlier
    assert "2,711 (Statistical Summary February 2024)" in earlier
    assert starts["Earlier printings of this year"].iloc[1] == "none held"


def test_year_one_revisions_run_from_3824_to_2694_oldest_first(catalogue: Catalogue) -> None:
    revisions = delivery.year_one_revisions(catalogue)
    assert list(revisions["Year 1 (2019/20)"]) == [3824, 3824, 2767, 2711, 2694]
    assert list(revisions["Published"]) == ["2021-02", "2021-05", "2022-11", "2024-02", "2024-07"]
    assert revisions["Measure as printed"].iloc[0] == "People supported in the year"
    assert revisions["Quote"].iloc[0].startswith("During the period 1 April 2019")


def test_newest_edition_is_chosen_by_publication_not_by_file_order() -> None:
    rows = pd.DataFrame(
        {
            "period_start": ["2019-04-01", "2019-04-01", "2019-04-01"],
            "period_end": ["2020-03-31", "2020-03-31", "2020-03-31"],
            "published": ["2024-07", None, "2021-05"],
            "edition": ["July 2024", "undated", "May 2021"],
            "value": [2694.0, 1.0, 3824.0],
        }
    )
    newest = delivery.newest_editions(rows)
    assert list(newest["value"]) == [2694.0]
    assert list(delivery.printings(rows, "2019-04-01", "2020-03-31")["edition"]) == [
        "undated",
        "May 2021",
        "July 2024",
    ]


def test_cumulative_totals_keep_each_edition_in_order_of_end_date(catalogue: Catalogue) -> None:
    totals = delivery.cumulative_figures(catalogue, (delivery.CUMULATIVE_STARTS,))
    assert list(totals["Figure"]) == ["24,907", "39,632", "47,342", "61,930", "73,470"]
    assert list(totals["Period"])[-1] == "April 2019 to September 2024"
    assert "secondary source" in totals["Edition"].iloc[-1]
    jobs = delivery.cumulative_figures(
        catalogue, (delivery.CUMULATIVE_JOB_ENTRIES, delivery.JOB_ENTRY_SHARE)
    )
    assert "20,743" in set(jobs["Figure"]) and "31%" in set(jobs["Figure"])


def test_council_table_is_alphabetical_with_blanks_for_the_seven_not_held(
    catalogue: Catalogue,
) -> None:
    table = delivery.council_table(catalogue)
    assert list(table["Council area"]) == [a.name for a in council_areas()]
    glasgow = table[table["Council area"] == "Glasgow City"].iloc[0]
    assert glasgow["Participants (council table)"] == 12930
    assert glasgow["Participants who entered employment (council table)"] == 2991
    assert glasgow["Participants in employment at 52 weeks (council table)"] == 560
    assert glasgow["Status"] == "Official statistics in development"
    stirling = table[table["Council area"] == "Stirling"].iloc[0]
    assert pd.isna(stirling["Participants (council table)"])  # never filled
    assert stirling["Status"].startswith("Not in the stored text")
    held, missing = delivery.council_coverage(catalogue)
    assert held == 25 and len(missing) == 7 and "Stirling" in missing


def test_need_beside_delivery_is_the_snapshots_own_figure_with_its_period(
    catalogue: Catalogue,
) -> None:
    table = delivery.council_table(catalogue)
    glasgow = table[table["Council area"] == "Glasgow City"].iloc[0]
    latest = catalogue.latest("claimant_rate_march", GLASGOW)
    assert latest is not None
    assert glasgow["Need: Claimant rate (16 to 64, March)"] == (
        f"{float(latest['value']):.1f}% ({latest['period_label']})"
    )
    assert glasgow["Need: Claimants aged 16 to 24"].endswith("(March 2022)")
    assert not [c for c in table.columns if "per" in c.lower() or "ratio" in c.lower()]


def test_council_delivery_for_a_council_held_missing_and_scotland(catalogue: Catalogue) -> None:
    fife = delivery.council_delivery(catalogue, FIFE)
    assert fife is not None and fife.held
    assert fife.figures["in_employment_at_52_weeks"] == 11  # as published; never ranked
    stirling = delivery.council_delivery(catalogue, STIRLING)
    assert stirling is not None and not stirling.held
    assert set(stirling.figures.values()) == {None}
    assert delivery.council_delivery(catalogue, "S92000003") is None


def test_a_catalogue_without_the_table_has_no_figures_and_says_nothing_false() -> None:
    bare = Catalogue(load_registry(), dataclasses.replace(load_snapshot(), delivery=None))
    assert bare.delivery().empty
    assert delivery.yearly_starts(bare).empty
    assert delivery.council_coverage(bare) == (0, [])
    with pytest.raises(KeyError, match="unknown delivery measures"):
        bare.delivery(measures=["people_helped"])
