"""What a release changed, in plain words, most important first: the What's new page, the
feeds and the digest all read these items.

A release is compared with the one it replaced (rebuilt exactly from the stored reverse
delta). Changes are judged with the same rules the pages use: a change on the previous period
or a difference from Scotland is claimed only when the 95% intervals support it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

import pandas as pd

from data_sources.release_delta import ReleaseDelta, ReleaseDeltaError, rebuild_previous
from data_sources.snapshot import Snapshot, observations_to_csv, sha256_bytes
from geo.council_areas import SCOTLAND_CODE, area_name
from indicators.catalogue import USABLE, Catalogue
from indicators.glossary import TRACK_STATUS_WORDS, status_words
from indicators.ranking import rank_against_scotland
from indicators.summaries import areas_significantly_worse, headline
from indicators.target_progress import target_progress
from indicators.units import format_change, format_value
from metadata.registry import Indicator

MAX_REVISED_PERIODS_LISTED = 4


class NewsKind(StrEnum):
    """Kinds of change, in order of importance (the first matters most)."""

    TARGET_STATUS = "target_status"
    INTO_WORSE = "into_worse"
    OUT_OF_WORSE = "out_of_worse"
    SIGNIFICANT_CHANGE = "significant_change"
    RANK_RANGE = "rank_range"
    REVISED = "revised"
    NEW_PERIOD = "new_period"
    SERIES_ADDED = "series_added"
    SERIES_REMOVED = "series_removed"


KIND_WORDS: dict[NewsKind, str] = {
    NewsKind.TARGET_STATUS: "Target status changed",
    NewsKind.INTO_WORSE: "Now significantly worse than Scotland",
    NewsKind.OUT_OF_WORSE: "No longer significantly worse than Scotland",
    NewsKind.SIGNIFICANT_CHANGE: "Change on the previous period",
    NewsKind.RANK_RANGE: "Rank range changed",
    NewsKind.REVISED: "Figures revised",
    NewsKind.NEW_PERIOD: "New figures",
    NewsKind.SERIES_ADDED: "New series",
    NewsKind.SERIES_REMOVED: "Series withdrawn",
}
IMPORTANCE: dict[NewsKind, int] = {kind: rank for rank, kind in enumerate(NewsKind)}


@dataclass(frozen=True)
class NewsItem:
    """One change a reader should hear about, with where to look at it."""

    release: str
    released_at: str
    kind: NewsKind
    indicator_id: str | None
    area_codes: tuple[str, ...]
    text: str
    page: str  # url path of the page that shows it ("area", "trends", "map", "targets")
    query: dict[str, str] = field(default_factory=dict)

    @property
    def kind_words(self) -> str:
        return KIND_WORDS[self.kind]

    def concerns(self, area_code: str) -> bool:
        return area_code in self.area_codes


@dataclass(frozen=True)
class Release:
    """One release on record and the changes it brought."""

    release: str
    released_at: str
    previous_release: str | None
    items: tuple[NewsItem, ...]

    @property
    def released_on(self) -> date:
        return date.fromisoformat(self.released_at[:10])


def _catalogue_of(like: Catalogue, frame: pd.DataFrame, delta: ReleaseDelta) -> Catalogue:
    manifest = delta.previous_manifest
    if manifest is None:
        raise ReleaseDeltaError(f"release {delta.release} keeps no manifest of its predecessor")
    # The rebuilt release has no directory of its own; nothing reads one from it.
    snapshot = Snapshot(frame, manifest, Path("/nonexistent-rebuilt-release"))
    return Catalogue(like.registry, snapshot, origin="rebuilt")


def _areas_words(codes: Sequence[str]) -> str:
    councils = [c for c in codes if c != SCOTLAND_CODE]
    parts = []
    if SCOTLAND_CODE in codes:
        parts.append("Scotland")
    if len(councils) == 32:
        parts.append("all 32 council areas")
    elif len(councils) > 3:
        parts.append(f"{len(councils)} council areas")
    else:
        parts += [area_name(c) for c in sorted(councils, key=area_name)]
    return " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts)


class _Comparer:
    """Judges one release against the one before it."""

    def __init__(self, new: Catalogue, old: Catalogue, delta: ReleaseDelta) -> None:
        self.new, self.old, self.delta = new, old, delta
        self.items: list[NewsItem] = []
        self.added = pd.DataFrame(
            list(delta.added_keys), columns=["indicator_id", "area_code", "period"]
        )
        self.replaced = delta.replaced_rows()

    def item(
        self,
        kind: NewsKind,
        indicator_id: str | None,
        areas: Iterable[str],
        text: str,
        page: str,
        query: dict[str, str] | None = None,
    ) -> None:
        self.items.append(
            NewsItem(
                self.delta.release,
                self.delta.released_at,
                kind,
                indicator_id,
                tuple(areas),
                text,
                page,
                query or {},
            )
        )

    def run(self) -> list[NewsItem]:
        self.series_changes()
        self.new_periods()
        self.revisions()
        for indicator in self.new.indicators():
            if self.touched(indicator.id):
                self.significant_changes(indicator)
                if indicator.has_council_areas:
                    self.worse_than_scotland(indicator)
                    self.rank_ranges(indicator)
        self.target_statuses()
        return sorted(self.items, key=lambda i: (IMPORTANCE[i.kind], i.indicator_id or "", i.text))

    def touched(self, indicator_id: str) -> bool:
        return bool(
            (self.added["indicator_id"] == indicator_id).any()
            or (self.replaced["indicator_id"] == indicator_id).any()
        )

    @staticmethod
    def _series(frame: pd.DataFrame) -> set[tuple[str, str]]:
        return set(zip(frame["indicator_id"], frame["area_code"], strict=True))

    def series_changes(self) -> None:
        new = self._series(self.new.all_observations())
        old = self._series(self.old.all_observations())
        for kind, pairs in (
            (NewsKind.SERIES_ADDED, new - old),
            (NewsKind.SERIES_REMOVED, old - new),
        ):
            by_indicator: dict[str, list[str]] = {}
            for indicator_id, area in sorted(pairs):
                by_indicator.setdefault(indicator_id, []).append(area)
            for indicator_id, areas in by_indicator.items():
                title = self.new.registry.indicator(indicator_id).title
                verb = "now published" if kind is NewsKind.SERIES_ADDED else "no longer held"
                self.item(
                    kind,
                    indicator_id,
                    areas,
                    f"{title}: {verb} for {_areas_words(areas)}.",
                    "trends",
                    {"indicator": indicator_id},
                )

    def new_periods(self) -> None:
        new_frame = self.new.all_observations()
        existing_old = self._series(self.old.all_observations())
        added = self.added.merge(new_frame, on=["indicator_id", "area_code", "period"])
        in_old_series = pd.Series(
            [
                (i, a) in existing_old
                for i, a in zip(added["indicator_id"], added["area_code"], strict=True)
            ],
            index=added.index,
            dtype=bool,
        )
        added = added.loc[in_old_series]
        for indicator_id, rows in added.groupby("indicator_id", sort=True):
            # One item per indicator: a monthly series that gains a year says so once.
            indicator = self.new.registry.indicator(str(indicator_id))
            areas = sorted(set(rows["area_code"]))
            ordered = rows.sort_values("period_end")
            labels = list(dict.fromkeys(ordered["period_label"]))
            when = (
                labels[0]
                if len(labels) == 1
                else f"{len(labels)} new periods, {labels[0]} to {labels[-1]}"
            )
            usable = ordered[ordered["status"].isin(USABLE)]
            scotland = usable[usable["area_code"] == SCOTLAND_CODE]
            figure = (
                f" Scotland, {scotland['period_label'].iloc[-1]}: "
                f"{format_value(float(scotland['value'].iloc[-1]), indicator)}."
                if len(scotland)
                else ""
            )
            withheld = len(rows) - len(usable)
            held = (
                f" ({withheld} of the {len(rows)} figures suppressed or not available, as the "
                "publisher marks them)"
                if withheld
                else ""
            )
            self.item(
                NewsKind.NEW_PERIOD,
                str(indicator_id),
                areas,
                f"{indicator.title}: figures for {when} for {_areas_words(areas)}{held}.{figure}",
                "map" if indicator.has_council_areas else "trends",
                {"indicator": str(indicator_id)},
            )

    def revisions(self) -> None:
        replaced = self.replaced
        new_frame = self.new.all_observations()
        both = replaced.merge(
            new_frame, on=["indicator_id", "area_code", "period"], suffixes=("_old", "_new")
        )
        changed = both[
            ~(
                (
                    (both["value_old"] == both["value_new"])
                    | (both["value_old"].isna() & both["value_new"].isna())
                )
                & (both["status_old"] == both["status_new"])
            )
        ]
        visible = [self._visible(row) for _, row in changed.iterrows()]
        unseen = changed[[not v for v in visible]] if len(changed) else changed
        changed = changed[visible] if len(changed) else changed
        for unseen_id, rows in unseen.groupby("indicator_id", sort=True):
            # Revisions smaller than the precision shown (e.g. a file printing more decimals)
            # are said once per indicator, not area by area.
            indicator = self.new.registry.indicator(str(unseen_id))
            areas = sorted(set(rows["area_code"]))
            self.item(
                NewsKind.REVISED,
                str(unseen_id),
                areas,
                f"{indicator.title}: {len(rows)} figures for {_areas_words(areas)} revised by "
                "less than the precision shown (the values you see are unchanged).",
                "trends",
                {"indicator": str(unseen_id)},
            )
        for (indicator_id, area), rows in changed.groupby(["indicator_id", "area_code"], sort=True):
            indicator = self.new.registry.indicator(str(indicator_id))
            rows = rows.sort_values("period_end_new")
            shown = [
                self._revision_words(indicator, row)
                for _, row in rows.tail(MAX_REVISED_PERIODS_LISTED).iterrows()
            ]
            more = len(rows) - len(shown)
            extra = f" (and {more} earlier periods)" if more > 0 else ""
            self.item(
                NewsKind.REVISED,
                str(indicator_id),
                [str(area)],
                f"{indicator.title}, {area_name(str(area))}: " + "; ".join(shown) + f"{extra}.",
                "trends",
                {"indicator": str(indicator_id), "areas": str(area)},
            )

    def _visible(self, row: pd.Series) -> bool:
        """Whether a reader sees the revision: the status or the value as shown changed."""
        indicator = self.new.registry.indicator(str(row["indicator_id"]))
        if row["status_old"] != row["status_new"]:
            return True
        old = _value_or_status(indicator, row["value_old"], str(row["status_old"]))
        return old != _value_or_status(indicator, row["value_new"], str(row["status_new"]))

    @staticmethod
    def _revision_words(indicator: Indicator, row: pd.Series) -> str:
        old = _value_or_status(indicator, row["value_old"], str(row["status_old"]))
        new = _value_or_status(indicator, row["value_new"], str(row["status_new"]))
        words = f"{row['period_label_new']} revised from {old} to {new}"
        if pd.notna(row["value_old"]) and pd.notna(row["value_new"]):
            words += (
                f" ({format_change(float(row['value_new']) - float(row['value_old']), indicator)})"
            )
        return words

    def significant_changes(self, indicator: Indicator) -> None:
        added = self.added[self.added["indicator_id"] == indicator.id]
        for area in sorted(set(added["area_code"])):
            latest = self.new.latest(indicator.id, area)
            if (
                latest is None
                or not ((added["area_code"] == area) & (added["period"] == latest["period"])).any()
            ):
                continue
            said = headline(self.new, indicator.id, area)
            if said.judgement.value not in ("better", "worse"):
                continue
            self.item(
                NewsKind.SIGNIFICANT_CHANGE,
                indicator.id,
                [area],
                f"{area_name(area)}. {said.sentence}",
                "area",
                {"area": area},
            )

    def worse_than_scotland(self, indicator: Indicator) -> None:
        def worse(catalogue: Catalogue) -> tuple[set[str], str | None]:
            frame = areas_significantly_worse(catalogue, indicator.id)
            period = catalogue.latest_period(indicator.id, geography="council_area")
            codes = set(frame["area_code"]) if len(frame) else set()
            return codes, None if period is None else period.label

        now, now_label = worse(self.new)
        before, before_label = worse(self.old)
        if before_label is None or now_label is None:
            return  # a series new (or gone) in this release: nothing to move into or out of
        then = "in the previous release" if before_label == now_label else f"in {before_label}"
        for kind, codes in (
            (NewsKind.INTO_WORSE, now - before),
            (NewsKind.OUT_OF_WORSE, before - now),
        ):
            for area in sorted(codes, key=area_name):
                text = (
                    f"{area_name(area)}: {indicator.title.lower()} in {now_label} is "
                    f"significantly worse than Scotland's (it was not {then})."
                    if kind is NewsKind.INTO_WORSE
                    else f"{area_name(area)}: {indicator.title.lower()} in {now_label} is no "
                    f"longer significantly worse than Scotland's (it was {then})."
                )
                self.item(kind, indicator.id, [area], text, "area", {"area": area})

    def rank_ranges(self, indicator: Indicator) -> None:
        if not indicator.has_interval:
            return

        def ranges(catalogue: Catalogue) -> tuple[dict[str, str], str | None]:
            period = catalogue.latest_period(indicator.id, geography="council_area")
            if period is None:
                return {}, None
            ranked, _ = rank_against_scotland(catalogue, indicator.id, period.period)
            column = "Plausible rank range"
            if column not in ranked:
                return {}, period.label
            return dict(zip(ranked["area_code"], ranked[column], strict=True)), period.label

        now, now_label = ranges(self.new)
        before, before_label = ranges(self.old)
        for area in sorted(set(now) & set(before), key=area_name):
            if now[area] and before[area] and now[area] != before[area]:
                self.item(
                    NewsKind.RANK_RANGE,
                    indicator.id,
                    [area],
                    f"{area_name(area)}: {indicator.title.lower()} plausible rank among the 32 "
                    f"council areas is {now[area]} in {now_label} ({before[area]} in "
                    f"{before_label}; 1 = best).",
                    "map",
                    {"indicator": indicator.id, "area": area},
                )

    def target_statuses(self) -> None:
        for target in self.new.registry.targets.values():
            if not self.touched(target.indicator):
                continue
            now = target_progress(self.new, target)
            before = target_progress(self.old, target)
            if now is None or before is None or now.judged.status == before.judged.status:
                continue
            self.item(
                NewsKind.TARGET_STATUS,
                target.indicator,
                [target.area],
                f"{target.title}: {TRACK_STATUS_WORDS[now.judged.status].lower()} on "
                f"{now.latest_year} figures (was "
                f"{TRACK_STATUS_WORDS[before.judged.status].lower()} on "
                f"{before.latest_year} figures).",
                "targets",
                {},
            )


def _value_or_status(indicator: Indicator, value: object, status: str) -> str:
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return status_words(status).lower()
    return format_value(float(value), indicator)  # type: ignore[arg-type]


def compare_releases(new: Catalogue, delta: ReleaseDelta) -> Release:
    """The changes `delta`'s release brought, judged against the release it replaced."""
    if delta.is_first:
        return Release(delta.release, delta.released_at, None, ())
    old_frame = rebuild_previous(new.all_observations(), delta)
    old = _catalogue_of(new, old_frame, delta)
    return Release(
        delta.release,
        delta.released_at,
        delta.previous_release,
        tuple(_Comparer(new, old, delta).run()),
    )


def release_chain(catalogue: Catalogue, history: Sequence[ReleaseDelta]) -> list[Release]:
    """Every release that can be traced back from the snapshot in use, newest first.

    Walks the stored deltas from the current observations backwards, rebuilding each earlier
    release exactly; stops where the chain breaks (a delta missing or not matching)."""
    by_checksum = {d.observations_sha256: d for d in history}
    current = catalogue
    checksum = sha256_bytes(observations_to_csv(catalogue.all_observations()))
    releases: list[Release] = []
    seen: set[str] = set()
    while checksum in by_checksum and checksum not in seen:
        seen.add(checksum)
        delta = by_checksum[checksum]
        try:
            release = compare_releases(current, delta)
        except ReleaseDeltaError:
            break
        releases.append(release)
        if delta.is_first or delta.previous_observations_sha256 is None:
            break
        previous = rebuild_previous(current.all_observations(), delta)
        current = _catalogue_of(current, previous, delta)
        checksum = delta.previous_observations_sha256
    return releases


def news_since(releases: Sequence[Release], since: date | None) -> list[NewsItem]:
    """Items of the latest release (no date), or of every release on or after `since`."""
    if not releases:
        return []
    chosen = [releases[0]] if since is None else [r for r in releases if r.released_on >= since]
    return [item for release in chosen for item in release.items]
