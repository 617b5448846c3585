"""Area profile, section by section: one council area against Scotland and a comparator group.

The source notes of the many measures shown sit in folded sections built when opened: sent on
every rerun they were most of the page's elements (about 60), each redrawn on an area change.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.council_areas import Area
from indicators.area_notes import disability_gap_note, no_youth_measures, youth_guarantee_note
from indicators.catalogue import Catalogue
from indicators.comparators import (
    METHOD_NOTE,
    ComparatorGroup,
    ComparatorKind,
    ProfileRow,
    peer_summary_table,
    possessive,
    profile_table,
    similar_areas,
    spine_rows,
    spine_table,
    withheld_notes,
    youth_table,
)
from ui import briefing, cached, panels, whats_new, widgets


def intro() -> None:
    st.title("Area profile")
    st.markdown(
        "Every labour-market measure held for one council area, against Scotland and against a "
        "group of comparable areas. An area is called better or worse only when its 95% "
        "confidence interval excludes the figure it is compared with; figures published without "
        "an interval are compared as exact numbers."
    )


def choices() -> tuple[Area, ComparatorKind, list[str]]:
    """The area and the group to compare it with (and a custom group's codes)."""
    pickers = st.columns([1, 1])
    with pickers[0]:
        area = widgets.area_picker(key="profile_area")
    with pickers[1]:
        kind, custom = widgets.comparator_picker(area.code, key="profile_compare")
    whats_new.subscribe_link(area.code)
    return area, kind, custom


def group_note(
    catalogue: Catalogue, area: Area, kind: ComparatorKind, group: ComparatorGroup
) -> None:
    """Which areas the group holds and how they were chosen, and the briefing download."""
    st.markdown(f"**{area.name} compared with {group.short_label}.** {group.description}")
    if kind == "similar":
        with st.expander("How similar areas are chosen"):
            st.markdown(METHOD_NOTE)
            similar = similar_areas(catalogue, area.code)
            st.dataframe(
                pd.DataFrame(
                    {
                        "Similar area": [s.name for s in similar],
                        "Distance (0 = identical)": [f"{s.distance:.2f}" for s in similar],
                        "Measures compared": [s.measures_used for s in similar],
                    }
                ),
                hide_index=True,
            )
    if kind == "custom" and not group.members:
        st.info("Choose at least one council area above to compare with.", icon=":material/info:")
    briefing.download_section(area.code, group)


def sources(
    catalogue: Catalogue, label: str, rows: Sequence[ProfileRow], *, key: str, titled: bool = False
) -> None:
    """The source note of each measure shown, at the period shown, built when unfolded."""
    section = st.expander(label, key=key, on_change="rerun")
    if not section.open:
        return
    with section:
        for row in rows:
            if titled:
                st.markdown(f"**{row.indicator.title}**")
            panels.source_note(
                catalogue,
                row.indicator,
                None if row.summary.period is None else row.summary.period.label,
            )


def _observation_rows(
    catalogue: Catalogue, rows: Sequence[ProfileRow], chosen: list[str]
) -> pd.DataFrame:
    """The snapshot rows behind a chart, for its CSV download: councils and Scotland."""
    frames = [
        catalogue.observations(r.indicator.id, period=r.summary.period.period)
        for r in rows
        if r.summary.period is not None and r.indicator.id in chosen
    ]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames) if frames else catalogue.observations(rows[0].indicator.id).iloc[0:0]


def measure_table(
    catalogue: Catalogue, area: Area, rows: Sequence[ProfileRow], peer_label: str
) -> None:
    """Every measure at a glance: one table row each, with its rank and comparisons."""
    st.header("Every measure at a glance")
    st.markdown(
        "Each measure is shown for its latest period with council-area figures. Rank 1 is the "
        "best of the 32 council areas; the plausible range is the best and worst rank the 95% "
        "intervals allow. Missing figures stay missing, with the publisher's reason."
    )
    # Static tables: a data grid costs the browser its set-up and redraws its cells about
    # 0.2 s after every change of area (issue 12); these are small and need no selection.
    table = profile_table(rows, peer_label).rename(
        columns={"Value": area.name, "Change": "Change on the previous period"}
    )
    st.table(
        table,
        hide_index=True,
        alt=f"Every measure held for {area.name}: its latest figure, Scotland's, the rank among "
        f"council areas and the comparisons with Scotland and the {peer_label}.",
    )
    st.markdown(
        ":small[**Period:** the latest with council-area figures. **Scotland:** its figure for "
        "the same period. **Rank:** among the council areas with a figure. **Plausible rank "
        "range:** the best and worst rank consistent with the intervals. **Compared with "
        "Scotland:** better or worse only when the area's interval excludes Scotland's figure; "
        "counts are not compared, as they depend on the size of each area. **Compared with "
        f"{peer_label}:** against the median of the group; peers without a figure are left out. "
        "**Status:** suppressed or unreliable figures give the publisher's words.]"
    )
    notes = withheld_notes(rows)
    if notes:
        with st.expander("Newer periods not published for council areas"):
            for note in notes:
                st.markdown(f"- {note}")
    sources(catalogue, "Sources for this table", rows, key="profile_table_sources", titled=True)


def spine(
    catalogue: Catalogue, area: Area, rows: Sequence[ProfileRow], figure: go.Figure | None
) -> None:
    """Where the area sits among the council areas, measure by measure, better to the right."""
    st.header(f"Where {area.name} sits among Scotland's council areas")
    drawn_rows = spine_rows(rows)
    drawn = {r.indicator.id for r in drawn_rows}
    left_out = [r.indicator.title for r in rows if r.indicator.id not in drawn]
    st.markdown(
        "Each row shows the spread of the 32 council areas, Scotland's figure and "
        f"{possessive(area.name)}. Better is always to the right."
        + (
            f" Not drawn: {', '.join(left_out)} (a count, or no figure for {area.name})."
            if left_out
            else ""
        )
    )
    if figure is None:
        return
    worse = [
        r.indicator.title.lower() for r in drawn_rows if r.summary.vs_scotland_judgement == "worse"
    ]
    panels.chart_with_table(
        figure,
        spine_table(drawn_rows, area.name),
        key="profile_spine",
        filename=panels.file_stub("area profile", area.name),
        alt=(
            f"Spine chart of {len(drawn_rows)} measures for {area.name} against the spread of "
            "council areas and Scotland, better to the right. "
            + (
                f"{area.name} is worse than Scotland on: {', '.join(worse)}."
                if worse
                else f"{area.name} is not worse than Scotland on any measure shown."
            )
        ),
        catalogue=catalogue,
        rows=partial(_observation_rows, catalogue, rows, [r.indicator.id for r in drawn_rows]),
    )
    sources(catalogue, "Sources for this chart", drawn_rows, key="profile_spine_sources")


def peers(
    catalogue: Catalogue, area: Area, group: ComparatorGroup, rows: Sequence[ProfileRow],
    figure: go.Figure | None,
) -> None:  # fmt: skip
    """The area against its comparator group, each measure on its own scale, on demand."""
    if figure is None:
        return
    peer_label = group.short_label
    peer_rows = [r for r in spine_rows(rows) if r.summary.peer_count > 0]
    st.header(f"{area.name} against its {peer_label}")
    st.markdown(
        f"Each measure on its own scale: the range and median of the {peer_label}, Scotland, "
        f"and {area.name} with its 95% interval where one is published. Better is to the right."
    )
    summaries = [r.summary for r in peer_rows]
    if panels.shown_on_demand(
        f"Show the chart of {area.name} against its {peer_label}", key="profile_peers_shown"
    ):
        panels.chart_with_table(
            figure,
            peer_summary_table(summaries, peer_label),
            key="profile_peers",
            filename=panels.file_stub("area profile peers", area.name, group.kind),
            alt=(
                f"Dot and range chart of {len(summaries)} measures: {area.name} against the "
                f"median and range of its {peer_label} ({', '.join(group.member_names)}) and "
                "Scotland."
            ),
            catalogue=catalogue,
            rows=partial(_observation_rows, catalogue, rows, [r.indicator.id for r in peer_rows]),
        )
    sources(catalogue, "Sources for this chart", peer_rows, key="profile_peers_sources")


def young_people(catalogue: Catalogue, area: Area) -> None:
    """Youth measures against the area's own pre-COVID figures (no council-area targets)."""
    benchmark = catalogue.registry.benchmarks["young_persons_guarantee_2019"]
    st.header("Young people")
    st.markdown(
        f"{youth_guarantee_note(area.name, benchmark)} [{benchmark.policy}]({benchmark.url})."
    )
    youth = cached.youth(catalogue, area.code)
    if youth.empty:
        st.markdown(no_youth_measures(area.name))
        return
    for record in youth.itertuples():
        st.markdown(f"- **{record.indicator}:** {record.sentence}")
    st.table(
        youth_table(youth, catalogue, benchmark.year),
        hide_index=True,
        alt=f"{possessive(area.name)} youth measures against its own {benchmark.year} figures.",
    )
    for indicator_id in youth["indicator_id"]:
        panels.source_note(catalogue, catalogue.indicator(str(indicator_id)))


def disabled_people(catalogue: Catalogue) -> None:
    """Council-area disability figures are not held: said plainly, with Scotland's gap."""
    st.markdown(disability_gap_note(catalogue))
