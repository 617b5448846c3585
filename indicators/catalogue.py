"""The one interface pages use to read data: registry + snapshot + manifest, queried by meaning.

Pages never touch file paths or raw frames' quirks: they ask the catalogue for an indicator's
observations, its periods, an area's latest value or a release's provenance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Final

import pandas as pd

from data_sources.delivery import empty_delivery
from data_sources.provenance import SnapshotManifest, SourceRelease
from data_sources.schema import USABLE_STATUSES
from data_sources.snapshot import Snapshot, load_embedded_delivery
from data_sources.store import load_freshest_snapshot
from geo.council_areas import SCOTLAND, SCOTLAND_CODE, Area, council_areas
from metadata.registry import (
    DeliveryMeasure,
    Indicator,
    Registry,
    Source,
    Target,
    load_registry,
)

USABLE: Final = frozenset(s.value for s in USABLE_STATUSES)
"""The status codes whose figures are used in ranks, comparisons and headlines (the one copy)."""


def usable_mask(rows: pd.DataFrame) -> pd.Series:
    """Rows whose figure can be used as it stands: ok or provisional, with a value.

    An `unreliable` row may carry the publisher's printed value ("treat with caution"); it is
    shown, greyed, but never ranked, compared or used as a latest figure, so every "has a
    usable figure" question goes through this mask, not through `value.notna()`."""
    return rows["status"].isin(USABLE) & rows["value"].notna()


@dataclass(frozen=True)
class PeriodInfo:
    """A period of one indicator, in storage form and in words."""

    period: str
    label: str
    end: str


class Catalogue:
    """Read-only, query-by-meaning access to every figure in the snapshot."""

    def __init__(
        self,
        registry: Registry,
        snapshot: Snapshot,
        *,
        origin: str = "embedded",
        fallback_reason: str | None = None,
        boundaries_path: Path | None = None,
        delivery: pd.DataFrame | None = None,
    ) -> None:
        """`origin` says which snapshot is in use ('embedded' or 'refreshed'); a
        `fallback_reason` says why a refreshed snapshot was set aside, for the pages to show;
        `boundaries_path` names the council-area boundaries a refresh published with this
        snapshot (None: the committed ones in geo/reference); `delivery` is the delivery
        statistics table when the snapshot holds none of its own."""
        self.registry = registry
        self._snapshot = snapshot
        held = snapshot.delivery if snapshot.delivery is not None else delivery
        self._delivery = empty_delivery() if held is None else held
        # An unreliable estimate keeps its printed value here too: charts show it greyed and
        # hatched, and `usable_mask` keeps it out of ranks, comparisons and latest figures.
        self._frame = snapshot.observations
        self.origin = origin
        self.fallback_reason = fallback_reason
        self.boundaries_path = boundaries_path
        # The snapshot never changes under a catalogue, so answers can be kept.
        self._periods_memo: dict[tuple[str, str | None], tuple[PeriodInfo, ...]] = {}

    @property
    def cache_token(self) -> str:
        """What the answers and figures built from this catalogue depend on: its figures (by
        checksum) and its boundaries. Two catalogues with the same token give the same answers,
        so per-process caches key on it (see ui.cached)."""
        return f"{self._snapshot.manifest.observations_sha256}|{self.boundaries_path or ''}"

    # --- declarations -------------------------------------------------------------------
    @property
    def manifest(self) -> SnapshotManifest:
        return self._snapshot.manifest

    @property
    def changes(self) -> str:
        """What the latest data build added or revised, as written by the build (Markdown)."""
        return self._snapshot.changes

    def indicators(
        self,
        *,
        headline_only: bool = False,
        council_areas_only: bool = False,
        include_empty: bool = False,
    ) -> list[Indicator]:
        """Indicators in registry order that have figures in this snapshot (all declared ones
        with `include_empty`, e.g. live-only series on the embedded snapshot), optionally only
        headline or council-area ones."""
        chosen = list(self.registry.indicators.values())
        if not include_empty:
            chosen = [i for i in chosen if i.id in self._by_indicator]
        if headline_only:
            chosen = [i for i in chosen if i.headline]
        if council_areas_only:
            chosen = [i for i in chosen if i.has_council_areas]
        return chosen

    def indicator(self, indicator_id: str) -> Indicator:
        return self.registry.indicator(indicator_id)

    def source(self, source_id: str) -> Source:
        return self.registry.sources[source_id]

    def release(self, release_id: str) -> SourceRelease:
        return self.manifest.release(release_id)

    def releases_for(self, indicator_id: str) -> list[SourceRelease]:
        """The releases behind an indicator's rows, most preferred source first."""
        order = self.indicator(indicator_id).sources
        used = self._release_ids_by_indicator.get(indicator_id, frozenset())
        releases = [r for r in self.manifest.releases if r.release_id in used]
        return sorted(releases, key=lambda r: order.index(r.source_id))

    @cached_property
    def _release_ids_by_indicator(self) -> dict[str, frozenset[str]]:
        # Every page footer and source note asks this; scanning the whole frame each time
        # cost about 5 ms per call (a third of the area profile's script time).
        return {
            str(key): frozenset(group["release_id"])
            for key, group in self._frame.groupby("indicator_id", sort=False)
        }

    def targets_for(self, indicator_id: str) -> tuple[Target, ...]:
        return self.registry.targets_for(indicator_id)

    @staticmethod
    def areas() -> list[Area]:
        """Scotland first, then the 32 council areas alphabetically."""
        return [SCOTLAND, *council_areas()]

    # --- observations -------------------------------------------------------------------
    def observations(
        self,
        indicator_id: str,
        *,
        area_codes: list[str] | None = None,
        period: str | None = None,
    ) -> pd.DataFrame:
        """All rows for one indicator (every status), optionally for some areas or one period."""
        self.indicator(indicator_id)  # unknown ids raise KeyError with a clear message
        rows = self._by_indicator.get(indicator_id, self._frame.iloc[0:0])
        if area_codes is not None:
            rows = rows[rows["area_code"].isin(area_codes)]
        if period is not None:
            rows = rows[rows["period"] == period]
        return rows.copy()

    @cached_property
    def _by_indicator(self) -> dict[str, pd.DataFrame]:
        return {
            str(key): group.sort_values(["period_end", "area_code"]).reset_index(drop=True)
            for key, group in self._frame.groupby("indicator_id", sort=False)
        }

    def periods(self, indicator_id: str, *, geography: str | None = None) -> list[PeriodInfo]:
        """The indicator's periods, oldest first; with a geography, only periods that have
        at least one usable value there."""
        key = (indicator_id, geography)
        if key not in self._periods_memo:
            self._periods_memo[key] = self._periods(indicator_id, geography)
        return list(self._periods_memo[key])

    def _periods(self, indicator_id: str, geography: str | None) -> tuple[PeriodInfo, ...]:
        rows = self.observations(indicator_id)
        if geography is not None:
            rows = rows[(rows["area_type"] == geography) & rows["status"].isin(USABLE)]
        unique = rows.drop_duplicates("period").sort_values("period_end")
        return tuple(
            PeriodInfo(str(r.period), str(r.period_label), str(r.period_end))
            for r in unique.itertuples()
        )

    def latest_period(
        self, indicator_id: str, *, geography: str = "council_area"
    ) -> PeriodInfo | None:
        """The newest period with a usable value for the geography (None if there is none)."""
        periods = self.periods(indicator_id, geography=geography)
        return periods[-1] if periods else None

    def series(self, indicator_id: str, area_code: str) -> pd.DataFrame:
        """One area's rows over time, oldest first, every status kept (gaps stay gaps)."""
        return self.observations(indicator_id, area_codes=[area_code]).sort_values("period_end")

    def latest(self, indicator_id: str, area_code: str = SCOTLAND_CODE) -> pd.Series | None:
        """The newest row with a usable value for an area, or None."""
        rows = self.series(indicator_id, area_code)
        usable = rows[rows["status"].isin(USABLE)]
        return None if usable.empty else usable.iloc[-1]

    def previous(self, indicator_id: str, area_code: str, before_end: str) -> pd.Series | None:
        """The newest usable row that ends before `before_end` (for change on the period)."""
        rows = self.series(indicator_id, area_code)
        rows = rows[rows["status"].isin(USABLE) & (rows["period_end"] < before_end)]
        return None if rows.empty else rows.iloc[-1]

    def council_values(self, indicator_id: str, period: str) -> pd.DataFrame:
        """The 32 council areas for one period, every status kept (for maps and rankings)."""
        rows = self.observations(indicator_id, period=period)
        return rows[rows["area_type"] == "council_area"].reset_index(drop=True)

    # --- No One Left Behind delivery statistics ---------------------------------------------
    def delivery(
        self, *, measures: list[str] | None = None, area_codes: list[str] | None = None
    ) -> pd.DataFrame:
        """No One Left Behind's delivery figures (data_sources.delivery), one row per figure
        and edition, optionally for some measures or areas; missing figures keep their status."""
        rows = self._delivery
        if measures is not None:
            unknown = set(measures) - set(self.delivery_measures())
            if unknown:
                raise KeyError(f"unknown delivery measures {sorted(unknown)}")
            rows = rows[rows["measure"].isin(measures)]
        if area_codes is not None:
            rows = rows[rows["area_code"].isin(area_codes)]
        return rows.reset_index(drop=True).copy()

    def delivery_measures(self) -> dict[str, DeliveryMeasure]:
        """The declared delivery measures (empty when the registry declares none)."""
        declared = self.registry.delivery
        return {} if declared is None else dict(declared.measures)

    def all_observations(self) -> pd.DataFrame:
        """Every row as stored, unreliable estimates with their values (for downloads)."""
        return self._snapshot.observations.copy()


def load_current_catalogue(data_dir: Path | None = None) -> Catalogue:
    """The catalogue the dashboard serves: the freshest sound refreshed snapshot in the store
    ($NOLB_DATA_DIR unless `data_dir` is given), else the embedded one, with the reason."""
    freshest = load_freshest_snapshot(data_dir)
    # A refreshed snapshot has no delivery table (never fetched live): the embedded one's.
    delivery = None if freshest.snapshot.delivery is not None else load_embedded_delivery()
    return Catalogue(
        load_registry(),
        freshest.snapshot,
        origin=freshest.origin,
        fallback_reason=freshest.fallback_reason,
        boundaries_path=freshest.boundaries_path,
        delivery=delivery,
    )
