"""The No One Left Behind delivery page, the /area section and the Targets note, via AppTest."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_sources.snapshot import load_snapshot
from indicators.catalogue import Catalogue
from metadata.registry import load_registry
from tests.charts import drawn_charts
from tests.data_sources.test_export_formulas import PAYLOAD, formula_like
from tests.pages.conftest import MediaFiles
from ui import session

GLASGOW, STIRLING = "S12000049", "S12000030"


def all_text(app: AppTest) -> str:
    return " ".join(
        [m.value for m in app.markdown]
        + [h.value for h in [*app.header, *app.subheader, *app.title]]
        + [w.value for w in app.warning]
    )


def frame_with(app: AppTest, first_column: str) -> pd.DataFrame:
    return next(f.value for f in app.dataframe if f.value.columns[0] == first_column)


def test_the_page_shows_each_year_from_its_newest_edition_and_year_ones_revisions(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/delivery.py")
    assert app.title[0].value == "No One Left Behind delivery"
    text = all_text(app)
    assert "official statistics in development" in text
    starts = frame_with(app, "Year")
    assert list(starts["People starting support"]) == [2694, 4849, 14070, 17367, 20988]
    assert starts["Edition shown"].iloc[0].startswith("Statistical Summary July 2024")
    # The break is shown, not mixed: year 1 from 3,824 to 2,694, every printing listed.
    assert "revised year 1 (2019/20) from 3,824" in text and "to 2,694" in text
    revisions = frame_with(app, "Edition")
    assert list(revisions["Year 1 (2019/20)"]) == [3824, 3824, 2767, 2711, 2694]
    assert [chart.key for chart in drawn_charts(app)] == ["delivery_starts"]


def test_the_page_gives_cumulative_totals_and_job_entries_with_their_editions(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/delivery.py")
    tables = [f.value for f in app.dataframe if f.value.columns[0] == "Measure"]
    figures = {figure for table in tables for figure in table["Figure"]}
    assert {"73,470", "61,930", "22,782", "19,146", "31%"} <= figures
    assert all("Edition" in table.columns for table in tables)


def test_the_council_table_is_alphabetical_beside_need_and_says_what_is_missing(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/delivery.py")
    text = all_text(app)
    assert "25 of 32 councils are held" in text
    assert "Stirling" in text and "never filled" in text
    assert "are not ranked" in text
    table = frame_with(app, "Council area")
    assert table["Council area"].iloc[0] == "Aberdeen City"
    assert table["Council area"].iloc[-1] == "West Lothian"  # alphabetical, not by any figure
    glasgow = table[table["Council area"] == "Glasgow City"].iloc[0]
    assert glasgow["Participants (council table)"] == 12930
    assert glasgow["Need: Claimant rate (16 to 64, March)"].endswith("(March 2022)")
    stirling = table[table["Council area"] == "Stirling"].iloc[0]
    assert pd.isna(stirling["Participants in employment at 52 weeks (council table)"])


def test_the_page_says_so_when_no_delivery_table_is_held(
    monkeypatch: pytest.MonkeyPatch, open_page: Callable[..., AppTest]
) -> None:
    bare = Catalogue(load_registry(), dataclasses.replace(load_snapshot(), delivery=None))
    monkeypatch.setattr(session, "_load_catalogue", lambda _pointer: bare)
    app = open_page("pages/delivery.py")
    assert "No yearly figures are held." in [i.value for i in app.info]
    assert "0 of 32 councils are held" in all_text(app)


def test_downloads_neutralise_formulas_in_the_publishers_text(
    monkeypatch: pytest.MonkeyPatch,
    media_files: MediaFiles,
    open_page: Callable[..., AppTest],
) -> None:
    snapshot = load_snapshot()
    assert snapshot.delivery is not None
    cell = "=" + PAYLOAD
    poisoned = snapshot.delivery.assign(edition=cell, source_url="https://x.example/" + cell)
    catalogue = Catalogue(load_registry(), dataclasses.replace(snapshot, delivery=poisoned))
    monkeypatch.setattr(session, "_load_catalogue", lambda _pointer: catalogue)
    app = open_page("pages/delivery.py")
    for key in ("delivery_starts_csv", "delivery_jobs_csv", "delivery_councils_csv"):
        body = media_files.downloaded(app, key).content.decode("utf-8")
        rows = list(csv.reader(io.StringIO(body)))
        assert len(rows) > 1, key
        assert not [c for row in rows for c in row if formula_like(c)], key
    starts = media_files.downloaded(app, "delivery_starts_csv").content.decode("utf-8")
    edition_cells = {row["Edition shown"] for row in csv.DictReader(io.StringIO(starts))}
    assert edition_cells == {"'" + cell}  # kept, but it cannot run


def test_area_profile_shows_the_councils_row_or_that_it_is_not_held(
    open_page: Callable[..., AppTest],
) -> None:
    glasgow = open_page("pages/area.py", area=GLASGOW)
    assert "No One Left Behind delivery" in [h.value for h in glasgow.header]
    metrics = {m.label: m.value for m in glasgow.metric}
    assert metrics["Participants"] == "12,930"
    assert metrics["Participants who entered employment"] == "2,991"
    assert metrics["Participants in employment at 52 weeks"] == "560"
    text = all_text(glasgow)
    assert "nearest council-level view of the disability side" in text
    assert "24.1% in 2023 (95% interval 15.5% to 32.7%)" in text
    stirling = open_page("pages/area.py", area=STIRLING)
    assert "Stirling is not in the published table held here" in all_text(stirling)
    assert "Participants" not in {m.label for m in stirling.metric}


def test_targets_shows_the_nearest_council_view_of_the_disability_side(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/targets.py")
    assert "Council areas: the nearest view of the disability side" in [
        h.value for h in app.subheader
    ]
    text = all_text(app)
    assert "a different one" in text
    assert "comparisons with Scotland are not available" in text
    app.toggle(key="ill_health_shown").set_value(True).run()
    table = next(f.value for f in app.dataframe if f.value.columns[0] == "Area")
    rows = table.set_index("Area")
    assert len(rows) == 32
    assert rows.loc["Glasgow City", "Lower 95%"] == 15.5
    assert rows.loc["Aberdeenshire", "Status"].startswith("Unreliable: Printed by ScotPHO")
    assert rows.loc["Orkney Islands", "Status"].startswith("Suppressed: NA in the ScotPHO")


def test_about_lists_the_delivery_table_with_its_files(open_page: Callable[..., AppTest]) -> None:
    text = all_text(open_page("pages/about.py"))
    assert "**No One Left Behind delivery statistics** (Scottish Government;" in text
    assert "135 figures held beside the others, each with its edition" in text
    assert "nolb_participants_by_council.csv (d408f8906029…)" in text
