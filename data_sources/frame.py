"""Records into the tidy table: names and releases joined, overlaps between sources resolved,
coverage checked. Shared by the offline build and the live refresh, so both publish the same shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from data_sources.records import Record
from data_sources.schema import COLUMNS
from data_sources.snapshot import SORT_KEY
from geo.council_areas import SCOTLAND_CODE, area_name
from metadata.registry import Registry


class BuildError(RuntimeError):
    """The build cannot produce a trustworthy snapshot; nothing was written."""


def records_to_frame(records: Sequence[Record], release_ids: Mapping[str, str]) -> pd.DataFrame:
    """Parsed records as rows of the tidy table, joined to official names and release ids."""
    rows = [
        {
            "indicator_id": r.indicator_id,
            "area_code": r.area_code,
            "area_name": area_name(r.area_code),
            "area_type": "scotland" if r.area_code == SCOTLAND_CODE else "council_area",
            "period": r.period.iso,
            "period_label": r.period.label,
            "period_end": r.period.end,
            "value": r.value,
            "lower_95": r.lower_95,
            "upper_95": r.upper_95,
            "status": r.status.value,
            "status_detail": r.status_detail,
            "note": r.note,
            "source_id": r.source_id,
            "release_id": release_ids[r.source_id],
        }
        for r in records
    ]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in ("value", "lower_95", "upper_95"):
        frame[column] = frame[column].astype("float64")
    return frame


def resolve_overlaps(frame: pd.DataFrame, registry: Registry) -> tuple[pd.DataFrame, list[str]]:
    """Keep one row per key, from the indicator's most preferred source; note real differences."""
    preference = {
        (indicator.id, source): rank
        for indicator in registry.indicators.values()
        for rank, source in enumerate(indicator.sources)
    }
    ranked = frame.assign(
        _rank=[
            preference[(i, s)]
            for i, s in zip(frame["indicator_id"], frame["source_id"], strict=True)
        ]
    ).sort_values([*SORT_KEY, "_rank"], kind="mergesort")
    # Each row that gives way, beside the row kept for its key (vectorised: refreshes compare
    # thousands of overlapping rows).
    first = ~ranked.duplicated(SORT_KEY, keep="first")
    kept_rows = ranked.loc[first, [*SORT_KEY, "value", "source_id", "area_name", "period_label"]]
    others = ranked.loc[~first, [*SORT_KEY, "value", "source_id"]].merge(
        kept_rows, on=SORT_KEY, suffixes=("_other", ""), sort=False
    )
    same = (others["value"] == others["value_other"]) | (
        others["value"].isna() & others["value_other"].isna()
    )
    notes = [
        f"{row.indicator_id}, {row.area_name}, {row.period_label}: kept {row.value:g} from "
        f"{row.source_id}; {row.source_id_other} gives {row.value_other:g}"
        for row in others[~same].itertuples(index=False)
    ]
    resolved = ranked.drop_duplicates(SORT_KEY, keep="first").drop(columns="_rank")
    return resolved.reset_index(drop=True), notes


def check_coverage(
    frame: pd.DataFrame, registry: Registry, *, skip: frozenset[str] | None = None
) -> None:
    """Every declared indicator has data for every declared geography, and nothing else appears.

    Indicators in `skip` need no rows; by default those whose sources are all live-only, which
    the offline build cannot produce.
    """
    skip = registry.live_only_indicators() if skip is None else skip
    problems = []
    unknown = set(frame["indicator_id"]) - set(registry.indicators)
    if unknown:
        problems.append(f"rows for indicators not in the registry: {sorted(unknown)}")
    for indicator in registry.indicators.values():
        if indicator.id in skip:
            continue
        rows = frame[frame["indicator_id"] == indicator.id]
        for geography in indicator.geographies:
            if not (rows["area_type"] == geography.value).any():
                problems.append(f"{indicator.id}: no rows for geography {geography.value}")
        stray = set(rows["source_id"]) - set(indicator.sources)
        if stray:
            problems.append(f"{indicator.id}: rows from undeclared sources {sorted(stray)}")
    if problems:
        raise BuildError("; ".join(problems))
