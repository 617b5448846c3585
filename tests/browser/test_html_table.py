"""The HTML tables (ui.html_table) in a real browser: a header sorts its column, numbers as
numbers and missing last, by click or by Enter; the sort outlives a rerun; an area's button on
/map chooses it (issue 11: numbers sort as numbers; an area can be chosen with the keyboard)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import wait_until_settled

pytestmark = pytest.mark.browser

YOUTH_CLAIMANT_RATE = "Youth claimant rate (16 to 24, March)"


def column_text(table: Locator, heading: str) -> list[str]:
    """The shown text of a column, top to bottom, found by its heading."""
    headings = [h.strip(" ▲▼") for h in table.locator("thead th").all_inner_texts()]
    position = headings.index(heading)
    return [
        cell.strip()
        for cell in table.locator(f"tbody tr > :nth-child({position + 1})").all_inner_texts()
    ]


def numbers(texts: list[str]) -> list[float]:
    return [float(t.rstrip("%").replace(",", "")) for t in texts if t]


def header(table: Locator, heading: str) -> Locator:
    return table.locator("thead th").filter(has=table.page.get_by_role("button", name=heading))


def open_map(page: Page, server_url: str, query: str) -> Locator:
    page.goto(f"{server_url}/map?{query}")
    wait_until_settled(page)
    table = page.locator("table.nolb-table").filter(has_text="council areas ranked")
    expect(table.locator("tbody tr")).to_have_count(32, timeout=30_000)
    return table


def test_a_header_click_sorts_figures_as_numbers(page: Page, server_url: str) -> None:
    # DWP via Nomis, March 2021: youth claimant rates run from under 10% to over 10%, where
    # sorting as text would put "10.6%" before "4.4%".
    table = open_map(page, server_url, "indicator=youth_claimant_rate")
    sort = table.get_by_role("button", name=YOUTH_CLAIMANT_RATE)
    sort.click()
    expect(header(table, YOUTH_CLAIMANT_RATE)).to_have_attribute("aria-sort", "ascending")
    ascending = numbers(column_text(table, YOUTH_CLAIMANT_RATE))
    assert ascending == sorted(ascending) and ascending[0] < 10 < ascending[-1]
    sort.click()
    expect(header(table, YOUTH_CLAIMANT_RATE)).to_have_attribute("aria-sort", "descending")
    descending = numbers(column_text(table, YOUTH_CLAIMANT_RATE))
    assert descending == sorted(ascending, reverse=True)


def test_ranks_sort_as_numbers_with_missing_last_either_way(page: Page, server_url: str) -> None:
    # SG APS 2022 youth employment: Orkney and Shetland have no reliable estimate, so no rank.
    table = open_map(page, server_url, "indicator=youth_employment_rate&period=2022")
    rank = table.get_by_role("button", name="Rank")
    rank.click()
    ranks = column_text(table, "Rank")
    shown = [int(r) for r in ranks if r]
    assert shown == sorted(shown) and shown.index(10) > shown.index(2)  # 2 before 10
    assert ranks[-2:] == ["", ""]
    rank.click()
    ranks = column_text(table, "Rank")
    assert [int(r) for r in ranks if r] == sorted(shown, reverse=True)
    assert ranks[-2:] == ["", ""]  # missing stays last when the order turns


def test_enter_on_a_header_sorts_and_the_sort_outlives_a_rerun(page: Page, server_url: str) -> None:
    table = open_map(page, server_url, "indicator=claimant_rate")
    table.get_by_role("button", name="Area", exact=True).focus()
    page.keyboard.press("Enter")
    expect(header(table, "Area")).to_have_attribute("aria-sort", "ascending")
    areas = [a.removeprefix("Select").strip() for a in column_text(table, "Area")]
    assert areas[:2] == ["Aberdeen City", "Aberdeenshire"]
    assert areas == sorted(areas, key=str.casefold)
    # Choosing an area reruns the page with new rows marked; the order chosen stays.
    table.get_by_role("button", name="Select Fife").click()
    chosen = table.locator("tbody tr[aria-current='true']")
    expect(chosen).to_contain_text("Fife", timeout=30_000)
    page.wait_for_function("() => location.search.includes('area=S12000047')")
    expect(header(table, "Area")).to_have_attribute("aria-sort", "ascending")
    assert [a.removeprefix("Select").strip() for a in column_text(table, "Area")] == areas
