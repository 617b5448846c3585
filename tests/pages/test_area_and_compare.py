"""The Area profile (/area) and Compare areas (/compare) pages on the embedded snapshot."""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_sources.snapshot import load_snapshot
from indicators.catalogue import Catalogue
from indicators.peer_comparison import council_indicators
from metadata.registry import load_registry
from tests.pages.conftest import MediaFiles, html_table, html_tables, open_chart_table

AREA_PAGE = "pages/area.py"
COMPARE_PAGE = "pages/compare.py"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


def open_area(open_page: Callable[..., AppTest], **params: str) -> AppTest:
    """Open /area. Its url path ("area") differs from its file name, and AppTest can only match
    such a page after a first run has registered the navigation, so run the app once first."""
    app = open_page()
    app.switch_page(AREA_PAGE)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def profile_table(app: AppTest) -> pd.DataFrame:
    """Every measure at a glance, by indicator; the area's own figures are headed by its name."""
    return html_table(app, "profile_every_measure").value.set_index("Indicator")


def sorts_as_numbers(table: pd.DataFrame, column: str) -> None:
    """The table's column holds numbers, so sorting by it gives numeric order (3.4 before
    10.2); a column sent as text fails here."""
    assert pd.api.types.is_numeric_dtype(table[column]), (column, table[column].dtype)
    values = [float(v) for v in table.sort_values(column)[column].dropna()]
    assert len(values) > 1 and values == sorted(values)


def deferred_csv(app: AppTest, key: str, media_files: MediaFiles) -> pd.DataFrame:
    """Click-time bytes of a download button whose data is built on click, read as CSV."""
    button = next(b for b in app.get("download_button") if b.proto.id.endswith(key))
    assert button.proto.deferred_file_id, f"{key} is not built on click"
    return pd.read_csv(io.BytesIO(media_files.downloaded(app, key).content))


def markdown_text(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown)


def info_text(app: AppTest) -> str:
    return " ".join(i.value for i in app.info)


# --- /area ------------------------------------------------------------------------------


def test_area_profile_defaults_to_glasgow_against_its_neighbours(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_area(open_page)
    assert app.title[0].value == "Area profile"
    assert app.selectbox(key="profile_area").value == "S12000049"
    assert app.selectbox(key="profile_compare").value == "neighbours"
    text = markdown_text(app)
    assert "**Glasgow City compared with neighbouring areas.**" in text
    assert "East Dunbartonshire, East Renfrewshire, North Lanarkshire" in text
    table = profile_table(app)
    # ONS claimant rate 2025: Glasgow City 4.6%, the highest of the 32 areas; Scotland 3.0%.
    claimant = table.loc["Claimant rate (yearly average)"]
    assert claimant["Period"] == "2025"
    assert (claimant["Glasgow City"], claimant["Unit"]) == (pytest.approx(4.6), "%")
    assert claimant["Scotland"] == pytest.approx(3.0)
    assert (claimant["Rank (1 = best)"], claimant["Rank note"]) == (32, "of 32")
    assert claimant["Compared with Scotland"] == "Worse"
    assert claimant["Compared with neighbouring areas"] == "Worse"
    assert claimant["Change"] == pytest.approx(-0.2)
    assert (claimant["Change on"], claimant["Change verdict"]) == ("2024", "Improved")
    assert claimant["Status"] == "Published"
    # SG APS 2022: 72.1% (68.5 to 75.7) against Scotland 74.4%: the interval includes it.
    employment = table.loc["Employment rate (16 to 64)"]
    assert (employment["Lower 95%"], employment["Upper 95%"]) == (
        pytest.approx(68.5),
        pytest.approx(75.7),
    )
    assert employment["Compared with Scotland"] == "Not significantly different"
    assert app.query_params["area"] == "S12000049"
    assert app.query_params["compare"] == "neighbours"


def test_area_profile_grids_hold_numbers_that_sort_as_numbers(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_area(open_page)
    table = profile_table(app)
    columns = ("Glasgow City", "Lower 95%", "Scotland", "Peer median", "Rank (1 = best)", "Change")
    for column in columns:
        sorts_as_numbers(table, column)
    youth = html_table(app, "profile_youth").value
    for column in ("2019 figure", "Latest figure", "Change"):
        sorts_as_numbers(youth, column)
    open_chart_table(app, "profile_spine")
    spine = html_table(app, "profile_spine_rows").value
    for column in ("Glasgow City", "Lowest council area", "Highest council area"):
        sorts_as_numbers(spine, column)


def test_area_profile_has_young_people_and_disability_sections(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_area(open_page)
    headers = [h.value for h in app.header]
    assert "Young people" in headers
    assert "Where Glasgow City sits among Scotland's council areas" in headers
    text = markdown_text(app)
    # LGBF ECON12b: 3.3% in March 2019, 7.9% in March 2021.
    assert "7.9% in March 2021 against 3.3% in March 2019" in text
    assert "not available in the data held here" in text
    assert "shown for Scotland only" in text
    # The table's sources are folded away and built only when unfolded (issue 12).
    assert "Source: Office for National Statistics" not in text
    app.session_state["profile_table_sources"] = True
    app.run()
    assert "Source: Office for National Statistics" in markdown_text(app)


def test_area_profile_restores_fife_and_its_partnerships_from_the_url(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_area(open_page, area="S12000047", compare="partnership")
    assert app.selectbox(key="profile_area").value == "S12000047"
    assert app.selectbox(key="profile_compare").value == "partnership"
    text = markdown_text(app)
    assert "Fife belongs to two Regional Economic Partnerships" in text
    assert "Edinburgh and South East Scotland City Region and Tay Cities Region" in text
    assert "(8 areas)" in text
    table = profile_table(app)
    # ONS claimant rate 2025: Fife 3.2%.
    assert table.loc["Claimant rate (yearly average)", "Fife"] == pytest.approx(3.2)
    assert "Compared with partnership areas" in table.columns


def test_area_profile_explains_a_bad_area_and_falls_back(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_area(open_page, area="XYZ", compare="rivals")
    messages = info_text(app)
    assert "The link asks for an area that is not a Scottish council area" in messages
    assert "comparison that is not one of those offered, so neighbouring areas are shown" in (
        messages
    )
    assert "XYZ" not in messages and "rivals" not in messages  # the link is never quoted
    assert app.selectbox(key="profile_area").value == "S12000049"
    assert app.selectbox(key="profile_compare").value == "neighbours"
    assert profile_table(app).loc["Claimant rate (yearly average)", "Glasgow City"] == (
        pytest.approx(4.6)
    )


def test_area_profile_maps_the_old_glasgow_code(open_page: Callable[..., AppTest]) -> None:
    app = open_area(open_page, area="S12000046")
    assert "S12000046 is an old code; showing Glasgow City" in info_text(app)
    assert app.selectbox(key="profile_area").value == "S12000049"
    assert app.query_params["area"] == "S12000049"


def test_area_profile_custom_areas_from_the_url(open_page: Callable[..., AppTest]) -> None:
    app = open_area(open_page, area="S12000023", compare="custom", areas="S12000049,nope")
    assert app.multiselect(key="profile_compare_custom_areas").value == ["S12000049"]
    assert "Orkney Islands is compared with the 1 council area you chose: Glasgow City." in (
        markdown_text(app)
    )
    assert app.query_params["areas"] == "S12000049"
    table = profile_table(app)
    # Orkney's 2022 youth employment estimate is withheld: missing, never zero.
    youth = table.loc["Youth employment rate (16 to 24)"]
    assert pd.isna(youth["Orkney Islands"])
    assert youth["Status"].startswith("Unreliable: Rate published without its 95% interval")


def test_area_profile_similar_areas_show_the_method(open_page: Callable[..., AppTest]) -> None:
    app = open_area(open_page, compare="similar")
    text = markdown_text(app)
    assert "Dundee City, Aberdeen City, North Ayrshire, Inverclyde and Fife" in text
    assert "z-score" in text


def test_area_profile_changing_comparator_updates_the_url(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_area(open_page)
    app.selectbox(key="profile_compare").set_value("scotland").run()
    assert not app.exception
    assert app.query_params["compare"] == "scotland"
    assert "all 31 other council areas" in markdown_text(app)


# --- /compare ---------------------------------------------------------------------------


def test_compare_defaults_to_glasgow_claimant_rate(open_page: Callable[..., AppTest]) -> None:
    app = open_page(COMPARE_PAGE)
    assert app.title[0].value == "Compare areas"
    assert app.selectbox(key="compare_indicator").value == "claimant_rate"
    metrics = {m.label: m.value for m in app.metric}
    # ONS claimant rate 2025: Glasgow 4.6%; neighbours 1.6 to 3.7%, median 2.65; Scotland 3.0%.
    assert metrics["Glasgow City"] == "4.6%"
    assert metrics["Peer median"] == "2.7%"
    assert metrics["Lowest peer"] == "1.6%"
    assert metrics["Highest peer"] == "3.7%"
    assert metrics["Scotland"] == "3.0%"
    text = markdown_text(app)
    assert "compared as exact numbers" in text
    assert "It is higher than Scotland's 3.0% (worse)." in text


def test_compare_claims_a_difference_only_when_intervals_support_it(
    open_page: Callable[..., AppTest], catalogue: Catalogue
) -> None:
    app = open_page(COMPARE_PAGE, indicator="employment_rate", period="2022")
    text = markdown_text(app)
    assert "72.1% (95% confidence interval 68.5% to 75.7%)" in text
    assert "not significantly different from Scotland's 74.4%" in text
    open_chart_table(app, "compare_bars")
    group_table = html_table(app, "compare_bars_rows").value
    assert len(group_table) == 7
    top = group_table.iloc[0]
    assert (top["Area"], top["Rank in group (1 = best)"]) == ("South Lanarkshire", 1)
    assert top["Compared with Glasgow City"] == "Better than Glasgow City"
    # The peer chart is drawn on demand (issue 12); switched on, its own table (one row)
    # comes before every measure (nine rows).
    app.toggle(key="compare_peer_shown").set_value(True).run()
    open_chart_table(app, "compare_peer")
    chart_table, every_measure = [
        t.value for t in html_tables(app) if "Peers with a figure" in t.columns
    ]
    assert list(chart_table["Indicator"]) == ["Employment rate (16 to 64)"]
    assert len(every_measure) == len(council_indicators(catalogue))
    assert "No figure held" not in set(every_measure["Status"])
    # The peers' median, 2.65, shown to the claimant rate's one declared decimal.
    assert every_measure.set_index("Indicator").loc[
        "Claimant rate (yearly average)", "Peer median"
    ] == pytest.approx(2.7)
    for table in (group_table, every_measure):
        sorts_as_numbers(table, "Lower 95%" if "Lower 95%" in table.columns else "Peer median")


def test_compare_restores_custom_areas_and_explains_bad_entries(
    open_page: Callable[..., AppTest],
) -> None:
    app = open_page(
        COMPARE_PAGE, area="S12000023", compare="custom", areas="S12000049,S12000036,bad"
    )
    assert (
        info_text(app)
        == "1 entry in the link's list of areas was left out: not Scottish council areas."
    )
    assert app.multiselect(key="compare_group_custom_areas").value == ["S12000049", "S12000036"]
    assert app.query_params["areas"] == "S12000049,S12000036"
    assert "Orkney Islands' claimant rate (yearly average) was 1.6%" in markdown_text(app)


def test_area_chart_downloads_hold_the_rows_behind_each_chart(
    open_page: Callable[..., AppTest],
    media_files: MediaFiles,
    catalogue: Catalogue,
) -> None:
    app = open_area(open_page, area="S12000047")
    spine = deferred_csv(app, "profile_spine_csv", media_files)
    # Every row of the latest period of each drawn indicator, for councils and Scotland.
    assert set(spine["Area"]) >= {"Fife", "Scotland", "Glasgow City"}
    claimant = spine[spine["Indicator"] == "Claimant rate (yearly average)"]
    assert set(claimant["Period"].astype(str)) == {"2025"}
    assert len(claimant) == 33
    fife = claimant[claimant["Area"] == "Fife"].iloc[0]
    latest = catalogue.latest("claimant_rate", "S12000047")
    assert latest is not None
    assert fife["Value"] == pytest.approx(float(latest["value"]))
    # The peer chart is drawn on demand (issue 12); switched on, it has its download.
    assert not any(b.proto.id.endswith("profile_peers_csv") for b in app.get("download_button"))
    app.toggle(key="profile_peers_shown").set_value(True).run()
    assert not app.exception
    peers = deferred_csv(app, "profile_peers_csv", media_files)
    assert set(peers["Indicator"]) <= set(spine["Indicator"])
    assert "Claimant rate (yearly average)" in set(peers["Indicator"])
