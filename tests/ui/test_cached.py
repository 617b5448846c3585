"""The per-process caches key on the catalogue and indicator objects: the same snapshot is
answered from the cache, a new snapshot (or new boundaries) is built afresh."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from data_sources.store import BOUNDARIES_FILE, BOUNDARIES_PROVENANCE_FILE, publish
from geo.outlines import projected_outlines
from indicators.catalogue import Catalogue, load_current_catalogue
from tests.areas import boundaries_moved_east
from tests.serving.store_versions import version_files
from ui import cached, map_shapes

CLAIMANT = "claimant_rate"
CACHES = (cached.ranked, cached.map_figure, cached.map_picture, cached.bars_figure, cached.youth)


@pytest.fixture(autouse=True)
def _empty_caches() -> Iterator[None]:
    for function in CACHES:
        function.clear()
    yield
    for function in CACHES:
        function.clear()


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """Record each call `ui.cached` makes to the builder `name` (so a cache hit shows)."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(cached, name)

    def counted(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(cached, name, counted)
    return calls


def _with_new_figures(catalogue: Catalogue) -> Catalogue:
    """The same figures under another checksum, as a refresh that revised them would be."""
    snapshot = catalogue._snapshot
    manifest = snapshot.manifest.model_copy(update={"observations_sha256": "0" * 64})
    return Catalogue(catalogue.registry, dataclasses.replace(snapshot, manifest=manifest))


def test_the_same_snapshot_is_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting(monkeypatch, "rank_against_scotland")
    first = load_current_catalogue(tmp_path)
    again = load_current_catalogue(tmp_path)  # another object holding the same snapshot
    assert first is not again and first.cache_token == again.cache_token
    indicator = first.indicator(CLAIMANT)
    period = first.periods(CLAIMANT, geography="council_area")[-1].period
    frame, scotland = cached.ranked(first, indicator, period)
    frame["added_by_a_page"] = 1
    second_frame, second_scotland = cached.ranked(again, again.indicator(CLAIMANT), period)
    assert len(calls) == 1
    assert "added_by_a_page" not in second_frame.columns  # each caller gets its own copy
    assert second_scotland == scotland and len(second_frame) == 32
    cached.bars_figure(first, indicator, period)
    cached.bars_figure(again, indicator, period)
    assert len(calls) == 1  # the bars reuse the cached ranking


def test_a_new_snapshot_is_built_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch, "youth_against_benchmark")
    first = load_current_catalogue(tmp_path)
    cached.youth(first, "S12000049")
    renewed = _with_new_figures(first)
    assert renewed.cache_token != first.cache_token
    cached.youth(renewed, "S12000049")
    cached.youth(first, "S12000049")
    assert [call[0] for call in calls] == [first, renewed]


def _outline_xs(figure: go.Figure) -> list[float]:
    return [x for trace in figure.data if trace.fill == "toself" for x in trace.x if x is not None]


def _publish_with_boundaries(store: Path, geojson: bytes) -> None:
    files = version_files("2026-12-01")
    files[BOUNDARIES_FILE] = geojson
    provenance = {"output_sha256": hashlib.sha256(geojson).hexdigest(), "features": 32}
    files[BOUNDARIES_PROVENANCE_FILE] = json.dumps(provenance).encode()
    publish(store, files)


def test_the_map_draws_the_boundaries_a_refresh_published(tmp_path: Path) -> None:
    committed = load_current_catalogue(tmp_path / "no-refresh")
    assert committed.boundaries_path is None
    # The committed boundaries moved 0.1 degrees east: where the map's outlines come from shows.
    collection = boundaries_moved_east(0.1)
    _publish_with_boundaries(tmp_path / "store", json.dumps(collection).encode())
    refreshed = load_current_catalogue(tmp_path / "store")
    assert refreshed.origin == "refreshed"
    assert refreshed.boundaries_path is not None
    assert refreshed.cache_token != committed.cache_token
    indicator = committed.indicator(CLAIMANT)
    period = committed.periods(CLAIMANT, geography="council_area")[-1].period
    drawn_before = _outline_xs(cached.map_figure(committed, indicator, period, "map", None))
    drawn_after = _outline_xs(cached.map_figure(refreshed, indicator, period, "map", None))
    assert len(drawn_before) == len(drawn_after) > 1000
    # 0.1 degrees of longitude at Scotland's latitudes is about 6 km, 60 grid units of 100 m.
    shifts = [after - before for before, after in zip(drawn_before, drawn_after, strict=True)]
    assert min(shifts) > 40 and max(shifts) < 80
    # The SVG map on the page draws the same refreshed outlines.
    svg_after = cached.map_picture(refreshed, indicator, period, "map", None).geometry
    assert svg_after == map_shapes.map_geometry(projected_outlines(refreshed.boundaries_path))
    svg_before = cached.map_picture(committed, indicator, period, "map", None).geometry
    assert svg_before == map_shapes.map_geometry(projected_outlines())
    assert svg_after.paths != svg_before.paths
