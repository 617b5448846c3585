"""The main journeys in a real headless browser against a running dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import wait_until_settled

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
        has_text="Claimant rate, Scotland, 2025"
    )
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("3.0%")
    expect(page.get_by_text("embedded snapshot", exact=False)).to_be_visible()
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
    # The map is drawn: 32 filled council outlines in the first Plotly chart, no basemap.
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(state="visible")
    filled = chart.locator("g.scatterlayer path.js-fill")
    expect(filled).to_have_count(32)
    # The app's navigation wraps a deep link opened first (sidebar lists our page titles).
    expect(page.get_by_role("link", name="Overview")).to_be_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []
    assert outside == [], f"the map reached outside the dashboard: {outside}"
