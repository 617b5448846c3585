"""On a phone the page comes first: the sidebar starts folded away, not over the content."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import wait_until_settled

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}  # a common phone's CSS viewport


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_the_sidebar_does_not_cover_the_page_on_a_phone(phone: Page, server_url: str) -> None:
    phone.goto(server_url + "/")
    wait_until_settled(phone)
    heading = phone.get_by_role("heading", name="Scotland's labour market at a glance")
    expect(heading).to_be_visible()
    sidebar = phone.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    box = sidebar.bounding_box()
    # Folded away: nothing of the sidebar lies over the visible page.
    assert box is None or box["x"] + box["width"] <= 0 or box["width"] == 0, box
    # The page's own heading is not under anything: it is the element at its own centre.
    centre = heading.bounding_box()
    assert centre is not None
    on_top = phone.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('h1')?.textContent || ''",
        [centre["x"] + centre["width"] / 2, centre["y"] + centre["height"] / 2],
    )
    assert "Scotland's labour market at a glance" in on_top
    # The navigation is still one tap away.
    expect(phone.locator('[data-testid="stExpandSidebarButton"]')).to_be_visible()
