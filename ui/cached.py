"""Per-process caches for what pages rebuild on every rerun: ranked tables, maps and figures.

Each function takes the catalogue (and the indicator) it answers for. Streamlit keys the cache
on `Catalogue.cache_token` (the figures' checksum and the boundaries in use) and on the
indicator's id, through `hash_funcs`, so a refreshed snapshot never serves a stale entry and
nothing passes a checksum by hand. Ranked frames are returned as copies (a page may add
columns); figures are shared read-only objects, because copying a figure revalidates it (about
0.1 s for the map) and no page changes a figure after building it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.outlines import Outline, projected_outlines
from geo.tiles import tile_labels, tile_outlines
from indicators.area_profile import (
    ProfileRow,
    area_profile_rows,
    spine_rows,
    youth_against_benchmark,
)
from indicators.catalogue import Catalogue
from indicators.comparator_groups import ComparatorGroup, ComparatorKind, comparator_group
from indicators.peer_comparison import (
    PeerSummary,
    group_ranking,
    peer_summaries,
    peer_summary,
    peer_summary_table,
)
from indicators.ranking import rank_against_scotland
from indicators.target_progress import BenchmarkView, benchmark_view
from metadata.registry import Indicator
from ui import figures, map_shapes, profile_figures

# How a catalogue and an indicator enter a cache key: by what their answers depend on, not by
# hashing a whole snapshot's frames on every call.
KEYS: Final[dict[str | type[Any], Callable[[Any], Any]]] = {
    Catalogue: lambda c: c.cache_token,
    Indicator: lambda i: i.id,
}


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def ranked(
    catalogue: Catalogue, indicator: Indicator, period: str
) -> tuple[pd.DataFrame, float | None]:
    """The 32 council areas ranked and judged against Scotland (see rank_against_scotland)."""
    return rank_against_scotland(catalogue, indicator.id, period)


def _shapes_for(
    catalogue: Catalogue, layout: str
) -> tuple[tuple[Outline, ...], dict[str, str] | None]:
    """The outlines a map layout draws, and the tiles' labels (None for geographic outlines):
    the boundaries published with the snapshot in use when a refresh brought new ones, else
    the committed ones."""
    if layout == "tiles":
        return tile_outlines(), tile_labels()
    return projected_outlines(catalogue.boundaries_path), None


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def map_figure(
    catalogue: Catalogue, indicator: Indicator, period: str, layout: str, selected: str | None
) -> go.Figure:
    """The choropleth (geographic outlines or equal-area tiles) for one indicator and period.

    The outlines are the boundaries published with the snapshot in use when a refresh brought
    new ones, else the committed ones."""
    frame, scotland_value = ranked(catalogue, indicator, period)
    outlines, labels = _shapes_for(catalogue, layout)
    return figures.choropleth(
        frame,
        outlines,
        indicator,
        scotland_value=scotland_value,
        selected_code=selected,
        tile_labels=labels,
    )


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def map_picture(
    catalogue: Catalogue, indicator: Indicator, period: str, layout: str, selected: str | None
) -> map_shapes.MapPicture:
    """The SVG map drawn on the page, from the same outlines and looks as `map_figure`."""
    frame, scotland_value = ranked(catalogue, indicator, period)
    outlines, labels = _shapes_for(catalogue, layout)
    return map_shapes.map_picture(
        frame,
        outlines,
        indicator,
        scotland_value=scotland_value,
        selected_code=selected,
        tile_labels=labels,
    )


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def bars_figure(catalogue: Catalogue, indicator: Indicator, period: str) -> go.Figure:
    """Ranked bars with 95% intervals and Scotland's line."""
    frame, scotland_value = ranked(catalogue, indicator, period)
    return figures.ranked_bars(frame, indicator, scotland_value=scotland_value)


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def group(
    catalogue: Catalogue, kind: ComparatorKind, area_code: str, custom: Sequence[str]
) -> ComparatorGroup:
    """The comparator group for an area (see indicators.comparator_groups.comparator_group)."""
    return comparator_group(catalogue, kind, area_code, list(custom))


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def profile_rows(catalogue: Catalogue, area_code: str, members: Sequence[str]) -> list[ProfileRow]:
    """Every council-area indicator for one area against Scotland and its peers."""
    return area_profile_rows(catalogue, area_code, list(members))


@st.cache_resource(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def profile_figures_for(
    catalogue: Catalogue,
    area_code: str,
    members: Sequence[str],
    area_name: str,
    peer_label: str,
) -> tuple[go.Figure | None, go.Figure | None]:
    """The area profile's spine chart and peer chart (None where nothing can be drawn).

    Building the peer chart's subplots costs about 50 ms, half the page's script time.
    """
    spine = spine_rows(profile_rows(catalogue, area_code, members))
    peers = [r.summary for r in spine if r.summary.peer_count > 0]
    return (
        profile_figures.spine_chart(spine, area_name) if spine else None,
        profile_figures.peer_chart(peers, area_name, peer_label) if peers else None,
    )


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=KEYS)
def youth(catalogue: Catalogue, area_code: str) -> pd.DataFrame:
    """The area's youth measures against its own 2019 level."""
    return youth_against_benchmark(catalogue, area_code)


@st.cache_resource(max_entries=32, show_spinner=False, hash_funcs=KEYS)
def benchmark(
    catalogue: Catalogue, benchmark_id: str, indicator: Indicator
) -> tuple[BenchmarkView, go.Figure | None]:
    """Each area against its own benchmark-year level, in words, with its dot chart.

    Comparing 33 areas twice over takes about 70 ms per measure: /targets' script time.
    """
    chosen = catalogue.registry.benchmarks[benchmark_id]
    view = benchmark_view(catalogue, chosen, indicator.id)
    figure = (
        None
        if view.councils.empty
        else figures.benchmark_dumbbells(view.councils, indicator, chosen.year)
    )
    return view, figure


@st.cache_data(max_entries=256, show_spinner=False, hash_funcs=KEYS)
def peer_comparison(
    catalogue: Catalogue, indicator: Indicator, area_code: str, members: Sequence[str], period: str
) -> tuple[PeerSummary, pd.DataFrame]:
    """One area against its group on one measure: the summary and the group ranked.

    Compare's script spent about 0.27 s of an area change rebuilding these and the table
    below uncached (issue 12); cached, the rerun takes about 0.04 s."""
    members = list(members)
    return (
        peer_summary(catalogue, indicator.id, area_code, members, period),
        group_ranking(catalogue, indicator.id, period, area_code, members),
    )


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=KEYS)
def every_measure_table(
    catalogue: Catalogue, area_code: str, members: Sequence[str], peer_label: str
) -> pd.DataFrame:
    """Every council-area measure at its latest period against the group, as one table."""
    return peer_summary_table(peer_summaries(catalogue, area_code, list(members)), peer_label)
