"""Pickers for several values, a yes/no choice and a range, kept in step with the URL.

Like `ui.widgets.synced_selectbox`: each starts from the URL when the URL names a value, keeps
its own session key, and writes the user's choice back to the URL so a view can be shared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, cast

import streamlit as st

from geo.council_areas import SCOTLAND, council_areas
from ui import url_state
from ui.downloads import ALL_COUNCIL_AREAS

T = TypeVar("T")

ALL_COUNCIL_AREAS_LABEL = "All 32 council areas"


def synced_multiselect(
    label: str,
    options: Sequence[T],
    *,
    param: str,
    key: str,
    url_values: Sequence[T] | None,
    default: Sequence[T],
    format_func: Callable[[T], str],
    to_param: Callable[[T], str],
    help: str | None = None,  # noqa: A002 - mirrors Streamlit's own argument name
    placeholder: str | None = None,
) -> list[T]:
    """A multiselect whose values follow the URL when the URL changes, and the user otherwise.

    `url_values` is None when the URL names nothing usable; the URL is written as a
    comma-separated list (and removed when nothing is chosen).
    """
    seen_key = f"{key}__from_url"
    wanted = None if url_values is None else list(url_values)
    if key not in st.session_state or (
        wanted is not None and st.session_state.get(seen_key) != wanted
    ):
        st.session_state[key] = list(wanted if wanted is not None else default)
        st.session_state[seen_key] = wanted
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    values: list[T] = st.multiselect(
        label,
        options,
        key=key,
        format_func=format_func,
        help=help,
        placeholder=placeholder,
    )
    st.session_state[seen_key] = list(values)
    url_state.set_params(**{param: ",".join(to_param(v) for v in values) or None})
    return values


def synced_checkbox(
    label: str,
    *,
    param: str,
    key: str,
    help: str | None = None,  # noqa: A002 - mirrors Streamlit's own argument name
) -> bool:
    """A checkbox that is ticked by `param=1` in the URL and writes `param=1` when ticked."""
    raw = url_state.get(param)
    from_url = None if raw is None else raw.strip().lower() in {"1", "true", "yes", "on"}
    seen_key = f"{key}__from_url"
    if key not in st.session_state or (
        from_url is not None and st.session_state.get(seen_key) != from_url
    ):
        st.session_state[key] = bool(from_url)
        st.session_state[seen_key] = from_url
    ticked = st.checkbox(label, key=key, help=help)
    st.session_state[seen_key] = ticked
    url_state.set_params(**{param: "1" if ticked else None})
    return ticked


def synced_range(
    label: str,
    options: Sequence[T],
    *,
    params: tuple[str, str],
    key: str,
    url_values: tuple[T | None, T | None],
    format_func: Callable[[T], str],
    to_param: Callable[[T], str],
    help: str | None = None,  # noqa: A002 - mirrors Streamlit's own argument name
) -> tuple[T, T]:
    """A from/to slider over ordered options; the full range by default, and then not in the URL."""
    ordered = list(options)
    first, last = ordered[0], ordered[-1]
    low = next((v for v in ordered if v == url_values[0]), first)
    high = next((v for v in ordered if v == url_values[1]), last)
    wanted = (low, high) if ordered.index(low) <= ordered.index(high) else (high, low)
    from_url = wanted if url_values != (None, None) else None
    seen_key = f"{key}__from_url"
    if key not in st.session_state or (
        from_url is not None and st.session_state.get(seen_key) != from_url
    ):
        st.session_state[key] = wanted
        st.session_state[seen_key] = from_url
    current = st.session_state[key]
    if not (isinstance(current, tuple) and len(current) == 2 and set(current) <= set(options)):
        st.session_state[key] = (first, last)
    chosen = cast(
        "tuple[T, T]",
        st.select_slider(label, options=ordered, key=key, format_func=format_func, help=help),
    )
    start, end = chosen
    st.session_state[seen_key] = (start, end)
    full = (start, end) == (first, last)
    url_state.set_params(
        **{
            params[0]: None if full else to_param(start),
            params[1]: None if full else to_param(end),
        }
    )
    return start, end


def area_names() -> dict[str, str]:
    """Scotland first, then the 32 council areas alphabetically, by code."""
    return {SCOTLAND.code: SCOTLAND.name} | {a.code: a.name for a in council_areas()}


def parse_area_list(
    raw: str | None, *, allow_all: bool = False
) -> tuple[list[str] | None, tuple[str, ...]]:
    """Area codes from the URL (plus the 'all' shortcut if allowed), or None if none are usable.

    Whatever is left out gets the one message from `url_state.parse_areas`.
    """
    codes, messages = url_state.parse_areas(
        raw, shortcuts=(ALL_COUNCIL_AREAS,) if allow_all else ()
    )
    return (codes or None), messages
