"""Pickers for several values, a yes/no choice and a range, kept in step with the URL.

Like `ui.widgets.synced_selectbox`, each is one Streamlit widget run through
`ui.url_synced.keep_in_step_with_url` (starts from the URL when it names a value, keeps its
own session key, writes the user's choice back so a view can be shared).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, cast

import streamlit as st

from geo.council_areas import SCOTLAND, council_areas
from ui import url_state
from ui.downloads import ALL_COUNCIL_AREAS
from ui.url_synced import keep_in_step_with_url

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
    messages: Sequence[str] = (),
) -> list[T]:
    """A multiselect whose values follow the URL when the URL changes, and the user otherwise.

    `url_values` is None when the URL names nothing usable; the URL is written as a
    comma-separated list (and removed when nothing is chosen).
    """
    return keep_in_step_with_url(
        lambda: st.multiselect(
            label, options, key=key, format_func=format_func, help=help, placeholder=placeholder
        ),
        key=key,
        from_url=None if url_values is None else list(url_values),
        default=list(default),
        clean=lambda current: [v for v in current if v in options],
        to_params=lambda values: {param: ",".join(to_param(v) for v in values) or None},
        messages=messages,
    )


def synced_checkbox(
    label: str,
    *,
    param: str,
    key: str,
    help: str | None = None,  # noqa: A002 - mirrors Streamlit's own argument name
) -> bool:
    """A checkbox that is ticked by `param=1` in the URL and writes `param=1` when ticked."""
    raw = url_state.get(param)
    return keep_in_step_with_url(
        lambda: st.checkbox(label, key=key, help=help),
        key=key,
        from_url=None if raw is None else raw.strip().lower() in {"1", "true", "yes", "on"},
        default=False,
        to_params=lambda ticked: {param: "1" if ticked else None},
    )


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
    full = (ordered[0], ordered[-1])
    low = next((v for v in ordered if v == url_values[0]), full[0])
    high = next((v for v in ordered if v == url_values[1]), full[1])
    wanted = (low, high) if ordered.index(low) <= ordered.index(high) else (high, low)

    def clean(current: object) -> tuple[T, T]:
        proper = isinstance(current, tuple) and len(current) == 2 and set(current) <= set(options)
        return cast("tuple[T, T]", current) if proper else full

    def to_params(chosen: tuple[T, T]) -> dict[str, str | None]:
        whole = chosen == full
        return {
            params[0]: None if whole else to_param(chosen[0]),
            params[1]: None if whole else to_param(chosen[1]),
        }

    start, end = keep_in_step_with_url(
        lambda: cast(
            "tuple[T, T]",
            st.select_slider(label, options=ordered, key=key, format_func=format_func, help=help),
        ),
        key=key,
        from_url=wanted if url_values != (None, None) else None,
        default=wanted,
        clean=clean,
        to_params=to_params,
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
