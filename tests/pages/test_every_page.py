"""Every page registered in app.py renders on the embedded snapshot with real figures."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data_sources.store import POINTER_DAMAGED
from metadata.registry import load_registry
from tests.conftest import REPO_ROOT
from tests.pages.conftest import html_table, open_chart_table

TESTED_PAGES = {
    "pages/overview.py",
    "pages/map.py",
    "pages/targets.py",
    "pages/delivery.py",  # tests/pages/test_delivery.py
    "pages/area.py",
    "pages/compare.py",
    "pages/trends.py",
    "pages/data.py",
    "pages/about.py",
    "pages/whats_new.py",  # tests/pages/test_whats_new.py
}


def registered_pages() -> set[str]:
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "Page"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_every_registered_page_has_a_test() -> None:
    assert registered_pages() == TESTED_PAGES


def ranked_table(app: AppTest) -> pd.DataFrame:
    """The ranked table beside the map, as the values its columns sort by."""
    return html_table(app, "ranked_table").value


def footer_text(app: AppTest) -> str:
    return " ".join(c.value for c in app.caption)


def test_overview_shows_real_headline_figures(open_page: Callable[..., AppTest]) -> None:
    app = open_page()
    assert app.title[0].value == "Scotland's labour market at a glance"
    metrics = {m.label: m.value for m in app.metric}
    # ONS Explore local statistics: Scotland's claimant rate was 3.0% in 2025.
    assert metrics["Claimant rate (yearly average), Scotland, 2025"] == "3.0%"
    # SG Sub-Scotland Economic Statistics Database, Table 11: 74.7% in 2023.
    assert metrics["Employment rate (16 to 64), Scotland, 2023"] == "74.7%"
    assert metrics["Disability employment gap, Scotland, 2022"] == "31.9 pp"
    sentences = " ".join(m.value for m in app.markdown)
    assert "not significantly different" in sentences or any(
        "not significantly different" in str(e.value) for e in app.get("text")
    )
    assert "embedded snapshot" in footer_text(app)


def test_overview_lists_areas_significantly_worse_than_scotland(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page()
    text = " ".join(m.value for m in app.markdown)
    assert "Employment rate (16 to 64), 2022" in text
    assert "Clackmannanshire (67.2%)" in text


def test_map_defaults_to_claimant_rate_latest_year(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/map.py")
    assert app.selectbox(key="map_indicator").value == "claimant_rate"
    table = ranked_table(app)
    assert list(table.columns[:4]) == ["Rank", "Tie", "Area", "Claimant rate (yearly average)"]
    top = table.iloc[0]
    assert (top["Area"], top["Claimant rate (yearly average)"], top["Rank"]) == (
        "Shetland Islands",
        1.2,
        1,
    )
    # The rank is a number, so sorting by it puts 2 before 10; a tie's "=" sits beside it.
    assert pd.api.types.is_integer_dtype(table["Rank"])
    ranks = [int(r) for r in table.sort_values("Rank")["Rank"].dropna()]
    assert ranks == sorted(ranks) and ranks[-1] >= 10
    assert set(table["Tie"]) <= {"", "="} and "=" in set(table["Tie"])
    assert len(table) == 32
    assert "embedded snapshot" in footer_text(app)


def test_map_restores_a_shared_view_from_the_url(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/map.py", indicator="youth_employment_rate", period="2022")
    assert app.selectbox(key="map_indicator").value == "youth_employment_rate"
    table = ranked_table(app)
    assert table.iloc[0]["Area"] == "Na h-Eileanan Siar"
    assert table.iloc[0]["Youth employment rate (16 to 24)"] == 74.0
    unranked = table[table["Rank"].isna()]
    assert set(unranked["Area"]) == {"Orkney Islands", "Shetland Islands"}
    assert app.query_params["period"] == "2022-01-01/P1Y"


def test_map_explains_a_bad_link_and_falls_back(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/map.py", indicator="not_a_thing", period="1066")
    messages = [i.value for i in app.info]
    assert messages == [
        "The link asks for an indicator that we do not publish, so the default is shown.",
        "There are no figures for the period the link names, so the latest is shown.",
    ]
    assert app.selectbox(key="map_indicator").value == "claimant_rate"


def test_map_changing_indicator_updates_table_and_url(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/map.py")
    app.selectbox(key="map_indicator").set_value("unemployment_rate").run()
    assert not app.exception
    assert app.query_params["indicator"] == "unemployment_rate"
    assert "Unemployment rate (16+, model-based)" in ranked_table(app).columns


def test_targets_page_shows_gap_status_and_youth_guarantee(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page("pages/targets.py")
    metrics = {m.label: m.value for m in app.metric}
    # Labour Market Statistics for Scotland by Disability, Jan-Dec 2022: gap 31.9 pp.
    assert metrics["Gap in 2022"] == "31.9 pp"
    # Path value in 2022 is 32.3 (37.4 - 6 x 0.85); no published interval, point estimate used.
    assert metrics["Status against the straight-line path"] == "On track"
    assert metrics["Change needed each year to 2038"] == "-0.82 pp"
    text = " ".join(m.value for m in app.markdown)
    assert "point estimate is compared with the path (32.3)" in text
    assert "50.7% in 2022, is already above the milestone" in text
    # YPG update report March 2023: 10.2% in 2021 against 8.1% in 2019.
    assert metrics["Youth unemployment rate, excluding full-time students (16 to 24), 2021"] == (
        "10.2%"
    )
    assert metrics["Back to the pre-COVID level?"] == "Not yet"
    assert "Of 32 council areas with both figures: 0 better than in 2019, 32 worse" in text
    assert any("largely due to a rise in people" in i.value for i in app.info)


def test_overview_says_whether_targets_are_on_track(open_page: Callable[..., AppTest]) -> None:
    app = open_page()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["At least halve the disability employment gap by 2038"] == "On track"
    youth_target = "Youth unemployment (excluding full-time students) back to its pre-COVID level"
    assert metrics[youth_target] == "Off track"


def test_map_tiles_and_selected_area_come_from_the_url(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/map.py", layout="tiles", area="S12000049")
    text = " ".join(m.value for m in app.markdown)
    # ONS claimant rate 2025: Glasgow City 4.6%, the highest of the 32 areas.
    assert "**Selected: Glasgow City**, 4.6%, rank 32 of 32." in text
    assert app.query_params["layout"] == "tiles"


def test_a_corrupt_refreshed_snapshot_falls_back_to_the_embedded_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_page: Callable[..., AppTest]
) -> None:
    (tmp_path / "CURRENT").write_text("20261101T000000Z-deadbeef\n", encoding="utf-8")
    (tmp_path / "snapshots" / "20261101T000000Z-deadbeef").mkdir(parents=True)
    monkeypatch.setenv("NOLB_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    try:
        app = open_page()
        warning = " ".join(w.value for w in app.warning)
        assert "embedded snapshot is shown instead" in warning
        # Plain words for visitors: no server paths, no raw file contents (those are logged).
        assert POINTER_DAMAGED in warning
        assert str(tmp_path) not in warning and "20261101T000000Z-deadbeef" not in warning
        # Real figures still shown, from the embedded snapshot.
        assert {m.label: m.value for m in app.metric}[
            "Claimant rate (yearly average), Scotland, 2025"
        ] == "3.0%"
    finally:
        st.cache_resource.clear()


def test_about_says_what_the_data_update_changed(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/about.py")
    text = " ".join(m.value for m in app.markdown)
    assert "What changed in this data update" in [h.value for h in app.subheader]
    # The embedded snapshot's CHANGES.md, with indicator ids in the user's words.
    # This build against the one before it: the publisher's 2023 participation headline.
    assert (
        "Revised: Participation of 16 to 19 year olds, Scotland, 2023 (Apr 2022 to Mar 2023): "
        "92.7 (ok) -> 94.3 (ok)" in text
    )


def test_figures_in_tables_sort_as_numbers_and_show_their_unit(
    open_page: Callable[..., AppTest],
) -> None:
    """Text would sort "10.6%" before "4.4%"; the table sorts a number column as numbers and
    shows each number in its unit, formatted on the server."""
    app = open_page("pages/map.py", indicator="youth_claimant_rate")
    title = load_registry().indicator("youth_claimant_rate").title
    ranked = html_table(app, "ranked_table")
    values = ranked.value[title]
    assert pd.api.types.is_float_dtype(values)
    assert values.min() < 10 < values.max()  # a column where sorting as text goes wrong
    assert ranked.numeric[title] and ranked.numeric["Rank"] and not ranked.numeric["Area"]
    assert list(ranked.text[title]) == [f"{v:.1f}%" for v in values]
    # The data table behind each chart too.
    chart_table = html_table(open_chart_table(app, "choropleth"), "choropleth_rows")
    assert pd.api.types.is_float_dtype(chart_table.value[title]) and chart_table.numeric[title]
    assert list(chart_table.text[title]) == [f"{v:.1f}%" for v in chart_table.value[title]]

    counts = html_table(
        open_chart_table(open_page("pages/map.py", indicator="youth_claimant_count"), "choropleth"),
        "choropleth_rows",
    )
    counts_title = "Claimants aged 16 to 24"
    assert pd.api.types.is_numeric_dtype(counts.value[counts_title])
    shown = dict(zip(counts.value["Area"], counts.text[counts_title], strict=True))
    # DWP via Nomis, claimants aged 16 to 24: thousands separated, no decimals.
    assert all("." not in s for s in shown.values())
    assert any("," in s for s in shown.values())
