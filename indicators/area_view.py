"""What the Area profile says around its charts: which measures a chart leaves out and why,
each chart's text alternative, and the snapshot rows behind a chart's download.

Plain sentences from the profile rows, so the page only arranges them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from indicators.area_profile import ProfileRow
from indicators.catalogue import Catalogue
from indicators.comparator_groups import possessive


def spine_note(area_name: str, rows: Sequence[ProfileRow], drawn: Sequence[ProfileRow]) -> str:
    """How to read the spine chart, naming the measures it cannot draw for this area."""
    drawn_ids = {r.indicator.id for r in drawn}
    left_out = [r.indicator.title for r in rows if r.indicator.id not in drawn_ids]
    return (
        "Each row shows the spread of the 32 council areas, Scotland's figure and "
        f"{possessive(area_name)}. Better is always to the right."
        + (
            f" Not drawn: {', '.join(left_out)} (a count, or no figure for {area_name})."
            if left_out
            else ""
        )
    )


def spine_alt(area_name: str, drawn: Sequence[ProfileRow]) -> str:
    """The spine chart in words: how many measures, and where the area is worse than Scotland."""
    worse = [r.indicator.title.lower() for r in drawn if r.summary.vs_scotland_judgement == "worse"]
    return (
        f"Spine chart of {len(drawn)} measures for {area_name} against the spread of "
        "council areas and Scotland, better to the right. "
        + (
            f"{area_name} is worse than Scotland on: {', '.join(worse)}."
            if worse
            else f"{area_name} is not worse than Scotland on any measure shown."
        )
    )


def peers_note(area_name: str, peer_label: str) -> str:
    """How to read the chart of the area against its comparator group."""
    return (
        f"Each measure on its own scale: the range and median of the {peer_label}, Scotland, "
        f"and {area_name} with its 95% interval where one is published. Better is to the right."
    )


def peers_alt(area_name: str, peer_label: str, member_names: Sequence[str], measures: int) -> str:
    """The comparator-group chart in words, naming the group's members."""
    return (
        f"Dot and range chart of {measures} measures: {area_name} against the "
        f"median and range of its {peer_label} ({', '.join(member_names)}) and "
        "Scotland."
    )


def chart_observations(
    catalogue: Catalogue, rows: Sequence[ProfileRow], chosen: Sequence[str]
) -> pd.DataFrame:
    """The snapshot rows behind a chart, for its CSV download: councils and Scotland, each
    measure at the period the profile shows."""
    frames = [
        catalogue.observations(r.indicator.id, period=r.summary.period.period)
        for r in rows
        if r.summary.period is not None and r.indicator.id in chosen
    ]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames) if frames else catalogue.observations(rows[0].indicator.id).iloc[0:0]
