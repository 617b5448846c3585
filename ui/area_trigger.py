"""An area chosen inside one of the dashboard's components (a chart point, a map area, a table
row): the component sets a trigger to the area's code, and the page's callback receives it.

One reading of the component's state for every component, so a chart, the map and a table
never disagree on what counts as a choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st


def triggered_code(state: Any, trigger: str) -> str | None:
    """The area code a component's `trigger` carries in its state (None if there is none)."""
    try:
        code = state[trigger]
    except (KeyError, TypeError, IndexError):
        code = getattr(state, trigger, None)
    return code if isinstance(code, str) else None


def on_area_chosen(
    key: str, trigger: str, on_area: Callable[[str], None] | None
) -> Callable[[], None]:
    """The change callback for the component under `key`: calls `on_area` with the chosen
    code, only when an area was chosen."""

    def chosen() -> None:
        code = triggered_code(st.session_state.get(key), trigger)
        if code is not None and on_area is not None:
            on_area(code)

    return chosen
