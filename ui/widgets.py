"""Pickers that start from the URL, keep their own session keys, and write back to the URL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from geo.council_areas import Area, council_areas
from indicators.catalogue import Catalogue, PeriodInfo
from indicators.comparator_groups import (
    COMPARATOR_KINDS,
    COMPARATOR_LABELS,
    DEFAULT_COMPARATOR,
    ComparatorKind,
    parse_comparator,
)
from metadata.registry import Indicator
from ui import url_state
from ui.multi_pickers import synced_multiselect
from ui.url_synced import keep_in_step_with_url

T = TypeVar("T")


def synced_selectbox(
    label: str,
    options: Sequence[T],
    *,
    param: str,
    key: str,
    url_value: T | None,
    default: T,
    format_func: Callable[[T], str],
    to_param: Callable[[T], str],
    help: str | None = None,  # noqa: A002 - mirrors Streamlit's own argument name
    messages: Sequence[str] = (),
) -> T:
    """A selectbox whose value follows the URL when the URL changes, and the user otherwise."""
    return keep_in_step_with_url(
        lambda: st.selectbox(label, options, key=key, format_func=format_func, help=help),
        key=key,
        from_url=url_value,
        default=default,
        clean=lambda current: current if current in options else default,
        to_params=lambda value: {param: to_param(value)},
        messages=messages,
    )


def indicator_picker(
    catalogue: Catalogue, options: Sequence[Indicator], *, key: str, default_id: str | None = None
) -> Indicator:
    ids = [i.id for i in options]
    parsed = url_state.parse_indicator(url_state.get("indicator"), catalogue, ids)
    chosen = synced_selectbox(
        "Indicator",
        ids,
        param="indicator",
        key=key,
        url_value=parsed.value,
        messages=parsed.messages,
        default=default_id if default_id in ids else ids[0],
        format_func=lambda i: catalogue.indicator(i).title,
        to_param=str,
        help="Every indicator's definition and source is on the About the data page.",
    )
    return catalogue.indicator(chosen)


def period_picker(periods: Sequence[PeriodInfo], *, key: str) -> PeriodInfo:
    """Latest period by default; the URL may name a period by id or by label."""
    by_id = {p.period: p for p in periods}
    parsed = url_state.parse_period(url_state.get("period"), {p.period: p.label for p in periods})
    chosen = synced_selectbox(
        "Period",
        list(by_id)[::-1],
        param="period",
        key=key,
        url_value=parsed.value,
        messages=parsed.messages,
        default=periods[-1].period,
        format_func=lambda p: by_id[p].label,
        to_param=str,
    )
    return by_id[chosen]


def council_measure_picker(catalogue: Catalogue, *, key: str) -> tuple[Indicator, PeriodInfo]:
    """A measure with council-area figures and one of its periods, side by side (keys
    `{key}_indicator` and `{key}_period_<indicator id>`, so each measure keeps its own period)."""
    columns = st.columns([2, 1])
    with columns[0]:
        indicator = indicator_picker(
            catalogue, catalogue.indicators(council_areas_only=True), key=f"{key}_indicator"
        )
    periods = catalogue.periods(indicator.id, geography="council_area")
    with columns[1]:
        period = period_picker(periods, key=f"{key}_period_{indicator.id}")
    return indicator, period


def area_picker(*, key: str, default_code: str = "S12000049") -> Area:
    """One of the 32 council areas: the URL's, else the one last chosen on any page, else
    Glasgow City (the largest partnership). The choice is remembered for the other pages."""
    areas = {a.code: a for a in council_areas()}
    parsed = url_state.parse_area(url_state.get("area"))
    remembered = url_state.remembered_area()
    chosen = synced_selectbox(
        "Council area",
        list(areas),
        param="area",
        key=key,
        url_value=parsed.value,
        messages=parsed.messages,
        default=remembered if remembered in areas else default_code,
        format_func=lambda c: areas[c].name,
        to_param=str,
    )
    url_state.remember_area(chosen)
    return areas[chosen]


def comparator_picker(area_code: str, *, key: str) -> tuple[ComparatorKind, list[str]]:
    """Which group to compare an area with (URL `compare`), and for a custom group the chosen
    council areas (URL `areas`). Returns (kind, custom codes)."""
    names = {a.code: a.name for a in council_areas()}
    kind_from_url, messages = parse_comparator(url_state.get("compare"))
    kind: ComparatorKind = synced_selectbox(
        "Compare with",
        list(COMPARATOR_KINDS),
        param="compare",
        key=key,
        url_value=kind_from_url,
        messages=messages,
        default=DEFAULT_COMPARATOR,
        format_func=lambda k: COMPARATOR_LABELS[k],
        to_param=str,
        help="Neighbours share a land border (island councils: the two nearest areas). "
        "Similar areas are the five most alike on five labour-market measures (method on the "
        "About the data page).",
    )
    if kind != "custom":
        url_state.set_params(areas=None)
        return kind, []
    url_codes, area_messages = url_state.parse_areas(url_state.get("areas"))
    others = [c for c in names if c != area_code]
    wanted = [c for c in url_codes if c in others]
    custom = synced_multiselect(
        "Council areas to compare with",
        others,
        param="areas",
        key=f"{key}_custom_areas",
        url_values=wanted or None,
        default=[],
        format_func=lambda c: names[c],
        to_param=str,
        placeholder="Choose one or more council areas",
        messages=area_messages,
    )
    return kind, list(custom)
