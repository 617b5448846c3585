"""Page building blocks: every chart comes with its table, its source and its downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data_sources.export import tidy_export, to_csv_bytes
from indicators.catalogue import Catalogue
from indicators.glossary import (
    COUNT_NOT_COMPARED,
    JUDGEMENT_WORDS,
    judged_against,
    status_words,
)
from indicators.ranking import RANK_HEADING
from indicators.significance import Judgement
from indicators.units import NUMBER_FORMATS, number_format
from metadata.registry import Indicator, slugify
from ui import chart_export, freshness, html_table, kept_chart, url_state


def chart_config(filename: str) -> dict[str, Any]:
    """Plotly toolbar: keep the image download (named for its content) and drop clutter."""
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
    }


def source_note(
    catalogue: Catalogue,
    indicator: Indicator,
    period_label: str | None = None,
    *,
    with_freshness: bool = True,
) -> None:
    """Source, release and period of what is shown, from the registry and manifest, and how
    old the newest figures held are, with when a newer release is due (left out under a
    headline that already says so)."""
    parts = []
    for release in catalogue.releases_for(indicator.id):
        parts.append(
            f"{release.publisher}, [{release.title}]({release.url}) (published {release.published})"
        )
    where = f"Period: {period_label}. " if period_label else ""
    where += f"Each figure covers: {indicator.period_words}. "
    licence = catalogue.source(indicator.sources[0]).licence
    current = f" {freshness.freshness_sentence(catalogue, indicator.id)}" if with_freshness else ""
    # Small body text rather than st.caption: Streamlit fades links inside captions below the
    # WCAG AA contrast ratio (2.7:1 measured by axe-core).
    vintage = f" Vintage: {indicator.vintage}" if indicator.vintage else ""
    st.markdown(f":small[{where}Source: {'; '.join(parts)}. Licence: {licence}.{vintage}{current}]")


def display_table(
    rows: pd.DataFrame, indicator: Indicator, *, extra: Sequence[str] = ()
) -> pd.DataFrame:
    """Rows for a data table: figures stay numbers (so a column sorts as numbers, 3.4 before
    10.2) with their display format recorded (ui.html_table shows them in it); status spelled
    out (never blank or zero), and a missing figure stays empty, never 0."""
    table = pd.DataFrame(
        {
            "Area": list(rows["area_name"]),
            "Period": list(rows["period_label"]),
            "Period covers": indicator.period_words,
            indicator.title: pd.to_numeric(rows["value"]).astype(float).to_numpy(),
            "Lower 95%": pd.to_numeric(rows["lower_95"]).astype(float).to_numpy(),
            "Upper 95%": pd.to_numeric(rows["upper_95"]).astype(float).to_numpy(),
            "Status": [
                status_words(s, d if isinstance(d, str) else None)
                for s, d in zip(rows["status"], rows["status_detail"], strict=True)
            ],
        }
    )
    for column in extra:
        table[column] = rows[column].array  # keeps a rank's nullable integer dtype
    if not indicator.has_interval:
        table = table.drop(columns=["Lower 95%", "Upper 95%"])
    table = table.reset_index(drop=True)
    table.attrs[NUMBER_FORMATS] = {
        column: number_format(indicator)
        for column in (indicator.title, "Lower 95%", "Upper 95%")
        if column in table.columns
    } | {c: "%d" for c in extra if pd.api.types.is_integer_dtype(table[c])}
    return table


TIED = "Tied"
JUDGED_AGAINST_SCOTLAND = "Compared with Scotland"
BEST_PLAUSIBLE, WORST_PLAUSIBLE = "Best plausible rank", "Worst plausible rank"


def _with_rank(ranked: pd.DataFrame, heading: str) -> pd.DataFrame:
    """A copy of ranked rows with the rank as a nullable integer under `heading` and a tie's
    "=" in its own column, so sorting by rank sorts 2 before 10 and never by the "="."""
    rows = ranked.copy()
    rows[heading] = ranked["rank"].astype("Int64")
    rows[TIED] = ["=" if label.endswith("=") else "" for label in ranked["rank_label"]]
    return rows


def ranked_table(ranked: pd.DataFrame, indicator: Indicator) -> pd.DataFrame:
    """The map's ranked council areas for a data grid: the rank a number (ties marked apart),
    the comparison with Scotland in words and, where intervals exist, the plausible rank range
    as two numbers."""
    rows = _with_rank(ranked, RANK_HEADING)
    rows[JUDGED_AGAINST_SCOTLAND] = [JUDGEMENT_WORDS[Judgement(v)] for v in ranked["vs_scotland"]]
    extra = [RANK_HEADING, TIED, JUDGED_AGAINST_SCOTLAND]
    if indicator.has_interval:
        rows[BEST_PLAUSIBLE] = ranked["rank_best"].astype("Int64")
        rows[WORST_PLAUSIBLE] = ranked["rank_worst"].astype("Int64")
        extra += [BEST_PLAUSIBLE, WORST_PLAUSIBLE]
    return display_table(rows, indicator, extra=extra)


GROUP_RANK_HEADING = "Rank in group (1 = best)"
SELECTED_AREA = "Selected area"


def group_ranked_table(
    ranking: pd.DataFrame, indicator: Indicator, area_name: str, *, comparable: bool
) -> pd.DataFrame:
    """An area and its comparator group ranked (`peer_comparison.group_ranking`), for a data
    grid: the rank within the group a number (ties marked apart), each member judged against
    Scotland and against the area in words. Counts are never judged."""

    def judged(code: str, against: str) -> str:
        if code == "self":
            return SELECTED_AREA
        return judged_against(code, against) if comparable else COUNT_NOT_COMPARED

    against_area = f"Compared with {area_name}"
    rows = _with_rank(ranking, GROUP_RANK_HEADING)
    rows[JUDGED_AGAINST_SCOTLAND] = [
        JUDGEMENT_WORDS[Judgement(v)] if comparable else COUNT_NOT_COMPARED
        for v in ranking["vs_scotland"]
    ]
    rows[against_area] = [judged(v, area_name) for v in ranking["vs_area"]]
    return display_table(
        rows, indicator, extra=[GROUP_RANK_HEADING, TIED, JUDGED_AGAINST_SCOTLAND, against_area]
    )


def chart_with_table(
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    filename: str,
    alt: str,
    catalogue: Catalogue,
    rows: pd.DataFrame | Callable[[], pd.DataFrame],
    on_select: Callable[[str], None] | None = None,
) -> None:
    """A chart, its text alternative, the data table behind it and CSV download of the rows.

    The table is in an expander that builds it only when opened; the CSV download is always
    there, beside the chart's image downloads.

    `rows` (the snapshot rows behind the chart) may be a function: it is then only called when
    someone downloads them, not on every rerun of the page. `on_select` runs (before the
    page) with the area code of the point the user clicks, and only then. The chart keeps its
    drawing across reruns (ui.kept_chart), so a new figure redraws only what changed.
    """
    kept_chart.kept_chart(
        figure, key=key, config=chart_config(filename), alt=alt, on_point=on_select
    )
    downloads_and_table(figure, table, key=key, filename=filename, catalogue=catalogue, rows=rows)


def downloads_and_table(
    figure: go.Figure,
    table: pd.DataFrame,
    *,
    key: str,
    filename: str,
    catalogue: Catalogue,
    rows: pd.DataFrame | Callable[[], pd.DataFrame],
) -> None:
    """What goes under every chart however it is drawn: the chart as SVG and PNG (from
    `figure`, rendered on click), the rows behind it as CSV, and its data table on demand."""
    exports: tuple[Literal["svg", "png"], ...] = (
        ("svg", "png") if chart_export.image_export_available() else ()
    )
    buttons = st.columns([1, 1, 1, 3] if exports else [1, 5])
    for column, fmt in zip(buttons, exports, strict=False):
        column.download_button(
            f"Chart as {fmt.upper()}",
            data=chart_export.deferred_image(figure, fmt),
            file_name=f"{filename}.{fmt}",
            mime="image/svg+xml" if fmt == "svg" else "image/png",
            key=f"{key}_{fmt}",
            icon=":material/image:",
            on_click="ignore",
        )
    buttons[len(exports)].download_button(
        "Download these figures (CSV)",
        # Built on click, not on every rerun of the page.
        data=lambda: to_csv_bytes(
            tidy_export(rows() if callable(rows) else rows, catalogue.registry, catalogue.manifest)
        ),
        file_name=f"{filename}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )
    # The table is sent and drawn when opened, as HTML (ui.html_table): a data grid cost the
    # browser its own code and set-up even folded away (issue 12).
    table_section = st.expander("Data table for this chart", key=table_key(key), on_change="rerun")
    if table_section.open:
        with table_section:
            html_table.html_table(
                table,
                key=f"{key}_rows",
                caption=TABLE_CAPTION,
                height=TABLE_HEIGHT if len(table) > TABLE_ROWS_IN_VIEW else None,
            )


TABLE_CAPTION = "The figures behind this chart"
TABLE_ROWS_IN_VIEW = 15  # a longer table scrolls under its header
TABLE_HEIGHT = 480


def table_key(chart_key: str) -> str:
    """The key of the expander holding a chart's data table (open it to draw the table)."""
    return f"{chart_key}_table"


def shown_on_demand(label: str, *, key: str) -> bool:
    """A switch for a chart below the first view: the page builds and sends it only when on.

    Each interactive chart costs the browser its own set-up and draw, so a page draws its
    first chart at once and the rest when asked; the figures stay in words beside the switch.
    """
    return st.toggle(label, key=key)


def choose_area(code: str) -> None:
    """A clicked point's area becomes the page's `area` in the URL, remembered for the other
    pages. Called by a chart only on a new click, so two clickable charts on one page never
    undo each other's choice, and the page needs no second rerun to show it."""
    url_state.set_params(area=code)
    url_state.remember_area(code)


def footer(catalogue: Catalogue) -> None:
    """Every page: which snapshot is in use, and every source behind it."""
    manifest = catalogue.manifest
    st.divider()
    if catalogue.fallback_reason:
        st.warning(
            "The refreshed data could not be used, so the embedded snapshot is shown instead: "
            f"{catalogue.fallback_reason}",
            icon=":material/warning:",
        )
    retrieved = max((r.retrieved for r in manifest.releases), default="")
    kind = (
        "embedded snapshot"
        if catalogue.origin == "embedded"
        else f"refreshed snapshot (sources retrieved up to {retrieved})"
    )
    publishers = sorted({r.publisher for r in manifest.releases})
    st.caption(
        f"Data: {kind}, newest source release {manifest.snapshot_version}, {manifest.rows:,} "
        f"figures from {len(manifest.releases)} official releases by {', '.join(publishers)}. "
        "All figures are official statistics under the Open Government Licence v3.0 unless the "
        "About the data page says otherwise. Suppressed or unreliable estimates are shown as "
        "missing, never as zero."
    )


def file_stub(*parts: str) -> str:
    return "_".join(slugify(p) for p in parts if p)
