"""The area profile's spine chart is light SVG that changes in place for a new area (ui.svg_chart,
issue 12), each marker shows its words in a tooltip on focus, and the legend is visible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_until_settled

pytestmark = pytest.mark.browser

CHART = ".st-key-profile_spine [data-svg-chart]"


def test_the_spine_chart_changes_in_place_for_a_new_area(page: Page, server_url: str) -> None:
    page.goto(server_url + "/area?area=S12000049")
    wait_until_settled(page)
    chart = page.locator(CHART)
    expect(chart).to_be_visible(timeout=30_000)
    assert chart.get_attribute("role") == "figure"
    assert "Glasgow City" in (chart.get_attribute("aria-label") or "")
    expect(chart.locator(".legend")).to_contain_text("Scotland (black tick)")
    marks = chart.locator(".mark")
    assert marks.count() > 5
    chart.evaluate("el => { el.dataset.marked = 'before'; }")
    # A marker's words come up in the tooltip when it is focused.
    marks.first.focus()
    tooltip = chart.locator(".tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Glasgow City:")
    page.get_by_role("combobox", name="Council area").click()
    page.keyboard.type("Fife")
    page.get_by_role("option", name="Fife", exact=True).click()
    expect(
        page.get_by_role("heading", name="Where Fife sits among Scotland's council areas")
    ).to_be_visible(timeout=20_000)
    wait_until_settled(page)
    expect(marks.first).to_have_attribute("data-tip", re.compile(r"^Fife:"))
    # The very element drawn before holds the new chart: it was updated, not rebuilt.
    assert chart.evaluate("el => el.dataset.marked") == "before"
    assert "Fife" in (chart.get_attribute("aria-label") or "")
