"""Charts keep their drawing across reruns and redraw in place (ui.kept_chart, issue 12), with
plotly.js served once, compressed and cacheable, by the dashboard's own route."""

from __future__ import annotations

import gzip
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_until_settled
from ui import plotly_asset

pytestmark = pytest.mark.browser


def test_plotly_js_is_served_compressed_and_cacheable(server_url: str) -> None:
    request = urllib.request.Request(
        server_url + plotly_asset.PATH, headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        headers, body = response.headers, response.read()
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"].startswith("text/javascript")
    assert (
        "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    )
    assert len(body) < len(plotly_asset.plain()) / 3
    assert gzip.decompress(body) == plotly_asset.SOURCE.read_bytes()


def test_plotly_js_is_served_plain_to_a_client_that_cannot_decompress(server_url: str) -> None:
    request = urllib.request.Request(
        server_url + plotly_asset.PATH, headers={"Accept-Encoding": "identity"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers.get("Content-Encoding") is None
        assert response.read() == plotly_asset.SOURCE.read_bytes()


def test_a_chart_redraws_in_place_when_its_figure_changes(page: Page, server_url: str) -> None:
    page.goto(server_url + "/map?indicator=claimant_rate&period=2025")
    wait_until_settled(page)
    # The ranking chart is drawn on demand (issue 12).
    page.get_by_text("Show the ranking chart").click()
    wait_until_settled(page)
    chart = page.locator(".st-key-ranked_bars [data-kept-chart].js-plotly-plot")
    expect(chart).to_be_visible(timeout=30_000)
    before = chart.evaluate(
        "el => { el.dataset.marked = 'before'; return JSON.stringify(el.layout.title || {}); }"
    )
    figure_before = chart.evaluate("el => JSON.stringify(el.data)")
    page.get_by_role("combobox", name="Period").click()
    page.keyboard.type("2024")
    page.get_by_role("option", name="2024", exact=True).click()
    wait_until_settled(page)
    page.wait_for_function(
        """before => {
            const el = document.querySelector('.st-key-ranked_bars [data-kept-chart]');
            return el && JSON.stringify(el.data) !== before;
        }""",
        arg=figure_before,
        timeout=20_000,
    )
    # The very element drawn before holds the new figure: it was updated, not rebuilt.
    assert chart.evaluate("el => el.dataset.marked") == "before"
    assert chart.get_attribute("role") == "figure"
    assert "2024" in (chart.get_attribute("aria-label") or ""), before
