"""The No One Left Behind delivery page settles in a real browser with its chart drawn."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import plotly_chart, wait_until_settled
from tests.browser.test_journeys import collect_errors
from ui.sections.delivery import STARTS_TRACE


def test_delivery_page_settles_with_its_chart(page: Page, server_url: str) -> None:
    errors = collect_errors(page)
    page.goto(server_url + "/delivery")
    wait_until_settled(page)
    expect(
        page.get_by_role("heading", name="No One Left Behind delivery", exact=True)
    ).to_be_visible(timeout=30_000)
    chart = plotly_chart(page, holds_trace=STARTS_TRACE)
    chart.wait_for(state="visible")
    bars = chart.evaluate("el => el.data[0].y")
    assert bars == [2694, 4849, 14070, 17367, 20988]  # each year from its newest edition
    expect(page.get_by_text("25 of 32 councils are held")).to_be_visible(timeout=30_000)
    assert errors == []
