"""Area profile: one council area's labour market against Scotland and a comparator group."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from geo.council_areas import SCOTLAND_CODE
from indicators.area_profile import (
    ProfileRow,
    profile_table,
    spine_rows,
    spine_table,
    withheld_notes,
    youth_table,
)
from indicators.comparator_groups import possessive
from indicators.peer_comparison import peer_summary_table
from indicators.ranking import RANK_HEADING
from indicators.similar_areas import METHOD_NOTE, similar_areas
from indicators.units import NUMBER_FORMATS, format_value
from ui import briefing, cached, panels, session, whats_new, widgets
from ui.sections import delivery

catalogue = session.catalogue()
st.title("Area profile")
st.markdown(
    "Every labour-market measure held for one council area, against Scotland and against a "
    "group of comparable areas. An area is called better or worse only when its 95% "
    "confidence interval excludes the figure it is compared with; figures published without "
    "an interval are compared as exact numbers."
)

# --- choices ------------------------------------------------------------------------------
pickers = st.columns([1, 1])
with pickers[0]:
    area = widgets.area_picker(key="profile_area")
with pickers[1]:
    kind, custom = widgets.comparator_picker(area.code, key="profile_compare")
whats_new.subscribe_link(area.code)

group = cached.group(catalogue, kind, area.code, custom)
st.markdown(f"**{area.name} compared with {group.short_label}.** {group.description}")
if kind == "similar":
    with st.expander("How similar areas are chosen"):
        st.markdown(METHOD_NOTE)
        similar = similar_areas(catalogue, area.code)
        st.dataframe(
            pd.DataFrame(
                {
                    "Similar area": [s.name for s in similar],
                    "Distance (0 = identical)": [s.distance for s in similar],
                    "Measures compared": [s.measures_used for s in similar],
                }
            ),
            hide_index=True,
            column_config={
                "Distance (0 = identical)": st.column_config.NumberColumn(format="%.2f")
            },
        )
if kind == "custom" and not group.members:
    st.info("Choose at least one council area above to compare with.", icon=":material/info:")
briefing.download_section(area.code, group)

rows = cached.profile_rows(catalogue, area.code, group.members)
peer_label = group.short_label
spine_figure, peer_figure = cached.profile_figures_for(
    catalogue, area.code, group.members, area.name, peer_label
)


def sources_expander(
    label: str, profile_rows: list[ProfileRow], *, key: str, titled: bool = False
) -> None:
    """The source note of each measure shown, at the period shown, folded away and built when
    unfolded: sent on every rerun they were most of the page's elements (about 60), each
    redrawn on an area change (issue 12)."""
    section = st.expander(label, key=key, on_change="rerun")
    if not section.open:
        return
    with section:
        for row in profile_rows:
            if titled:
                st.markdown(f"**{row.indicator.title}**")
            panels.source_note(
                catalogue,
                row.indicator,
                None if row.summary.period is None else row.summary.period.label,
            )


# --- the indicator table ------------------------------------------------------------------
st.header("Every measure at a glance")
st.markdown(
    "Each measure is shown for its latest period with council-area figures. Rank 1 is the best "
    "of the 32 council areas; the plausible range is the best and worst rank the 95% intervals "
    "allow. Missing figures stay missing, with the publisher's reason."
)
table = profile_table(rows, peer_label)
text, number = st.column_config.TextColumn, st.column_config.NumberColumn
number_format = table.attrs[NUMBER_FORMATS].get
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config=panels.number_columns(table)
    | {
        "Indicator": text("Indicator", pinned=True, width="large"),
        "Period": text("Period", help="Latest period with council-area figures"),
        "Value": number(
            area.name, help=f"{possessive(area.name)} figure", format=number_format("Value")
        ),
        "Lower 95%": number(
            "Lower 95%",
            help="95% confidence interval of a survey estimate",
            format=number_format("Lower 95%"),
        ),
        "Scotland": number(
            "Scotland",
            help="Scotland's figure for the same period",
            format=number_format("Scotland"),
        ),
        RANK_HEADING: number(
            RANK_HEADING, help="Among the council areas with a figure", format="%d"
        ),
        "Rank note": text("Rank note", help="How many areas are ranked; ties and counts"),
        "Best plausible rank": number(
            "Best plausible rank", help="Best rank consistent with the intervals", format="%d"
        ),
        "Compared with Scotland": text(
            "Compared with Scotland",
            help="Better or worse only when the area's interval excludes Scotland's figure. "
            "Counts are not compared: they depend on the size of each area.",
        ),
        f"Compared with {peer_label}": text(
            f"Compared with {peer_label}",
            help="Against the median of the group; peers without a figure are left out",
        ),
        "Peer median": number(
            "Peer median",
            help=f"Median of the {peer_label} with a figure",
            format=number_format("Peer median"),
        ),
        "Change": number("Change", help="On the previous period", format=number_format("Change")),
        "Change on": text("Change on", help="The previous period the change is measured from"),
        "Status": text(
            "Status", help="Suppressed or unreliable figures give the publisher's words"
        ),
    },
)
notes = withheld_notes(rows)
if notes:
    with st.expander("Newer periods not published for council areas"):
        for note in notes:
            st.markdown(f"- {note}")
sources_expander("Sources for this table", rows, key="profile_table_sources", titled=True)


def observation_rows(chosen: list[str]) -> pd.DataFrame:
    """The snapshot rows behind a chart, for its CSV download: councils and Scotland."""
    frames = [
        catalogue.observations(r.indicator.id, period=r.summary.period.period)
        for r in rows
        if r.summary.period is not None and r.indicator.id in chosen
    ]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames) if frames else catalogue.observations(rows[0].indicator.id).iloc[0:0]


# --- spine chart ----------------------------------------------------------------------------
st.header(f"Where {area.name} sits among Scotland's council areas")
spine = spine_rows(rows)
drawn = {r.indicator.id for r in spine}
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
if spine_figure is not None:
    worse = [r.indicator.title.lower() for r in spine if r.summary.vs_scotland_judgement == "worse"]
    panels.chart_with_table(
        spine_figure,
        spine_table(spine, area.name),
        key="profile_spine",
        filename=panels.file_stub("area profile", area.name),
        alt=(
            f"Spine chart of {len(spine)} measures for {area.name} against the spread of "
            "council areas and Scotland, better to the right. "
            + (
                f"{area.name} is worse than Scotland on: {', '.join(worse)}."
                if worse
                else f"{area.name} is not worse than Scotland on any measure shown."
            )
        ),
        catalogue=catalogue,
        rows=partial(observation_rows, [r.indicator.id for r in spine]),
    )
    sources_expander("Sources for this chart", spine, key="profile_spine_sources")

# --- against the comparator group --------------------------------------------------------
peer_rows = [r for r in spine if r.summary.peer_count > 0]
if peer_figure is not None:
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
            peer_figure,
            peer_summary_table(summaries, peer_label),
            key="profile_peers",
            filename=panels.file_stub("area profile peers", area.name, group.kind),
            alt=(
                f"Dot and range chart of {len(summaries)} measures: {area.name} against the "
                f"median and range of its {peer_label} ({', '.join(group.member_names)}) and "
                "Scotland."
            ),
            catalogue=catalogue,
            rows=partial(observation_rows, [r.indicator.id for r in peer_rows]),
        )
    sources_expander("Sources for this chart", peer_rows, key="profile_peers_sources")

# --- young people --------------------------------------------------------------------------
benchmark = catalogue.registry.benchmarks["young_persons_guarantee_2019"]
st.header("Young people")
st.markdown(
    f"The Young Person's Guarantee has no council-area targets. Here {possessive(area.name)} youth "
    f"measures are set against its own figures for {benchmark.year}, before COVID-19. "
    f"[{benchmark.policy}]({benchmark.url})."
)
youth = cached.youth(catalogue, area.code)
if youth.empty:
    st.markdown(f"No youth measures are held for {area.name}.")
else:
    for record in youth.itertuples():
        st.markdown(f"- **{record.indicator}:** {record.sentence}")
    youth_grid = youth_table(youth, catalogue, benchmark.year)
    st.dataframe(
        youth_grid,
        hide_index=True,
        width="stretch",
        column_config=panels.number_columns(youth_grid),
    )
    for indicator_id in youth["indicator_id"]:
        panels.source_note(catalogue, catalogue.indicator(str(indicator_id)))

gap = catalogue.indicator("disability_employment_gap")
gap_latest = catalogue.latest(gap.id, SCOTLAND_CODE)
gap_text = (
    ""
    if gap_latest is None
    else f" Scotland's gap was {format_value(float(gap_latest['value']), gap)} in "
    f"{gap_latest['period_label']}; see Progress to targets."
)
st.markdown(
    "**Disabled people:** council-area estimates of the employment rate of disabled people, and "
    "so of the disability employment gap, are not available in the data held here. The gap is "
    f"shown for Scotland only.{gap_text}"
)
delivery.area_sections(catalogue, area.code)
