"""Rank the 32 council areas with polarity, ties, missing values and uncertainty handled.

Rank 1 is always the best-performing area, whichever direction is better for the indicator.
Areas without a usable value get no rank (never a zero). Tied values share the best rank of
the tie ("2=" for two areas tied for second). Where 95% intervals are known, each area also
gets a plausible rank range: the best and worst ranks consistent with the intervals.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import USABLE, Catalogue, usable_mask
from indicators.significance import compare_to_value, judge
from indicators.summaries import estimate_of
from metadata.registry import Polarity

RANK_HEADING: Final = "Rank (1 = best)"
"""The heading of every table column that holds a rank among the council areas."""


def rank_areas(rows: pd.DataFrame, polarity: Polarity) -> pd.DataFrame:
    """Add `rank`, `rank_label`, `rank_best`, `rank_worst` and `ranked_count` to council rows.

    `rows` holds one period's council areas (any statuses). Ranks are nullable integers.
    """
    frame = rows.copy()
    usable = frame["status"].isin(USABLE) & frame["value"].notna()
    ascending = polarity is Polarity.LOWER_IS_BETTER
    ranks = frame.loc[usable, "value"].rank(method="min", ascending=ascending)
    frame["rank"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame.loc[usable, "rank"] = ranks.astype("int64")
    counts = frame.loc[usable, "rank"].value_counts()
    frame["rank_label"] = [
        "" if pd.isna(r) else f"{int(r)}{'=' if counts.get(r, 0) > 1 else ''}"
        for r in frame["rank"]
    ]
    frame["ranked_count"] = int(usable.sum())
    best, worst = _plausible_rank_range(frame, usable, ascending)
    frame["rank_best"] = best
    frame["rank_worst"] = worst
    return frame.sort_values(["rank", "area_name"], na_position="last").reset_index(drop=True)


def _plausible_rank_range(
    frame: pd.DataFrame, usable: pd.Series, lower_is_better: bool
) -> tuple[pd.Series, pd.Series]:
    """Best rank = 1 + areas surely better; worst = ranked areas − areas surely worse.

    "Surely better" means the whole interval lies on the better side of this area's interval.
    Without intervals the range collapses to the rank itself.
    """
    best = pd.array([pd.NA] * len(frame), dtype="Int64")
    worst = pd.array([pd.NA] * len(frame), dtype="Int64")
    idx = np.flatnonzero(usable.to_numpy())
    if idx.size == 0:
        return pd.Series(best, index=frame.index), pd.Series(worst, index=frame.index)
    values = frame["value"].to_numpy(dtype=float)[idx]
    lower = frame["lower_95"].to_numpy(dtype=float)[idx]
    upper = frame["upper_95"].to_numpy(dtype=float)[idx]
    lower = np.where(np.isnan(lower), values, lower)
    upper = np.where(np.isnan(upper), values, upper)
    n = idx.size
    for position, row in enumerate(idx):
        if lower_is_better:
            surely_better = upper < lower[position]
            surely_worse = lower > upper[position]
        else:
            surely_better = lower > upper[position]
            surely_worse = upper < lower[position]
        best[int(row)] = 1 + int(surely_better.sum())
        worst[int(row)] = n - int(surely_worse.sum())
    return pd.Series(best, index=frame.index), pd.Series(worst, index=frame.index)


def rank_against_scotland(
    catalogue: Catalogue, indicator_id: str, period: str
) -> tuple[pd.DataFrame, float | None]:
    """One period's 32 council areas ranked, each judged against Scotland's value that period.

    Adds `vs_scotland` (better / worse / not_different / unknown, by the 95% interval rule): a
    code, put into words where the table is built (ui.panels.ranked_table). Returns the frame
    and Scotland's value (None if missing).
    """
    indicator = catalogue.indicator(indicator_id)
    scotland_rows = catalogue.observations(indicator_id, area_codes=[SCOTLAND_CODE], period=period)
    scotland_value = (
        float(scotland_rows["value"].iloc[0])
        if not scotland_rows.empty and usable_mask(scotland_rows).iloc[0]
        else None
    )
    ranked = rank_areas(catalogue.council_values(indicator_id, period), indicator.polarity)
    ranked["vs_scotland"] = [
        judge(compare_to_value(estimate_of(row), scotland_value), indicator.polarity).value
        if row["status"] in USABLE and pd.notna(row["value"])
        else "unknown"
        for _, row in ranked.iterrows()
    ]
    return ranked, scotland_value
