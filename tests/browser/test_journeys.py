"""The main journeys in a real headless browser against a running dashboard."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import feedparser
import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import (
    current_url,
    map_area,
    plotly_chart,
    svg_map,
    wait_until_settled,
)

pytestmark = pytest.mark.browser


def track_requests(page: Page, base_url: str) -> list[str]:
    """Every request the page makes that leaves the dashboard's own server."""
    outside: list[str] = []

    def remember(request: Request) -> None:
        if not request.url.startswith((base_url, "data:", "blob:")):
            outside.append(request.url)

    page.on("request", remember)
    return outside


def collect_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_overview_loads_with_real_figures(page: Page, server_url: str) -> None:
    errors = collect_errors(page)
    outside = track_requests(page, server_url)
    page.goto(server_url + "/")
    wait_until_settled(page)
    expect(page.get_by_role("heading", name="Scotland's labour market at a glance")).to_be_visible()
    metric = page.locator('[data-testid="stMetric"]').filter(
        has_text="Claimant rate (yearly average), Scotland, 2025"
    )
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("3.0%")
    expect(page.get_by_text("Data: embedded snapshot", exact=False)).to_be_visible()
    # The embedded snapshot lacks the monthly claimant count (live only), so it is behind its
    # sources on any day after its newest release, and the page says so.
    expect(page.get_by_text("These are not the latest published figures.")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    assert outside == [], f"the page reached outside the dashboard: {outside}"


def test_map_draws_offline_from_a_shared_link(page: Page, server_url: str) -> None:
    errors = collect_errors(page)
    outside = track_requests(page, server_url)
    page.goto(server_url + "/map?indicator=youth_employment_rate&period=2022")
    wait_until_settled(page)
    expect(page.get_by_role("heading", name="Map and ranking of council areas")).to_be_visible()
    # The shared link's view is restored: indicator and period in the pickers.
    expect(page.get_by_text("Youth employment rate (16 to 24), 2022.")).to_be_visible()
    # The map is drawn: 32 council outlines in the map's SVG, no basemap, each a button that
    # says its area's figure (the youth employment rate, 2022).
    areas = svg_map(page).locator("svg path.area")
    expect(areas).to_have_count(32)
    expect(map_area(page, "S12000049")).to_have_attribute(
        "aria-label", "Glasgow City, 56.6%, Rank 17= of 30 (1 = best)"
    )
    # The app's navigation wraps a deep link opened first (sidebar lists our page titles).
    expect(page.get_by_role("link", name="Overview")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    assert outside == [], f"the map reached outside the dashboard: {outside}"


def test_click_an_area_on_the_map_and_reach_its_profile(page: Page, server_url: str) -> None:
    errors = collect_errors(page)
    page.goto(server_url + "/map?layout=tiles")
    wait_until_settled(page)
    # Fife is S12000047 (the default area is Glasgow City, so reaching Fife proves the click
    # carried through).
    map_area(page, "S12000047").click()
    expect(page.get_by_text("Selected: Fife")).to_be_visible(timeout=20_000)
    expect(map_area(page, "S12000047")).to_have_attribute("aria-pressed", "true")
    assert "area=S12000047" in current_url(page)
    page.get_by_role("link", name="Open the profile of Fife").first.click()
    wait_until_settled(page)
    expect(page.get_by_role("heading", name="Area profile")).to_be_visible()
    assert "/area" in page.url and "area=S12000047" in page.url
    expect(
        page.get_by_role("heading", name="Where Fife sits among Scotland's council areas")
    ).to_be_visible()
    assert errors == []


# The area code of the map area that has the focus (null when the focus is off the map).
FOCUSED_AREA = """() => document.activeElement.closest('[data-svg-map]')
    ? document.activeElement.dataset.code : null"""


def test_choose_an_area_on_the_map_with_the_keyboard(page: Page, server_url: str) -> None:
    """The map is one Tab stop; the arrow keys move between its areas in name order, focusing
    an area shows its figure and rank beside it, and Enter or Space selects it."""
    errors = collect_errors(page)
    page.goto(server_url + "/map")
    wait_until_settled(page)
    svg_map(page)
    page.locator(".st-key-map_layout button").last.focus()  # "Equal-area tiles", just before
    page.keyboard.press("Tab")
    # No area is selected yet, so Tab lands on the first by name.
    assert page.evaluate(FOCUSED_AREA) == "S12000033"  # Aberdeen City
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED_AREA) == "S12000034"  # Aberdeenshire
    tooltip = svg_map(page).locator(".tooltip")
    expect(tooltip).to_be_visible()
    # ONS claimant rate 2025 (the default measure).
    expect(tooltip).to_have_text("Aberdeenshire1.9%Rank 5 of 32 (1 = best)")
    focus_ring = svg_map(page).locator("path.overlay.focus")
    assert focus_ring.get_attribute("d") == map_area(page, "S12000034").get_attribute("d")
    page.keyboard.press("End")
    assert page.evaluate(FOCUSED_AREA) == "S12000040"  # West Lothian, last by name
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Selected: Aberdeenshire")).to_be_visible(timeout=20_000)
    assert "area=S12000034" in current_url(page)
    expect(map_area(page, "S12000034")).to_have_attribute("aria-pressed", "true")
    # The next Tab leaves the map: 32 areas are one stop, not 32.
    map_area(page, "S12000034").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED_AREA) is None
    # Space selects too.
    map_area(page, "S12000047").focus()
    page.keyboard.press(" ")
    expect(page.get_by_text("Selected: Fife")).to_be_visible(timeout=20_000)
    assert "area=S12000047" in current_url(page)
    assert errors == []


def test_click_a_bar_in_the_ranking_and_reach_its_profile(page: Page, server_url: str) -> None:
    errors = collect_errors(page)
    page.goto(server_url + "/map?indicator=claimant_rate&period=2025")
    wait_until_settled(page)
    # The ranking chart is drawn on demand (issue 12).
    page.get_by_text("Show the ranking chart").click()
    wait_until_settled(page)
    chart = plotly_chart(page, holds_trace="Worse than Scotland")
    chart.scroll_into_view_if_needed()
    # Bars carry their council's code; pick North Ayrshire (S12000021), not the default area.
    bar_index = chart.evaluate(
        """el => {
            let n = 0;
            for (const trace of el.data) {
                const i = (trace.customdata || []).indexOf('S12000021');
                if (i >= 0) return [n, i];
                n += 1;
            }
            return null;
        }"""
    )
    assert bar_index is not None, "North Ayrshire has no bar"
    trace_number, point_number = bar_index
    bar = chart.locator("g.barlayer g.trace").nth(trace_number).locator("g.point").nth(point_number)
    bar.click(force=True)
    expect(page.get_by_text("Selected: North Ayrshire")).to_be_visible(timeout=20_000)
    assert "area=S12000021" in page.url
    links = page.get_by_role("link", name="Open the profile of North Ayrshire")
    expect(links).to_have_count(2)  # beside the map, and below the bars just clicked
    links.last.click()
    wait_until_settled(page)
    expect(page.get_by_role("heading", name="Area profile")).to_be_visible()
    assert "area=S12000021" in page.url
    assert errors == []


def test_download_the_csv_and_check_its_contents(page: Page, server_url: str) -> None:
    page.goto(server_url + "/data?indicators=claimant_rate&areas=S12000049")
    wait_until_settled(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("nolb_claimant-rate-yearly-average_glasgow-city_")
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["Area"] for row in rows} == {"Glasgow City"}
    assert {row["Indicator"] for row in rows} == {"Claimant rate (yearly average)"}
    by_period = {row["Period"]: row for row in rows}
    # ONS Explore local statistics: Glasgow City's claimant rate was 4.6% in 2025.
    assert by_period["2025"]["Value"] == "4.6"
    assert by_period["2025"]["Source"].startswith("Office for National Statistics")
    assert len(rows) == 25  # 2001 to 2025


def test_targets_page_shows_status_and_draws_the_path(page: Page, server_url: str) -> None:
    errors = collect_errors(page)
    page.goto(server_url + "/targets")
    wait_until_settled(page)
    expect(page.get_by_role("heading", name="Progress to targets", exact=True)).to_be_visible()
    status = page.locator('[data-testid="stMetric"]').filter(
        has_text="Status against the straight-line path"
    )
    # Elements mount as their front-end code arrives; on a loaded 2-core machine that can
    # take longer than expect's 5 s default after the script has finished.
    expect(status.locator('[data-testid="stMetricValue"]')).to_have_text("On track", timeout=30_000)
    # The gap chart holds the series, the dashed path and the baseline/target markers.
    chart = plotly_chart(page, holds_trace="Straight-line path to the target")
    chart.wait_for(state="visible")
    names = chart.evaluate("el => el.data.map(t => t.name)")
    assert "Scotland" in names
    assert any(str(n).startswith("Straight-line path to the target") for n in names)
    assert errors == []


def test_subscribe_from_the_area_profile_gives_a_valid_atom_feed(
    page: Page, server_url: str
) -> None:
    page.goto(f"{server_url}/area?area=S12000049")
    wait_until_settled(page)
    link = page.get_by_role("link", name="Subscribe to Glasgow City's updates")
    href = link.get_attribute("href")
    assert href is not None and href.endswith("/feeds/glasgow-city.atom")
    response = page.request.get(f"{server_url}{href}" if href.startswith("/") else href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.body())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert parsed.feed.title.startswith("What's new for Glasgow City")
    # The feed's page link opens What's new for the same area.
    alternate = next(x.href for x in parsed.feed.links if x.rel == "alternate")
    page.goto(alternate.replace("http://localhost:8501", server_url))
    wait_until_settled(page)
    assert page.get_by_role("heading", name="What's new").is_visible()
