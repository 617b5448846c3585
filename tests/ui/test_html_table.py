"""ui.html_table: each cell's value and display text, formatted on the server with the grid's
formats; missing never 0; text (even HTML- or formula-like) passed on only as text."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from indicators.units import NUMBER_FORMATS
from ui import html_table
from ui.html_table import chosen_code, display_text, table_data

SCRIPT = Path(html_table.__file__).parent / "static" / "html_table.js"


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (3.4, "%.1f%%", "3.4%"),
        (10.25, "%.1f%%", "10.2%"),  # Python rounds a tie to even, as the sentences do
        (31.94, "%.1f pp", "31.9 pp"),
        (0.3, "%+.1f pp", "+0.3 pp"),
        (-120.0, "%+.0f", "-120"),
        (7, "%d", "7"),
        (np.int64(12), "%d", "12"),
        (1235.0, "localized", "1,235"),
        (7.8714, "localized", "7.871"),
        (4.6, "localized", "4.6"),
        (0.25, "%.2f", "0.25"),
        (2019, None, "2019"),  # a year without a format: no thousands separator
        (2.5, None, "2.5"),
    ],
)
def test_numbers_are_shown_through_the_grids_formats(value: float, fmt: str, shown: str) -> None:
    assert display_text(value, fmt) == shown


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA])
def test_missing_is_shown_empty_never_zero(missing: object) -> None:
    assert display_text(missing, "%.1f%%") == ""
    assert display_text(missing, "localized") == ""


def figures() -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "Area": ["Fife", "Glasgow City", "Orkney Islands"],
            "Rate": [3.4, 10.2, float("nan")],
            "Rank": pd.array([2, 10, None], dtype="Int64"),
            "Status": ["Published", "Published", "Suppressed: fewer than 3 responses"],
        }
    )
    table.attrs[NUMBER_FORMATS] = {"Rate": "%.1f%%", "Rank": "%d"}
    return table


def test_cells_carry_numbers_for_sorting_and_text_for_showing() -> None:
    data = table_data(figures(), caption="Rates")
    assert [c["numeric"] for c in data["columns"]] == [False, True, True, False]
    fife, glasgow, orkney = (row["cells"] for row in data["rows"])
    assert fife == [["Fife"], [3.4, "3.4%"], [2, "2"], ["Published"]]
    assert glasgow[1:3] == [[10.2, "10.2%"], [10, "10"]]
    # Missing stays missing: null to sort last, shown empty, the status in words beside it.
    assert orkney[1:] == [[None, ""], [None, ""], ["Suppressed: fewer than 3 responses"]]
    # Plain JSON the browser can parse (no NaN, no numpy types).
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_a_column_sent_as_text_is_not_numeric() -> None:
    """The guard behind the page tests: a figure column turned into text is caught."""
    table = figures().assign(Rate=["3.4%", "10.2%", ""])
    data = table_data(table, caption="Rates")
    assert data["columns"][1]["numeric"] is False
    assert [row["cells"][1][0] for row in data["rows"]] == ["3.4%", "10.2%", ""]


def test_rows_that_choose_an_area_carry_its_code_and_mark_the_chosen_one() -> None:
    data = table_data(
        figures(),
        caption="Rates",
        row_codes=["S12000047", "S12000049", "S12000023"],
        select_column="Area",
        selected_code="S12000049",
        headings={"Rank": "Rank"},
        help_texts={"Rank": "1 = best"},
    )
    assert data["selectColumn"] == 0
    assert [(r["code"], r["current"]) for r in data["rows"]] == [
        ("S12000047", False),
        ("S12000049", True),
        ("S12000023", False),
    ]
    assert data["columns"][2] == {"label": "Rank", "help": "1 = best", "numeric": True}
    with pytest.raises(ValueError, match="2 row codes for 3 rows"):
        table_data(figures(), caption="Rates", row_codes=["S12000047", "S12000049"])


@pytest.mark.parametrize(
    "hostile", ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x")', "+1+1", "@SUM(A1)"]
)
def test_html_or_formula_like_text_is_passed_on_as_text(hostile: str) -> None:
    table = pd.DataFrame({"Area": [hostile], "Rate": [1.0]})
    cell = table_data(table, caption="Rates")["rows"][0]["cells"][0]
    assert cell == [hostile]  # neither run nor rewritten: the script shows it as text


def test_the_script_only_ever_writes_text_into_the_page() -> None:
    """Cells go in through textContent and text nodes: nothing is parsed as HTML."""
    script = SCRIPT.read_text(encoding="utf-8")
    for parser in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert parser not in script
    assert "textContent" in script


def test_the_chosen_code_is_read_from_the_components_state() -> None:
    assert chosen_code({"row": "S12000047"}) == "S12000047"
    assert chosen_code({"row": None}) is None
    assert chosen_code(None) is None


def table_page() -> None:
    import pandas as pd
    import streamlit as st

    from ui.html_table import html_table

    def choose(code: str) -> None:
        st.session_state["chosen"] = code

    html_table(
        pd.DataFrame({"Area": ["Fife", "Glasgow City"], "Rate": [3.4, 10.2]}),
        key="rates",
        caption="Rates",
        formats={"Rate": "%.1f%%"},
        row_codes=["S12000047", "S12000049"],
        on_row=choose,
    )


def test_the_table_is_keyed_by_the_callers_key_and_sent_as_json() -> None:
    app = AppTest.from_function(table_page).run()
    (element,) = app.get("bidi_component")
    assert element.proto.id.endswith("-rates")
    data = json.loads(element.proto.json)
    assert data["caption"] == "Rates"
    assert [row["cells"][1] for row in data["rows"]] == [[3.4, "3.4%"], [10.2, "10.2%"]]
    assert [row["code"] for row in data["rows"]] == ["S12000047", "S12000049"]
