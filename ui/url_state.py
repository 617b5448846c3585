"""Shareable views: selections live in plain, validated query parameters.

This is the only module that reads or writes `st.query_params`. Parsing is pure and tested on
its own; a value we do not recognise yields a friendly message and the default, never a
traceback. Nothing is ever pickled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import streamlit as st

from geo.council_areas import UnknownAreaError, area_name, normalise_code
from indicators.catalogue import Catalogue


@dataclass(frozen=True)
class Parsed:
    """A parsed value with any messages to show the user about what was ignored."""

    value: str | None
    messages: tuple[str, ...] = field(default=())


def parse_indicator(raw: str | None, catalogue: Catalogue, allowed: Sequence[str]) -> Parsed:
    if raw is None or raw == "":
        return Parsed(None)
    if raw in allowed:
        return Parsed(raw)
    if raw in catalogue.registry.indicators:
        title = catalogue.indicator(raw).title
        return Parsed(None, (f"“{title}” is not available on this page, so the default is shown.",))
    return Parsed(
        None,
        (
            f"The link asks for an indicator “{raw[:60]}” that we do not publish, "
            "so the default is shown.",
        ),
    )


def parse_area(raw: str | None, *, allow_scotland: bool = False) -> Parsed:
    if raw is None or raw == "":
        return Parsed(None)
    try:
        code = normalise_code(raw)
    except UnknownAreaError:
        return Parsed(
            None,
            (
                f"The link asks for an area “{raw[:60]}” that is not a Scottish council area, "
                "so the default is shown.",
            ),
        )
    if code == "S92000003" and not allow_scotland:
        return Parsed(None, ("Choose a council area here; Scotland is shown alongside it.",))
    messages: tuple[str, ...] = ()
    if code != raw.strip().upper():
        messages = (
            f"{raw} is an old code; showing {area_name(code)} under its current code {code}.",
        )
    return Parsed(code, messages)


def parse_period(raw: str | None, allowed: Mapping[str, str]) -> Parsed:
    """`allowed` maps period ids (e.g. 2023-01-01/P1Y) to labels; labels are accepted too."""
    if raw is None or raw == "":
        return Parsed(None)
    if raw in allowed:
        return Parsed(raw)
    by_label = {label: period for period, label in allowed.items()}
    if raw in by_label:
        return Parsed(by_label[raw])
    return Parsed(
        None, (f"There are no figures for the period “{raw[:60]}”, so the latest period is shown.",)
    )


def parse_areas(raw: str | None) -> tuple[list[str], tuple[str, ...]]:
    """A comma-separated list of area codes; unknown entries are dropped with a message."""
    if raw is None or raw == "":
        return [], ()
    codes: list[str] = []
    messages: list[str] = []
    for item in raw.split(","):
        parsed = parse_area(item, allow_scotland=True)
        messages.extend(parsed.messages)
        if parsed.value is not None and parsed.value not in codes:
            codes.append(parsed.value)
    return codes, tuple(messages)


# --- Streamlit side ---------------------------------------------------------------------


def get(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value is None else str(value)


def show_messages(messages: Sequence[str]) -> None:
    for message in messages:
        st.info(message, icon=":material/info:")


def set_params(**values: str | None) -> None:
    """Write the current selections back to the URL (None removes a parameter)."""
    for name, value in values.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value
