"""Keyboard users can reach every control on the map page, and can see where the focus is."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import wait_until_settled

pytestmark = pytest.mark.browser

CONTROL_ROLES = {"a", "button", "combobox", "radio", "summary", "input", "checkbox"}
FOCUS_INFO = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const holder = el.closest('[data-baseweb="select"]') || el.parentElement;
    const holderStyle = holder ? getComputedStyle(holder) : style;
    const visible = (s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== 'none');
    // A map area's ring is its own outline redrawn thick over its neighbours (ui.svg_map).
    const ring = el.closest('[data-svg-map]')?.querySelector('path.overlay.focus');
    const ringed = !!ring && ring.getAttribute('d') === el.getAttribute('d')
        && getComputedStyle(ring).display !== 'none'
        && parseFloat(getComputedStyle(ring).strokeWidth) >= 2;
    return {
        label: el.getAttribute('aria-label') || el.innerText || el.tagName,
        role: el.getAttribute('role') || el.tagName.toLowerCase(),
        focusVisible: el.matches(':focus-visible'),
        indicated: visible(style) || visible(holderStyle) || ringed,
    };
}"""


def test_map_controls_are_reachable_by_tab_with_visible_focus(page: Page, server_url: str) -> None:
    page.goto(server_url + "/map")
    wait_until_settled(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    seen: list[dict[str, object]] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info is not None and info["role"] in CONTROL_ROLES and not info["indicated"]:
            # Streamlit animates focus styles; give the ring up to two seconds to appear.
            try:
                page.wait_for_function(f"() => ({FOCUS_INFO})()?.indicated", timeout=2000)
            except PlaywrightTimeoutError:
                pass  # the assertion below reports the element without a visible ring
            info = page.evaluate(FOCUS_INFO)
        if info is not None:
            seen.append(info)
    controls = [item for item in seen if item["role"] in CONTROL_ROLES]
    labels = [str(item["label"]).split("\n")[-1] for item in controls]
    for control in ("Indicator", "Period", "Map", "Chart as SVG", "Data table for this chart"):
        assert control in labels, f"{control} not reachable by Tab; reached: {labels}"
    for item in controls:
        assert item["focusVisible"] and item["indicated"], f"focus not visible on {item}"


FOCUSED = """() => {
    const el = document.activeElement;
    return {choose: el.matches('button.nolb-choose'), text: el.textContent};
}"""


def test_an_area_is_chosen_on_the_map_with_the_keyboard(page: Page, server_url: str) -> None:
    """Tab into the ranked table's area buttons, on to the fourth row, and press Enter."""
    page.goto(server_url + "/map")
    wait_until_settled(page)
    page.get_by_role("heading", name="Ranked table").wait_for()
    page.get_by_role("button", name="Select Shetland Islands").wait_for()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["choose"]:
            break
    else:
        pytest.fail("the ranked table's areas cannot be reached with Tab")
    for _ in range(3):  # from the first row to the fourth
        page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["choose"] and focused["text"].endswith("East Dunbartonshire"), focused
    page.keyboard.press("Enter")
    # ONS claimant rate 2025: the fourth-ranked council is East Dunbartonshire, 1.8%.
    selected = page.get_by_text("Selected: East Dunbartonshire, 1.8%, rank 4 of 32.")
    selected.wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('area=S12000045')")
    link = page.get_by_role("link", name="Open the profile of East Dunbartonshire").first
    link.wait_for()
