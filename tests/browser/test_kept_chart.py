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


def test_a_chart_redraws_in_place_when_the_area_changes(page: Page, server_url: str) -> None:
    page.goto(server_url + "/area?area=S12000049")
    wait_until_settled(page)
    chart = page.locator(".st-key-profile_spine [data-kept-chart].js-plotly-plot")
    expect(chart).to_be_visible(timeout=30_000)
    before = chart.evaluate(
        "el => { el.dataset.marked = 'before'; return JSON.stringify(el.data); }"
    )
    assert "Glasgow City" in before
    page.get_by_role("combobox", name="Council area").click()
    page.keyboard.type("Fife")
    page.get_by_role("option", name="Fife", exact=True).click()
    expect(
        page.get_by_role("heading", name="Where Fife sits among Scotland's council areas")
    ).to_be_visible(timeout=20_000)
    wait_until_settled(page)
    page.wait_for_function(
        """() => {
            const el = document.querySelector('.st-key-profile_spine [data-kept-chart]');
            return el && JSON.stringify(el.data).includes('Fife');
        }""",
        timeout=20_000,
    )
    # The very element drawn before holds the new figure: it was updated, not rebuilt.
    assert chart.evaluate("el => el.dataset.marked") == "before"
    assert chart.get_attribute("role") == "figure"
    assert "Fife" in (chart.get_attribute("aria-label") or "")
