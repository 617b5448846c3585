"""Trends, Data and downloads, and About the data: real figures, shared links, real files."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_sources import export
from data_sources.schema import Status
from data_sources.snapshot import load_snapshot
from geo.council_areas import SCOTLAND_CODE, council_areas
from indicators.catalogue import Catalogue
from indicators.glossary import STATUS_EXPLANATIONS
from metadata.registry import load_registry
from tests.charts import drawn_charts
from tests.conftest import REPO_ROOT
from tests.pages.conftest import MediaFiles, open_chart_table
from ui import downloads, trend_figures

GLASGOW = "S12000049"
EDINBURGH = "S12000036"
ALL_33 = [SCOTLAND_CODE, *(a.code for a in council_areas())]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


def page_text(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [i.value for i in app.info] + [w.value for w in app.warning]
    return "\n".join(parts)


def chart_spec(app: AppTest, index: int = 0) -> dict[str, Any]:
    return drawn_charts(app)[index].figure


# --- Trends ----------------------------------------------------------------------------------


def test_trends_default_view(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/trends.py")
    assert app.selectbox(key="trends_indicator").value == "employment_rate"
    assert app.multiselect(key="trends_areas").value == [SCOTLAND_CODE, GLASGOW, EDINBURGH]
    assert app.checkbox(key="trends_zoom").value is False
    assert app.query_params["areas"] == f"{SCOTLAND_CODE},{GLASGOW},{EDINBURGH}"
    text = page_text(app)
    # SG Sub-Scotland Economic Statistics Database, Table 11: Scotland 74.7% in 2023; council
    # areas' 2023 estimates are withheld (note 14), so Glasgow's latest is 72.1% in 2022.
    assert "Scotland 74.7% (2023)" in text
    assert "Glasgow City 72.1% (2022)" in text
    assert "Glasgow City: suppressed in 2023 [1]." in text
    assert "Not published by the Scottish Government" in text
    table = open_chart_table(app, "trend_chart").dataframe[0].value
    assert len(table) == 3 * 20  # 2004 to 2023 for three areas, suppressed years kept
    assert set(table["Area"]) == {"Scotland", "Glasgow City", "City of Edinburgh"}
    suppressed = table.loc[
        table["Status"].str.startswith("Suppressed"), "Employment rate (16 to 64)"
    ]
    assert len(suppressed) > 0 and suppressed.isna().all()  # missing, never zero
    spec = chart_spec(app)
    assert spec["layout"]["yaxis"]["rangemode"] == "tozero"
    lines = [t for t in spec["data"] if t.get("mode") == "lines+markers"]
    assert [t["name"] for t in lines] == ["Scotland", "Glasgow City", "City of Edinburgh"]
    # Told apart by more than colour: every line has its own marker and dash.
    assert len({(t["marker"]["symbol"], t["line"]["dash"]) for t in lines}) == 3


def test_trends_marks_covid_and_the_aps_reweighting_for_employment(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/trends.py", indicator="employment_rate")
    text = page_text(app)
    assert "**COVID-19 pandemic** (23 March 2020 to 9 August 2021; marked as a shaded band)" in text
    assert "**APS reweighting (series break)** (from 1 January 2020; marked as a dashed" in text
    layout = chart_spec(app)["layout"]
    kinds = {(s["type"], s.get("line", {}).get("dash")) for s in layout["shapes"]}
    assert ("rect", None) in kinds and ("line", "dash") in kinds
    labels = [a["text"] for a in layout["annotations"]]
    assert "COVID-19 pandemic: shaded band" in labels
    assert "APS reweighting (series break): dashed line" in labels


def test_trends_restores_a_shared_view_from_the_url(open_page: Callable[..., AppTest]) -> None:
    app = open_page(
        "pages/trends.py",
        indicator="employment_rate",
        areas=f"{SCOTLAND_CODE},{GLASGOW}",
        zoom="1",
    )
    assert app.selectbox(key="trends_indicator").value == "employment_rate"
    assert app.multiselect(key="trends_areas").value == [SCOTLAND_CODE, GLASGOW]
    assert app.checkbox(key="trends_zoom").value is True
    assert app.query_params["zoom"] == "1"
    assert chart_spec(app)["layout"]["yaxis"]["rangemode"] == "normal"
    assert set(open_chart_table(app, "trend_chart").dataframe[0].value["Area"]) == {
        "Scotland",
        "Glasgow City",
    }


def test_trends_unknown_area_gets_a_friendly_message(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/trends.py", areas=f"{GLASGOW},S12999999,S12000046")
    # One message for the whole list, naming only what the dashboard knows.
    assert [i.value for i in app.info] == [
        "1 entry in the link's list of areas was left out: not Scottish council areas. "
        "S12000046 is an old code; showing Glasgow City under its current code S12000049."
    ]
    assert app.multiselect(key="trends_areas").value == [GLASGOW]
    assert app.query_params["areas"] == GLASGOW


def test_trends_scotland_only_indicator_says_so(open_page: Callable[..., AppTest]) -> None:
    app = open_page(
        "pages/trends.py", indicator="disability_employment_gap", areas=f"{SCOTLAND_CODE},{GLASGOW}"
    )
    assert "published for Scotland only, so there are no figures for Glasgow City" in page_text(app)
    assert set(open_chart_table(app, "trend_chart").dataframe[0].value["Area"]) == {"Scotland"}


def test_trends_zoom_checkbox_writes_the_url(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/trends.py")
    app.checkbox(key="trends_zoom").check().run()
    assert not app.exception
    assert app.query_params["zoom"] == "1"
    assert chart_spec(app)["layout"]["yaxis"]["rangemode"] == "normal"


def test_interval_bands_leave_gaps_where_an_interval_is_missing(catalogue: Catalogue) -> None:
    # Youth employment, Clackmannanshire: 2021 unreliable and 2023 suppressed, so three runs.
    frame = catalogue.series("youth_employment_rate", "S12000005")
    indicator = catalogue.indicator("youth_employment_rate")
    fig, _ = trend_figures.trend_chart(frame, indicator, (), zoom=False)
    bands = [t for t in fig.data if str(t.name).endswith(": 95% interval")]
    assert len(bands) == 2  # 2004 to 2020, then 2022 alone
    for band in bands:
        assert not any(pd.isna(v) for v in band.y)


def test_events_outside_the_chart_are_listed_not_drawn(catalogue: Catalogue) -> None:
    events = catalogue.registry.events_for("employment_rate")
    placed = trend_figures.place_events(events, "2004-07-01", "2015-07-01")
    assert [p.shown for p in placed] == [False, False]


def test_gap_sentences_number_each_publisher_note_once() -> None:
    frame = pd.DataFrame(
        {
            "area_name": ["A", "A", "B"],
            "period_label": ["2022", "2023", "2023"],
            "period_end": ["2022-12-31", "2023-12-31", "2023-12-31"],
            "status": ["ok", "suppressed", "suppressed"],
            "status_detail": [None, "Sample too small", "Sample too small"],
        }
    )
    sentences, notes = trend_figures.gap_sentences(frame)
    assert sentences == ["A: suppressed in 2023 [1].", "B: suppressed in 2023 [1]."]
    assert notes == ["Sample too small"]


# --- Data and downloads ------------------------------------------------------------------------


def test_data_default_preview_counts_real_rows(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/data.py")
    assert app.multiselect(key="data_indicators").value == ["claimant_rate"]
    assert app.multiselect(key="data_areas").value == [SCOTLAND_CODE, "all"]
    # ONS claimant rate: 2001 to 2025 for Scotland and the 32 council areas, 25 x 33 figures.
    assert "**825 rows** for 1 indicator and 33 areas, periods ending from 2001 to 2025" in (
        page_text(app)
    )
    preview = app.dataframe[0].value
    assert len(preview) == 825
    assert list(preview.columns) == list(export.EXPORT_HEADINGS.values())


def test_data_csv_download_is_the_tidy_export_of_the_selection(
    open_page: Callable[..., AppTest], media_files: MediaFiles
) -> None:
    app = open_page("pages/data.py")
    file = media_files.downloaded(app, "data_csv")
    assert (
        file.filename
        == "nolb_claimant-rate-yearly-average_scotland-and-all-council-areas_2001-2025_"
        "snapshot-2026-01-20.csv"
    )
    snapshot = load_snapshot()
    rows = export.select_rows(snapshot.observations, indicators=["claimant_rate"], areas=ALL_33)
    expected = export.tidy_export(rows, load_registry(), snapshot.manifest)
    assert file.content == export.to_csv_bytes(expected)
    parsed = pd.read_csv(io.BytesIO(file.content))
    pd.testing.assert_frame_equal(parsed, pd.read_csv(io.BytesIO(export.to_csv_bytes(expected))))
    assert len(parsed) == 825
    # The yearly claimant rate says on every row that it is a calendar-year average.
    assert set(parsed["Period covers"]) == {
        "Calendar-year average (the mean of the 12 monthly figures, January to December)"
    }


def test_data_selection_comes_from_the_url(
    open_page: Callable[..., AppTest], media_files: MediaFiles
) -> None:
    app = open_page(
        "pages/data.py",
        indicators="employment_rate,not_real",
        areas=f"{GLASGOW},nowhere",
        **{"from": "2010", "to": "2015"},
    )
    assert [i.value for i in app.info] == [
        "1 entry in the link's list of indicators was left out: not indicators we publish.",
        "1 entry in the link's list of areas was left out: not Scottish council areas.",
    ]
    assert app.multiselect(key="data_indicators").value == ["employment_rate"]
    assert app.multiselect(key="data_areas").value == [GLASGOW]
    preview = app.dataframe[0].value
    # SG Sub-Scotland Economic Statistics Database, Table 11: Glasgow City 61.4% in 2010.
    assert list(preview["Period"]) == ["2010", "2011", "2012", "2013", "2014", "2015"]
    assert preview.iloc[0]["Value"] == pytest.approx(61.4)
    file = media_files.downloaded(app, "data_csv")
    assert file.filename == (
        "nolb_employment-rate-16-to-64_glasgow-city_2010-2015_snapshot-2026-01-20.csv"
    )
    assert app.query_params["indicators"] == "employment_rate"
    assert app.query_params["areas"] == GLASGOW


def test_data_page_offers_excel_and_everything(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/data.py")
    labels = [b.label for b in app.get("download_button")]
    assert labels == [
        "Download CSV",
        "Download Excel (with an “About these figures” sheet)",
        "Download everything (CSV)",
    ]
    assert "File: nolb_all-figures_snapshot-2026-01-20.csv" in page_text(app)


def test_download_names_say_what_the_file_holds(catalogue: Catalogue) -> None:
    one = downloads.Selection(("claimant_rate",), (GLASGOW,), 2001, 2025)
    assert downloads.file_name(catalogue, one, "csv") == (
        "nolb_claimant-rate-yearly-average_glasgow-city_2001-2025_snapshot-2026-01-20.csv"
    )
    many = downloads.Selection(
        tuple(i.id for i in catalogue.indicators()[:4]), ("all",), 2020, 2020
    )
    assert downloads.file_name(catalogue, many, "xlsx") == (
        "nolb_4-indicators_all-council-areas_2020_snapshot-2026-01-20.xlsx"
    )
    assert len(many.area_codes) == 32


def test_download_bytes_match_the_command_line_export(catalogue: Catalogue, tmp_path: Any) -> None:
    out = tmp_path / "all.csv"
    assert export.main(["--format", "csv", "--out", str(out)]) == 0
    assert downloads.everything_csv_bytes(catalogue) == out.read_bytes()
    selection = downloads.Selection(("employment_rate",), (GLASGOW,), 2004, 2023)
    rows = downloads.selected_rows(catalogue, selection)
    out = tmp_path / "glasgow.csv"
    assert (
        export.main(["--indicator", "employment_rate", "--area", GLASGOW, "--out", str(out)]) == 0
    )
    assert downloads.csv_bytes(catalogue, rows) == out.read_bytes()
    workbook = pd.read_excel(io.BytesIO(downloads.xlsx_bytes(catalogue, rows)), sheet_name=None)
    assert set(workbook) == {"Data", "About these figures"}
    assert "2026-01-20" in workbook["About these figures"].iloc[0]["detail"]


# --- About the data ----------------------------------------------------------------------------


def test_about_lists_every_indicator_release_and_status(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/about.py")
    registry = load_registry()
    manifest = load_snapshot().manifest
    text = page_text(app)
    expanders = [e.label for e in app.expander]
    for indicator in registry.indicators.values():
        assert indicator.title in expanders
        assert indicator.definition in text
        assert indicator.caveats in text
    for release in manifest.releases:
        assert release.release_id in text
        assert release.publisher in text
    for explanation in STATUS_EXPLANATIONS.values():
        assert explanation.meaning in text
    for event in registry.events.values():
        assert event.title in text and event.url in text
    for target in registry.targets.values():
        assert target.url in text
    # ONS claimant rate: 2001 to 2025, 825 figures.
    assert "| Claimant rate (yearly average) |" in text and "| 2001 to 2025 | 825 |" in text
    assert "Where sources disagreed" in [s.value for s in app.subheader]
    assert "kept 90.4 from" in text  # participation 2016: SDS headline kept over the RESAS sum


def test_every_status_has_an_explanation() -> None:
    assert set(STATUS_EXPLANATIONS) == set(Status)


def test_about_page_reads_nothing_typed_twice() -> None:
    """Titles and definitions come from the registry, never typed into the page."""
    source = (REPO_ROOT / "pages" / "about.py").read_text(encoding="utf-8")
    for indicator in load_registry().indicators.values():
        assert indicator.definition[:40] not in source
        assert f'"{indicator.title}"' not in source


def test_about_says_how_to_cite_and_that_no_feedback_address_is_set(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOLB_FEEDBACK_ADDRESS", raising=False)
    app = open_page("pages/about.py")
    headers = [h.value for h in app.header]
    assert {"How to cite these figures", "Feedback and contact"} <= set(headers)
    text = page_text(app)
    service = load_registry().service
    assert f"{service.title}, data snapshot of 2026-01-20" in text
    # No address is invented: the page says none is set, once under Feedback and once in the
    # accessibility statement's "Reporting accessibility problems".
    assert text.count(" ".join(service.feedback.unset.split())) == 2
    assert "mailto:" not in text and "example-org" not in text


def test_about_gives_the_feedback_address_the_deployment_sets(
    open_page: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOLB_FEEDBACK_ADDRESS", "labour_market.stats@example.gov.scot")
    app = open_page("pages/about.py")
    text = page_text(app)
    label = r"labour\_market\.stats@example\.gov\.scot"
    link = f"[{label}](mailto:labour_market.stats@example.gov.scot)"
    assert text.count(f"Write to {link}. We aim to reply within 10 working days.") == 2
    assert load_registry().service.feedback.unset not in text


def test_about_has_the_accessibility_statement_the_regulations_ask_for(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/about.py")
    assert "Accessibility statement" in [h.value for h in app.header]
    subheaders = [s.value for s in app.subheader]
    for required in [
        "Compliance status",
        "Non-accessible content",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Preparation of this accessibility statement",
    ]:
        assert required in subheaders, required
    text = page_text(app)
    assert (
        "This dashboard is partially compliant with the Web Content Accessibility Guidelines "
        "version 2.2 AA standard, due to the non-compliances listed below." in text
    )
    statement = load_registry().service.accessibility
    for item in statement.non_accessible:
        assert f"{item.problem} This fails WCAG 2.2 success criterion {item.criteria}." in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert (
        "[Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/)"
        in (text)
    )
    assert "This statement was prepared on 1 December 2026." in text


def test_about_lists_each_series_vintage_and_breaks(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/about.py")
    assert "Vintages and series breaks" in [h.value for h in app.header]
    text = " ".join(m.value for m in app.markdown)
    # The gap's vintage (the 2023 edition's 32.7 for 2019) and participation's breaks.
    assert "2019 to 2022 from the Scottish Government's 2023 edition" in text
    assert "APM adds HMRC pay data (series break), from 1 April 2022" in text
    assert "Universal Credit earnings threshold raised (series break), from 1 May 2024" in text
    assert "Local Government Benchmarking Framework data, Spatial Hub download" in text
