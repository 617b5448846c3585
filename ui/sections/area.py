"""The sections of Area profile, in reading order: the area and its comparator group, every
measure at a glance, where it sits among the council areas, against its group, young people,
disabled people, then No One Left Behind delivery (ui.sections.delivery)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from geo.council_areas import Area
from indicators.area_notes import (
    DISABLED_PEOPLE,
    disability_gap_detail,
    no_youth_measures,
    youth_guarantee_note,
)
from indicators.area_profile import (
    ProfileRow,
    profile_table,
    spine_rows,
    spine_table,
    withheld_notes,
    youth_table,
)
from indicators.area_view import chart_observations, peers_alt, peers_note, spine_alt, spine_note
from indicators.catalogue import Catalogue
from indicators.comparator_groups import ComparatorGroup, ComparatorKind, possessive
from indicators.peer_comparison import peer_summary_table
from indicators.ranking import RANK_HEADING
from indicators.similar_areas import METHOD_NOTE, similar_areas
from ui import briefing, cached, html_table, panels, svg_chart, whats_new, widgets
from ui.prose import prose
from ui.spine_shapes import spine_shapes
from ui.spine_svg import spine_markup

YOUTH_BENCHMARK = "young_persons_guarantee_2019"


def introduction() -> None:
    st.title("Area profile")
    st.markdown(prose("area_introduction"))


def choices() -> tuple[Area, ComparatorKind, list[str]]:
    """The area and the group to compare it with (and a custom group's chosen codes)."""
    pickers = st.columns([1, 1])
    with pickers[0]:
        area = widgets.area_picker(key="profile_area")
    with pickers[1]:
        kind, custom = widgets.comparator_picker(area.code, key="profile_compare")
    whats_new.subscribe_link(area.code)
    return area, kind, custom


def comparator_group(
    catalogue: Catalogue, area: Area, kind: ComparatorKind, group: ComparatorGroup
) -> None:
    """Which areas the group holds and how they were chosen, then the briefing download."""
    st.markdown(f"**{area.name} compared with {group.short_label}.** {group.description}")
    if kind == "similar":
        with st.expander("How similar areas are chosen"):
            st.markdown(METHOD_NOTE)
            similar = similar_areas(catalogue, area.code)
            html_table.html_table(
                pd.DataFrame(
                    {
                        "Similar area": [s.name for s in similar],
                        "Distance (0 = identical)": [s.distance for s in similar],
                        "Measures compared": [s.measures_used for s in similar],
                    }
                ),
                key="profile_similar_areas",
                caption=f"The council areas most similar to {area.name}",
                formats={"Distance (0 = identical)": "%.2f", "Measures compared": "%d"},
            )
    if kind == "custom" and not group.members:
        st.info("Choose at least one council area above to compare with.", icon=":material/info:")
    briefing.download_section(area.code, group)


def _sources(
    catalogue: Catalogue,
    label: str,
    rows: Sequence[ProfileRow],
    *,
    key: str,
    titled: bool = False,
) -> None:
    """The source note of each measure shown, at the period shown, folded away and built when
    unfolded: sent on every rerun they were most of the page's elements (about 60), each
    redrawn on an area change (issue 12)."""
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


def every_measure(
    catalogue: Catalogue, area: Area, rows: Sequence[ProfileRow], peer_label: str
) -> None:
    """One table row per measure, with its rank and comparisons, and the table's sources."""
    st.header("Every measure at a glance")
    st.markdown(prose("area_every_measure"))
    table = profile_table(rows, peer_label)
    html_table.html_table(
        table,
        key="profile_every_measure",
        caption=f"{area.name}: every measure at its latest period",
        headings={"Value": area.name},
        help_texts={
            "Period": "Latest period with council-area figures",
            "Value": f"{possessive(area.name)} figure",
            "Lower 95%": "95% confidence interval of a survey estimate",
            "Scotland": "Scotland's figure for the same period",
            RANK_HEADING: "Among the council areas with a figure",
            "Rank note": "How many areas are ranked; ties and counts",
            "Best plausible rank": "Best rank consistent with the intervals",
            "Compared with Scotland": "Better or worse only when the area's interval excludes "
            "Scotland's figure. Counts are not compared: they depend on the size of each area.",
            f"Compared with {peer_label}": (
                "Against the median of the group; peers without a figure are left out"
            ),
            "Peer median": f"Median of the {peer_label} with a figure",
            "Change": "On the previous period",
            "Change on": "The previous period the change is measured from",
            "Status": "Suppressed or unreliable figures give the publisher's words",
        },
        pinned_first=True,
    )
    notes = withheld_notes(rows)
    if notes:
        with st.expander("Newer periods not published for council areas"):
            for note in notes:
                st.markdown(f"- {note}")
    _sources(catalogue, "Sources for this table", rows, key="profile_table_sources", titled=True)


def among_council_areas(
    catalogue: Catalogue, area: Area, rows: Sequence[ProfileRow], figure: go.Figure | None
) -> None:
    """The spine chart: the area among the council areas, measure by measure, better right."""
    st.header(f"Where {area.name} sits among Scotland's council areas")
    drawn = spine_rows(rows)
    st.markdown(spine_note(area.name, rows, drawn))
    if figure is None:
        return
    # Light SVG on the page, updated in place for a new area; the same rows' Plotly figure
    # stays behind the image downloads (issue 12).
    svg_chart.draw(
        spine_markup(spine_shapes(drawn, area.name), area.name),
        key="profile_spine",
        alt=spine_alt(area.name, drawn),
    )
    panels.downloads_and_table(
        figure,
        spine_table(drawn, area.name),
        key="profile_spine",
        filename=panels.file_stub("area profile", area.name),
        catalogue=catalogue,
        rows=partial(chart_observations, catalogue, rows, [r.indicator.id for r in drawn]),
    )
    _sources(catalogue, "Sources for this chart", drawn, key="profile_spine_sources")


def against_comparator_group(
    catalogue: Catalogue,
    area: Area,
    group: ComparatorGroup,
    rows: Sequence[ProfileRow],
    figure: go.Figure | None,
) -> None:
    """The area against its comparator group, each measure on its own scale, shown on demand."""
    if figure is None:
        return
    peer_label = group.short_label
    peer_rows = [r for r in spine_rows(rows) if r.summary.peer_count > 0]
    st.header(f"{area.name} against its {peer_label}")
    st.markdown(peers_note(area.name, peer_label))
    if panels.shown_on_demand(
        f"Show the chart of {area.name} against its {peer_label}", key="profile_peers_shown"
    ):
        panels.chart_with_table(
            figure,
            peer_summary_table([r.summary for r in peer_rows], peer_label),
            key="profile_peers",
            filename=panels.file_stub("area profile peers", area.name, group.kind),
            alt=peers_alt(area.name, peer_label, group.member_names, len(peer_rows)),
            catalogue=catalogue,
            rows=partial(chart_observations, catalogue, rows, [r.indicator.id for r in peer_rows]),
        )
    _sources(catalogue, "Sources for this chart", peer_rows, key="profile_peers_sources")


def young_people(catalogue: Catalogue, area: Area) -> None:
    """Youth measures against the area's own pre-COVID figures (no council-area targets)."""
    benchmark = catalogue.registry.benchmarks[YOUTH_BENCHMARK]
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
    youth_grid = youth_table(youth, catalogue, benchmark.year)
    html_table.html_table(
        youth_grid,
        key="profile_youth",
        caption=f"Young people in {area.name}: the latest figures against {benchmark.year}",
        pinned_first=True,
    )
    for indicator_id in youth["indicator_id"]:
        panels.source_note(catalogue, catalogue.indicator(str(indicator_id)))


def disabled_people(catalogue: Catalogue) -> None:
    """Council-area disability figures are not held: said plainly, with Scotland's gap."""
    st.markdown(f"**{DISABLED_PEOPLE}:** {disability_gap_detail(catalogue)}")
