"""A row-selectable table keeps its grid while nothing is selected, and a fresh one under a
selection whose rows have changed (issue 12: a new grid cost /map about 0.35 s per change)."""

from __future__ import annotations

from types import SimpleNamespace

from streamlit.testing.v1 import AppTest


def table_page() -> None:
    import streamlit as st

    from ui import panels

    st.session_state["key_used"] = panels.selectable_table_key(
        "ranked", st.session_state.get("rows_shown", "claimant_rate 2025")
    )


def selection(*rows: int) -> SimpleNamespace:
    return SimpleNamespace(selection=SimpleNamespace(rows=list(rows)))


def test_new_rows_without_a_selection_keep_the_same_table() -> None:
    app = AppTest.from_function(table_page).run()
    assert app.session_state["key_used"] == "ranked_0"
    app.session_state["rows_shown"] = "employment_rate 2024"
    app.run()
    assert app.session_state["key_used"] == "ranked_0"


def test_a_selection_keeps_its_table_until_the_rows_change() -> None:
    app = AppTest.from_function(table_page).run()
    app.session_state["ranked_0"] = selection(3)
    app.run()
    assert app.session_state["key_used"] == "ranked_0"  # same rows: the highlight is right
    app.session_state["rows_shown"] = "employment_rate 2024"
    app.run()
    assert app.session_state["key_used"] == "ranked_1"  # new rows: the old highlight goes
    app.run()
    assert app.session_state["key_used"] == "ranked_1"
