"""Data and downloads: filter the tidy table, preview it, and download it as CSV or Excel."""

from __future__ import annotations

import streamlit as st

from geo.council_areas import SCOTLAND_CODE
from indicators.glossary import is_usable
from ui import downloads, multi_pickers, session, url_state

DEFAULT_INDICATORS = ["claimant_rate"]
DEFAULT_AREAS = [SCOTLAND_CODE, downloads.ALL_COUNCIL_AREAS]

catalogue = session.catalogue()
st.title("Data and downloads")
st.markdown(
    "Choose indicators, areas and years, check the preview, then download the figures. Every row "
    "carries its unit, 95% interval where published, status in words, and the source release it "
    "came from. Missing figures stay missing, with the publisher's reason, never zero. The files "
    "are the same as those written by the project's command-line export for the same choice."
)

# --- Indicators -----------------------------------------------------------------------------
# Only indicators with figures in this snapshot (some come only with a refreshed one).
indicator_ids = [i.id for i in catalogue.indicators() if catalogue.periods(i.id)]
url_indicators, indicator_messages = url_state.parse_indicators(
    url_state.get("indicators"), catalogue, indicator_ids
)
url_state.show_messages(indicator_messages)
chosen_indicators = multi_pickers.synced_multiselect(
    "Indicators",
    indicator_ids,
    param="indicators",
    key="data_indicators",
    url_values=url_indicators or None,
    default=DEFAULT_INDICATORS,
    format_func=lambda i: catalogue.indicator(i).title,
    to_param=str,
    help="Definitions and sources are on the About the data page.",
    placeholder="Choose one or more indicators",
)

# --- Areas ----------------------------------------------------------------------------------
names = multi_pickers.area_names()
area_options = [downloads.ALL_COUNCIL_AREAS, *names]
labels = {downloads.ALL_COUNCIL_AREAS: multi_pickers.ALL_COUNCIL_AREAS_LABEL} | names
url_areas, area_messages = multi_pickers.parse_area_list(url_state.get("areas"), allow_all=True)
url_state.show_messages(area_messages)
chosen_areas = multi_pickers.synced_multiselect(
    "Areas",
    area_options,
    param="areas",
    key="data_areas",
    url_values=url_areas,
    default=DEFAULT_AREAS,
    format_func=lambda code: labels[code],
    to_param=str,
    help="“All 32 council areas” adds every council area; add Scotland for the national figure. "
    "Some indicators are published for Scotland only.",
    placeholder="Choose areas",
)

if not chosen_indicators or not chosen_areas:
    st.warning("Choose at least one indicator and one area to see and download figures.")
    st.stop()

# --- Years ----------------------------------------------------------------------------------
years = downloads.period_end_years(catalogue, chosen_indicators)


if len(years) > 1:
    url_from, from_messages = url_state.parse_year(url_state.get("from"), years)
    url_to, to_messages = url_state.parse_year(url_state.get("to"), years)
    url_state.show_messages(from_messages + to_messages)
    first_year, last_year = multi_pickers.synced_range(
        "Periods ending between",
        years,
        params=("from", "to"),
        key="data_years",
        url_values=(url_from, url_to),
        format_func=str,
        to_param=str,
        help="By the year each period ends: a financial year 2012-13 ends in 2013.",
    )
else:
    first_year = last_year = years[0]
    url_state.set_params(**{"from": None, "to": None})

selection = downloads.Selection(
    tuple(chosen_indicators), tuple(chosen_areas), int(first_year), int(last_year)
)
rows = downloads.selected_rows(catalogue, selection)
if rows.empty:
    st.warning("No figures match this choice. Try other areas or years.")
    st.stop()

# --- Preview and downloads ------------------------------------------------------------------
table = downloads.export_table(catalogue, rows)
usable = int(rows["status"].map(is_usable).sum())
missing = len(rows) - usable
period_words = (
    f"periods ending in {first_year}"
    if first_year == last_year
    else f"periods ending from {first_year} to {last_year}"
)
st.markdown(
    f"**{len(rows):,} rows** for {rows['indicator_id'].nunique()} "
    f"indicator{'s' if rows['indicator_id'].nunique() != 1 else ''} and "
    f"{rows['area_code'].nunique()} area{'s' if rows['area_code'].nunique() != 1 else ''}, "
    f"{period_words}: "
    + (
        "all with a figure."
        if missing == 0
        else f"{usable:,} with a figure and {missing:,} without one (suppressed, unreliable or "
        "not available)."
    )
)
covered = set(rows["indicator_id"])
absent = [catalogue.indicator(i).title for i in chosen_indicators if i not in covered]
if absent:
    st.info(f"No figures for {', '.join(absent)} in these areas and years.", icon=":material/info:")

csv_name = downloads.file_name(catalogue, selection, "csv")
xlsx_name = downloads.file_name(catalogue, selection, "xlsx")
button_columns = st.columns(2)
with button_columns[0]:
    st.download_button(
        "Download CSV",
        data=downloads.csv_bytes(catalogue, rows),
        file_name=csv_name,
        mime="text/csv",
        key="data_csv",
        icon=":material/download:",
        type="primary",
        on_click="ignore",
    )
    st.caption(f"File: {csv_name}")
with button_columns[1]:
    st.download_button(
        "Download Excel (with an “About these figures” sheet)",
        data=lambda: downloads.xlsx_bytes(catalogue, rows),
        file_name=xlsx_name,
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="data_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )
    st.caption(f"File: {xlsx_name}. The second sheet gives definitions, sources and snapshot.")

st.subheader("Preview")
st.dataframe(table, hide_index=True, width="stretch", height=420)

st.subheader("Download everything")
manifest = catalogue.manifest
st.markdown(
    f"The whole snapshot: all {manifest.rows:,} figures for every indicator, area and period, "
    f"in the same form as above (snapshot of {manifest.snapshot_version}, the latest source "
    "release it includes)."
)
st.download_button(
    "Download everything (CSV)",
    data=lambda: downloads.everything_csv_bytes(catalogue),
    file_name=downloads.everything_file_name(catalogue),
    mime="text/csv",
    key="data_everything",
    icon=":material/download:",
    on_click="ignore",
)
st.caption(f"File: {downloads.everything_file_name(catalogue)}")
