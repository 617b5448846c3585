"""axe-core audit of every page in a real browser: no serious or critical violations in our content.

Violations that come from Streamlit's own components, with no hook for us to fix, are listed in
STREAMLIT_OWNED with the workaround we apply; anything else fails the test.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import wait_until_settled
from tests.pages.test_every_page import registered_pages

pytestmark = pytest.mark.browser

# (rule id, CSS class prefix of the offending node): why it is Streamlit's, and our workaround.
STREAMLIT_OWNED = {
    ("svg-img-alt", ".metric_chart_"): (
        "st.metric draws its sparkline as a Vega-Lite SVG with role=img and no way to pass alt "
        "text. Workaround: every card states the same trend in a sentence beside the chart, and "
        "the Trends page has the full series as a table."
    ),
}


def url_path(page_file: str) -> str:
    paths = {
        "pages/overview.py": "/",
        "pages/map.py": "/map",
        "pages/area.py": "/area",
        "pages/compare.py": "/compare",
        "pages/trends.py": "/trends",
        "pages/targets.py": "/targets",
        "pages/delivery.py": "/delivery",
        "pages/data.py": "/data",
        "pages/about.py": "/about",
        "pages/whats_new.py": "/whats_new",
    }
    return paths[page_file]


def is_streamlit_owned(rule: str, node: dict[str, object]) -> bool:
    target = " ".join(str(t) for t in node.get("target", []))  # type: ignore[union-attr]
    return any(rule == owned_rule and prefix in target for owned_rule, prefix in STREAMLIT_OWNED)


@pytest.mark.parametrize("page_file", sorted(registered_pages()))
def test_page_has_no_serious_accessibility_violations(
    page: Page, server_url: str, page_file: str
) -> None:
    page.goto(server_url + url_path(page_file))
    wait_until_settled(page)
    page.wait_for_timeout(1500)  # let Plotly finish drawing before the audit
    results = Axe().run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] not in {"serious", "critical"}:
            continue
        ours = [n for n in violation["nodes"] if not is_streamlit_owned(violation["id"], n)]
        problems += [f"{violation['id']}: {violation['help']} at {n['target']}" for n in ours]
    assert problems == []


def test_the_streamlit_exemption_matches_only_its_own_nodes() -> None:
    assert is_streamlit_owned("svg-img-alt", {"target": [".metric_chart_abc_marks"]})
    assert not is_streamlit_owned("svg-img-alt", {"target": [".js-plotly-plot svg"]})
    assert not is_streamlit_owned("color-contrast", {"target": [".metric_chart_abc_marks"]})
