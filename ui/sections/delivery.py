"""No One Left Behind delivery: the page's sections, in reading order, and the /area section.

Every figure comes from the catalogue's delivery table with its edition; the chart has its
data table, text alternative, source note and a formula-neutralised CSV download.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_sources.export import to_csv_bytes
from indicators import delivery
from indicators.catalogue import Catalogue
from indicators.units import format_value
from ui import figures, kept_chart, panels, theme

PAGE = "pages/delivery.py"
STARTS_TRACE = "People starting support (each year from its newest edition)"


def _download(table: pd.DataFrame, *, filename: str, key: str) -> None:
    st.download_button(
        "Download these figures (CSV)",
        data=lambda: to_csv_bytes(table),  # neutralised: no cell can run as a formula
        file_name=f"{filename}.csv",
        mime="text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def _table(table: pd.DataFrame) -> None:
    numbers = {
        column: st.column_config.NumberColumn(column, format="localized")
        for column in table.columns
        if pd.api.types.is_float_dtype(table[column])
    }
    links = {
        column: st.column_config.LinkColumn(column)
        for column in ("Source",)
        if column in table.columns
    }
    st.dataframe(table, hide_index=True, width="stretch", column_config={**numbers, **links})


def source_note(catalogue: Catalogue) -> None:
    """Publisher, collection, status, licence and the caveats, from the registry."""
    declared = catalogue.registry.delivery
    if declared is None:
        return
    st.markdown(
        f":small[Source: {declared.publisher}, [{declared.collection}]({declared.url}), and the "
        f"pages each row cites. Status: official statistics in development. Licence: "
        f"{declared.licence} Transcribed figures, retrieved {declared.retrieved}.]"
    )


def starts_chart(starts: pd.DataFrame) -> go.Figure:
    """Bars of people starting support each year, each bar labelled with its edition."""
    fig = go.Figure(
        go.Bar(
            name=STARTS_TRACE,
            x=list(starts["Year"]),
            y=list(starts["People starting support"]),
            marker={"color": theme.ACCENT},
            customdata=list(starts["Edition shown"]),
            text=[f"{v:,.0f}" for v in starts["People starting support"]],
            textposition="outside",
            hovertemplate=(
                "%{x}: %{y:,.0f} people starting<br>Edition: %{customdata}<extra></extra>"
            ),
        )
    )
    fig.update_yaxes(title_text="People starting support", rangemode="tozero", tickformat=",")
    fig.update_xaxes(title_text="Year (1 April to 31 March)", type="category")
    return figures.base_layout(fig, height=360, margin={"l": 10, "r": 10, "t": 30, "b": 10})


def yearly_section(catalogue: Catalogue) -> None:
    """People starting support by year, newest edition each, and the year 1 revisions."""
    starts = delivery.yearly_starts(catalogue)
    st.header("People starting support, by year")
    if starts.empty:
        st.info("No yearly figures are held.", icon=":material/info:")
        return
    editions = ", ".join(sorted(set(starts["Edition shown"].str.split(";").str[0])))
    st.markdown(
        "Each year's figure is the one printed in the newest edition held that gives it. The "
        f"years therefore come from different editions ({editions}): the figures held do not "
        "include one edition giving every year, and later editions revise earlier years."
    )
    kept_chart.kept_chart(
        starts_chart(starts),
        key="delivery_starts",
        config=panels.chart_config("nolb_people_starting_by_year"),
        alt=(
            "Bar chart of people starting No One Left Behind support each year from 2019/20 to "
            f"{starts['Year'].iloc[-1]}: "
            + "; ".join(
                f"{y} {v:,.0f}"
                for y, v in zip(starts["Year"], starts["People starting support"], strict=True)
            )
            + ". Each bar is from its newest edition."
        ),
    )
    _download(starts, filename="nolb_people_starting_by_year", key="delivery_starts_csv")
    with st.expander("Data table for this chart"):
        _table(starts)
    revisions = delivery.year_one_revisions(catalogue)
    st.subheader("Year 1 as each edition printed it")
    first, last = revisions.iloc[0], revisions.iloc[-1]
    st.markdown(
        f"Later editions revised year 1 (2019/20) from {first['Year 1 (2019/20)']:,.0f} "
        f"({first['Edition'].split(';')[0]}) to {last['Year 1 (2019/20)']:,.0f} "
        f"({last['Edition'].split(';')[0]}). The chart uses the newest; the figures are not "
        "mixed: each row below is one edition's printing."
    )
    _table(revisions)


def cumulative_section(catalogue: Catalogue) -> None:
    """Cumulative totals since April 2019 and job entries, each with its edition."""
    st.header("Cumulative totals since April 2019")
    st.markdown(
        "Each total runs from April 2019 to the end date stated, as printed in the edition "
        "named. Totals from news items or written answers say so in their edition."
    )
    started = delivery.cumulative_figures(
        catalogue, (delivery.CUMULATIVE_STARTS, "people_supported_cumulative")
    )
    _table(started)
    _download(started, filename="nolb_cumulative_starts", key="delivery_cumulative_csv")
    st.subheader("Job entries")
    jobs = delivery.cumulative_figures(
        catalogue, (delivery.CUMULATIVE_JOB_ENTRIES, delivery.JOB_ENTRY_SHARE)
    )
    _table(jobs)
    _download(jobs, filename="nolb_job_entries", key="delivery_jobs_csv")


def council_section(catalogue: Catalogue) -> None:
    """The council table beside need, alphabetical, never ranked; coverage said plainly."""
    held, missing = delivery.council_coverage(catalogue)
    st.header("Council areas, April 2019 to June 2025")
    st.markdown(
        f"Participants, those who entered employment and those in employment at 52 weeks, from "
        f"Table 1 of a Scottish Parliament written answer. **{held} of 32 councils are held**: "
        f"the stored text of the answer ends after Renfrewshire, so {', '.join(missing)} are "
        "not held and are left blank, never filled."
    )
    st.warning(
        "Councils are listed alphabetically and are not ranked. The 52-week counts are not "
        "comparable between councils: some look far too low for their job entries (Fife: 11 "
        "of 2,230), and the table predates the revised method of February 2026.",
        icon=":material/warning:",
    )
    st.markdown(
        "Need is shown beside delivery as the dashboard's own figures for each council, each "
        "with its own period (not the period of the delivery figures). No ratio of the two is "
        "calculated."
    )
    table = delivery.council_table(catalogue)
    _table(table)
    _download(table, filename="nolb_council_table", key="delivery_councils_csv")


def other_figures_section(catalogue: Catalogue) -> None:
    """Every other Scotland figure held (disability, health at entry), with its sentence."""
    shown = (
        delivery.YEARLY_STARTS,
        delivery.FIRST_EDITION_YEAR,
        delivery.CUMULATIVE_STARTS,
        "people_supported_cumulative",
        delivery.CUMULATIVE_JOB_ENTRIES,
        delivery.JOB_ENTRY_SHARE,
    )
    table = delivery.other_scotland_figures(catalogue, shown)
    with st.expander(f"Every other published figure held ({len(table)})"):
        _table(table)
        _download(table, filename="nolb_other_figures", key="delivery_other_csv")


def caveats(catalogue: Catalogue) -> None:
    declared = catalogue.registry.delivery
    if declared is None:
        return
    st.markdown("\n".join(f"- {caveat}" for caveat in declared.caveats))


def area_section(catalogue: Catalogue, code: str) -> None:
    """One council's delivery figures on its profile, or why they are not held."""
    st.header("No One Left Behind delivery")
    row = delivery.council_delivery(catalogue, code)
    if row is None:
        st.markdown(
            "The delivery figures held are for Scotland and for council areas; see the "
            "No One Left Behind delivery page."
        )
    elif not row.held:
        st.markdown(
            f"{row.name} is not in the published table held here: the stored text of the "
            f"Scottish Parliament written answer (April 2019 to June 2025) ends after "
            f"Renfrewshire, so its figures are not held ({row.status_words.lower()})."
        )
    else:
        measures = catalogue.delivery_measures()
        cards = st.columns(len(row.figures))
        for card, (measure, value) in zip(cards, row.figures.items(), strict=True):
            card.metric(
                measures[measure].title.replace(" (council table)", ""),
                "–" if value is None else f"{value:,.0f}",
                help=measures[measure].definition,
            )
        st.markdown(
            f":small[{row.period_label}, cumulative. {row.status_words}; not ranked (the "
            "52-week counts are not comparable between councils). Source: Table 1 of a "
            "Scottish Parliament written answer.]"
        )
    st.page_link(PAGE, label="No One Left Behind delivery", icon=":material/work:")


ILL_HEALTH = "inactivity_long_term_ill_health"


def disability_side(catalogue: Catalogue, code: str) -> None:
    """The nearest council-level view of the disability side, labelled as a different measure."""
    indicator = catalogue.indicator(ILL_HEALTH)
    rows = catalogue.series(ILL_HEALTH, code)
    if rows.empty:
        return
    row = rows.iloc[-1]
    if pd.isna(row["value"]):
        figure = f"no figure for {row['period_label']} ({row['status_detail']})"
    else:
        figure = f"{format_value(float(row['value']), indicator)} in {row['period_label']}"
        if pd.notna(row["lower_95"]):
            low = format_value(float(row["lower_95"]), indicator)
            high = format_value(float(row["upper_95"]), indicator)
            figure += f" (95% interval {low} to {high})"
        if row["status"] == "unreliable":
            figure += f", to be treated with caution: {row['status_detail']}"
    st.markdown(
        f"**The nearest council-level view of the disability side** is a different measure: "
        f"{indicator.title.lower()}, {figure}. {indicator.definition} It is not the disability "
        "employment gap, and no Scotland figure is held for it."
    )


def area_sections(catalogue: Catalogue, code: str) -> None:
    """What the area profile shows from this module: the disability side, then delivery."""
    disability_side(catalogue, code)
    area_section(catalogue, code)
