"""Which council areas are most alike on labour-market measures: statistical nearest neighbours.

The "similar areas" comparator group (comparator_groups.similar_group) is built from these; the
method is METHOD_NOTE, shown on the Area profile and About pages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from geo.council_areas import area_name, council_areas, council_code
from indicators.catalogue import USABLE, Catalogue

# Statistical nearest neighbours: the measures, how many areas, and the method in words.
SIMILARITY_INDICATORS: Final[tuple[str, ...]] = (
    "claimant_rate",
    "employment_rate",
    "economic_inactivity_rate",
    "unemployment_rate",
    "youth_claimant_rate",
)
SIMILAR_COUNT: Final = 5
METHOD_NOTE: Final = (
    "Similar areas are the five council areas most alike on five labour-market measures, each "
    "taken for its latest period with council-area figures: the claimant rate, the employment "
    "rate (16 to 64), the economic inactivity rate (16 to 64), the model-based unemployment "
    "rate and the youth claimant rate (16 to 24). Each measure is turned into a z-score across "
    "the council areas that have a figure (the area's value minus the mean, divided by the "
    "standard deviation), so that every measure counts equally whatever its scale. The "
    "distance between two areas is the Euclidean distance between their z-scores, over the "
    "measures both areas have, divided by the square root of the number of measures used (so "
    "an area missing a suppressed estimate is neither favoured nor penalised). The five "
    "smallest distances are the similar areas; exact ties are broken alphabetically. Whether a "
    "measure is better or worse plays no part: the method finds areas with alike labour "
    "markets, not areas that perform alike."
)


@dataclass(frozen=True)
class SimilarArea:
    """A statistical nearest neighbour and how far it is (in standardised units)."""

    code: str
    name: str
    distance: float
    measures_used: int


def similarity_scores(catalogue: Catalogue) -> pd.DataFrame:
    """z-scores of the similarity measures: one row per council area, one column per measure
    (NaN where an area has no usable figure in that measure's latest council period)."""
    codes = [a.code for a in council_areas()]
    frame = pd.DataFrame(index=pd.Index(codes, name="area_code"))
    for indicator_id in SIMILARITY_INDICATORS:
        period = catalogue.latest_period(indicator_id, geography="council_area")
        if period is None:
            continue
        rows = catalogue.council_values(indicator_id, period.period)
        rows = rows[rows["status"].isin(USABLE) & rows["value"].notna()]
        values = rows.set_index("area_code")["value"].astype(float).reindex(codes)
        spread = float(values.std(ddof=0))
        frame[indicator_id] = (
            (values - float(values.mean())) / spread if spread > 0 else values * 0.0
        )
    return frame


def similar_areas(
    catalogue: Catalogue, area_code: str, count: int = SIMILAR_COUNT
) -> tuple[SimilarArea, ...]:
    """The `count` council areas nearest to `area_code` by METHOD_NOTE, nearest first."""
    code = council_code(area_code)
    scores = similarity_scores(catalogue)
    own = scores.loc[code].to_numpy(dtype=float)
    found: list[SimilarArea] = []
    for other, row in scores.iterrows():
        if other == code:
            continue
        theirs = row.to_numpy(dtype=float)
        both = ~np.isnan(own) & ~np.isnan(theirs)
        used = int(both.sum())
        if used == 0:
            continue
        distance = math.sqrt(float(np.sum((own[both] - theirs[both]) ** 2)) / used)
        found.append(SimilarArea(str(other), area_name(str(other)), distance, used))
    found.sort(key=lambda s: (round(s.distance, 12), s.name))
    return tuple(found[:count])
