"""Progress to targets: the disability employment gap to 2038 and the Young Person's Guarantee."""

from __future__ import annotations

from ui import session
from ui.sections import targets

catalogue = session.catalogue()
targets.introduction()

gap = targets.disability_gap_status(catalogue)
if gap is not None:
    targets.disability_gap_milestones(catalogue, gap)
    targets.why_the_gap_moved(catalogue, gap)
targets.nearest_council_view_of_the_disability_side(catalogue)

targets.young_persons_guarantee(catalogue)
targets.youth_measures_against_2019(catalogue)
