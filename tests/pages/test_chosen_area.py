"""The council area chosen on one page is the one the next page opens with (and its URL)."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from geo.council_areas import SCOTLAND_CODE

FIFE = "S12000047"


def go_to(app: AppTest, page: str) -> AppTest:
    """Follow the sidebar to another page: Streamlit's navigation drops the query string."""
    for name in list(app.query_params):
        del app.query_params[name]
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_chosen_area_carries_across_pages(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/area.py")
    app.selectbox(key="profile_area").set_value(FIFE).run()

    go_to(app, "pages/compare.py")
    assert app.selectbox(key="compare_area").value == FIFE
    assert app.query_params["area"] == FIFE

    go_to(app, "pages/map.py")
    # ONS claimant rate 2025: Fife 3.2%, tied 24th of 32.
    assert "**Selected: Fife**, 3.2%, rank 24= of 32." in [m.value for m in app.markdown]
    assert app.query_params["area"] == FIFE

    go_to(app, "pages/trends.py")
    assert app.multiselect(key="trends_areas").value == [SCOTLAND_CODE, FIFE]

    go_to(app, "pages/area.py")
    assert app.selectbox(key="profile_area").value == FIFE


def test_a_link_still_beats_the_remembered_area(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/area.py")
    app.selectbox(key="profile_area").set_value(FIFE).run()
    app.query_params["area"] = "S12000036"
    app.switch_page("pages/compare.py")
    app.run()
    assert app.selectbox(key="compare_area").value == "S12000036"
