"""Per-process caches for what pages rebuild on every rerun: ranked tables and map figures.

Keys are plain strings plus the snapshot's checksum, so a refreshed snapshot never serves a
stale entry. Ranked frames are returned as copies (a page may add columns); figures are shared
read-only objects, because copying a figure revalidates it (about 0.1 s for the map) and no
page changes a figure after building it.
"""

from __future__ import annotations

from typing import cast

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.outlines import projected_outlines
from geo.tiles import tile_labels, tile_outlines
from indicators.area_profile import (
    ProfileRow,
    area_profile_rows,
    spine_rows,
    youth_against_benchmark,
)
from indicators.comparator_groups import ComparatorGroup, ComparatorKind, comparator_group
from indicators.ranking import rank_against_scotland
from indicators.target_progress import BenchmarkView, benchmark_view
from ui import figures, profile_figures, session


@st.cache_data(max_entries=256, show_spinner=False)
def _ranked(indicator_id: str, period: str, snapshot_sha: str) -> tuple[pd.DataFrame, float | None]:
    del snapshot_sha  # part of the cache key only
    return rank_against_scotland(session.catalogue(), indicator_id, period)


def ranked(indicator_id: str, period: str) -> tuple[pd.DataFrame, float | None]:
    """The 32 council areas ranked and judged against Scotland (see rank_against_scotland)."""
    return _ranked(indicator_id, period, session.catalogue().manifest.observations_sha256)


@st.cache_resource(max_entries=256, show_spinner=False)
def _map_figure(
    indicator_id: str, period: str, layout: str, selected: str | None, snapshot_sha: str
) -> go.Figure:
    frame, scotland_value = _ranked(indicator_id, period, snapshot_sha)
    tiles = layout == "tiles"
    return figures.choropleth(
        frame,
        tile_outlines() if tiles else projected_outlines(),
        session.catalogue().indicator(indicator_id),
        scotland_value=scotland_value,
        selected_code=selected,
        tile_labels=tile_labels() if tiles else None,
    )


def map_figure(indicator_id: str, period: str, layout: str, selected: str | None) -> go.Figure:
    """The choropleth (geographic outlines or equal-area tiles) for one indicator and period."""
    sha = session.catalogue().manifest.observations_sha256
    return _map_figure(indicator_id, period, layout, selected, sha)


@st.cache_resource(max_entries=256, show_spinner=False)
def _bars_figure(indicator_id: str, period: str, snapshot_sha: str) -> go.Figure:
    frame, scotland_value = _ranked(indicator_id, period, snapshot_sha)
    indicator = session.catalogue().indicator(indicator_id)
    return figures.ranked_bars(frame, indicator, scotland_value=scotland_value)


def bars_figure(indicator_id: str, period: str) -> go.Figure:
    """Ranked bars with 95% intervals and Scotland's line."""
    return _bars_figure(indicator_id, period, session.catalogue().manifest.observations_sha256)


@st.cache_data(max_entries=256, show_spinner=False)
def _group(
    kind: str, area_code: str, custom: tuple[str, ...], snapshot_sha: str
) -> ComparatorGroup:
    del snapshot_sha
    return comparator_group(
        session.catalogue(), cast(ComparatorKind, kind), area_code, list(custom)
    )


def group(kind: ComparatorKind, area_code: str, custom: list[str]) -> ComparatorGroup:
    """The comparator group for an area (see indicators.comparators.comparator_group)."""
    sha = session.catalogue().manifest.observations_sha256
    return _group(kind, area_code, tuple(custom), sha)


@st.cache_data(max_entries=256, show_spinner=False)
def _profile_rows(area_code: str, members: tuple[str, ...], snapshot_sha: str) -> list[ProfileRow]:
    del snapshot_sha
    return area_profile_rows(session.catalogue(), area_code, list(members))


def profile_rows(area_code: str, members: tuple[str, ...] | list[str]) -> list[ProfileRow]:
    """Every council-area indicator for one area against Scotland and its peers."""
    sha = session.catalogue().manifest.observations_sha256
    return _profile_rows(area_code, tuple(members), sha)


@st.cache_resource(max_entries=256, show_spinner=False)
def _profile_figures(
    area_code: str, members: tuple[str, ...], area_name: str, peer_label: str, snapshot_sha: str
) -> tuple[go.Figure | None, go.Figure | None]:
    spine = spine_rows(_profile_rows(area_code, members, snapshot_sha))
    peers = [r.summary for r in spine if r.summary.peer_count > 0]
    return (
        profile_figures.spine_chart(spine, area_name) if spine else None,
        profile_figures.peer_chart(peers, area_name, peer_label) if peers else None,
    )


def profile_figures_for(
    area_code: str, members: tuple[str, ...] | list[str], area_name: str, peer_label: str
) -> tuple[go.Figure | None, go.Figure | None]:
    """The area profile's spine chart and peer chart (None where nothing can be drawn).

    Building the peer chart's subplots costs about 50 ms, half the page's script time.
    """
    sha = session.catalogue().manifest.observations_sha256
    return _profile_figures(area_code, tuple(members), area_name, peer_label, sha)


@st.cache_data(max_entries=64, show_spinner=False)
def _youth(area_code: str, snapshot_sha: str) -> pd.DataFrame:
    del snapshot_sha
    return youth_against_benchmark(session.catalogue(), area_code)


def youth(area_code: str) -> pd.DataFrame:
    """The area's youth measures against its own 2019 level."""
    return _youth(area_code, session.catalogue().manifest.observations_sha256)


@st.cache_resource(max_entries=32, show_spinner=False)
def _benchmark(
    benchmark_id: str, indicator_id: str, snapshot_sha: str
) -> tuple[BenchmarkView, go.Figure | None]:
    del snapshot_sha
    catalogue = session.catalogue()
    benchmark = catalogue.registry.benchmarks[benchmark_id]
    view = benchmark_view(catalogue, benchmark, indicator_id)
    figure = (
        None
        if view.councils.empty
        else figures.benchmark_dumbbells(
            view.councils, catalogue.indicator(indicator_id), benchmark.year
        )
    )
    return view, figure


def benchmark(benchmark_id: str, indicator_id: str) -> tuple[BenchmarkView, go.Figure | None]:
    """Each area against its own benchmark-year level, in words, with its dot chart.

    Comparing 33 areas twice over takes about 70 ms per measure: /targets' script time.
    """
    sha = session.catalogue().manifest.observations_sha256
    return _benchmark(benchmark_id, indicator_id, sha)
