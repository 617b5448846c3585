"""Shareable views: selections live in plain, validated query parameters.

This is the only module that reads or writes `st.query_params`. Parsing is pure and tested on
its own; a value we do not recognise yields a friendly message and the default, never a
traceback. Nothing is ever pickled.

Messages never quote what the link said: Streamlit renders a message as Markdown, so quoted
input could put a link, an image, a heading or a formula inside the dashboard's own box. A
message names only values the dashboard itself knows (a registry title, a validated code).
Each parameter gives at most one message, and a list is read up to `MAX_LIST_ITEMS` entries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import streamlit as st

from geo.council_areas import OLD_TO_CURRENT_CODES, UnknownAreaError, area_name, normalise_code
from indicators.catalogue import Catalogue

MAX_PARAM_CHARS = 2_000  # longer values are cut before parsing (a full list of areas is ~350)
MAX_LIST_ITEMS = 40  # more than every area (33) or indicator a list could sensibly name
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits only: "²".isdigit() is True, int("²") fails


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
        None, ("The link asks for an indicator that we do not publish, so the default is shown.",)
    )


def split_list(raw: str | None) -> tuple[list[str], bool]:
    """The non-empty comma-separated entries of a list parameter, at most `MAX_LIST_ITEMS`;
    the flag says whether entries beyond that were left unread."""
    if raw is None:
        return [], False
    pieces = raw[:MAX_PARAM_CHARS].split(",", MAX_LIST_ITEMS)
    cut = len(raw) > MAX_PARAM_CHARS or len(pieces) > MAX_LIST_ITEMS
    items = [p.strip() for p in pieces[:MAX_LIST_ITEMS] if p.strip()]
    return items, cut


def list_message(
    things: str, not_what: str, *, unknown: int, cut: bool, extra: Sequence[str] = ()
) -> str | None:
    """One message for everything left out of a list parameter (None if nothing was), e.g.
    "2 entries in the link's list of areas were left out: not Scottish council areas." """
    parts: list[str] = []
    if cut:
        parts.append(
            f"The link's list of {things} is too long; only its first {MAX_LIST_ITEMS} entries "
            "were read."
        )
    if unknown:
        count = "1 entry" if unknown == 1 else f"{unknown:,} entries"
        verb = "was" if unknown == 1 else "were"
        parts.append(f"{count} in the link's list of {things} {verb} left out: {not_what}.")
    parts += extra
    return " ".join(parts) or None


def parse_indicators(
    raw: str | None, catalogue: Catalogue, allowed: Sequence[str]
) -> tuple[list[str], tuple[str, ...]]:
    """A comma-separated list of indicator ids; whatever is left out gets one message."""
    items, cut = split_list(raw)
    known = catalogue.registry.indicators
    chosen = list(dict.fromkeys(item for item in items if item in allowed))
    elsewhere = [i for i in dict.fromkeys(items) if i not in allowed and i in known]
    unknown = sum(1 for item in items if item not in allowed and item not in known)
    extra = (
        [
            "Not available on this page: "
            + ", ".join(f"“{catalogue.indicator(i).title}”" for i in elsewhere)
            + "."
        ]
        if elsewhere
        else []
    )
    message = list_message(
        "indicators", "not indicators we publish", unknown=unknown, cut=cut, extra=extra
    )
    return chosen, (message,) if message else ()


def _old_code_words(raw: str, code: str) -> str:
    old = raw.strip().upper()
    return f"{old} is an old code; showing {area_name(code)} under its current code {code}."


def parse_area(raw: str | None, *, allow_scotland: bool = False) -> Parsed:
    if raw is None or raw == "":
        return Parsed(None)
    try:
        code = normalise_code(raw[:MAX_PARAM_CHARS])
    except UnknownAreaError:
        return Parsed(
            None,
            (
                "The link asks for an area that is not a Scottish council area, "
                "so the default is shown.",
            ),
        )
    if code == "S92000003" and not allow_scotland:
        return Parsed(None, ("Choose a council area here; Scotland is shown alongside it.",))
    messages: tuple[str, ...] = ()
    if raw.strip().upper() in OLD_TO_CURRENT_CODES:
        messages = (_old_code_words(raw, code),)
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
        None, ("There are no figures for the period the link names, so the latest is shown.",)
    )


def parse_year(raw: str | None, years: Sequence[int]) -> tuple[int | None, tuple[str, ...]]:
    """A four-digit year (ASCII digits only) among `years`, or None with one message."""
    if raw is None or raw.strip() == "":
        return None, ()
    cleaned = raw.strip()
    if _YEAR.fullmatch(cleaned) and int(cleaned) in years:
        return int(cleaned), ()
    return None, (
        "There are no figures for periods ending in the year the link names, so the full range "
        "is shown.",
    )


def parse_areas(
    raw: str | None, *, shortcuts: Sequence[str] = ()
) -> tuple[list[str], tuple[str, ...]]:
    """A comma-separated list of area codes (and any of `shortcuts`, such as 'all'), in order and
    without repeats; whatever is left out or remapped gets one message."""
    items, cut = split_list(raw)
    chosen: list[str] = []
    unknown = 0
    remapped: list[str] = []
    for item in items:
        value = next((s for s in shortcuts if item.lower() == s), None)
        if value is None:
            parsed = parse_area(item, allow_scotland=True)
            value = parsed.value
            if value is not None:
                remapped += [m for m in parsed.messages if m not in remapped]
        if value is None:
            unknown += 1
        elif value not in chosen:
            chosen.append(value)
    message = list_message(
        "areas", "not Scottish council areas", unknown=unknown, cut=cut, extra=remapped
    )
    return chosen, (message,) if message else ()


# --- Streamlit side ---------------------------------------------------------------------


def get(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value is None else str(value)


def show_messages(messages: Sequence[str]) -> None:
    for message in messages:
        st.info(message, icon=":material/info:")


# The council area last chosen on any page, so the next page starts from it (the URL of each
# page then carries it too). Only validated council-area codes are stored.
CHOSEN_AREA = "chosen_area"


def remember_area(code: str) -> None:
    st.session_state[CHOSEN_AREA] = code


def remembered_area() -> str | None:
    code = st.session_state.get(CHOSEN_AREA)
    return code if isinstance(code, str) else None


def set_params(**values: str | None) -> None:
    """Write the current selections back to the URL (None removes a parameter)."""
    for name, value in values.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value
