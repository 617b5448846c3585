"""What the Data and downloads page selects and hands out: rows, file names and file bytes.

Plain functions (no Streamlit calls), built on `data_sources.export` so a download holds exactly
what `python -m data_sources.export` writes for the same selection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from data_sources.export import select_rows, tidy_export, to_csv_bytes, to_xlsx_bytes
from geo.council_areas import SCOTLAND_CODE, area_name, council_areas
from indicators.catalogue import Catalogue
from metadata.registry import slugify

ALL_COUNCIL_AREAS = "all"
FILE_PREFIX = "nolb"
MAX_NAMED = 3  # more indicators or areas than this are counted in the file name, not listed


@dataclass(frozen=True, slots=True)
class Selection:
    """Indicators, areas (codes, or 'all' for the 32 council areas) and years the periods end."""

    indicators: tuple[str, ...]
    areas: tuple[str, ...]
    first_year: int
    last_year: int

    @property
    def area_codes(self) -> list[str]:
        """The areas as codes, with 'all' expanded to the 32 council areas."""
        codes: list[str] = []
        for item in self.areas:
            expanded = [a.code for a in council_areas()] if item == ALL_COUNCIL_AREAS else [item]
            codes += [c for c in expanded if c not in codes]
        return codes


def period_end_years(catalogue: Catalogue, indicator_ids: Sequence[str]) -> list[int]:
    """Every year in which one of the indicators has a period ending, oldest first."""
    years = {int(p.end[:4]) for i in indicator_ids for p in catalogue.periods(i)}
    return sorted(years)


def selected_rows(catalogue: Catalogue, selection: Selection) -> pd.DataFrame:
    """The observation rows for a selection (every status kept), in export order."""
    observations = catalogue.all_observations()
    years = observations["period_end"].str[:4].astype(int)
    in_years = observations[(years >= selection.first_year) & (years <= selection.last_year)]
    periods = sorted(set(in_years["period"]))
    if not selection.indicators or not selection.areas or not periods:
        return observations.iloc[0:0]
    return select_rows(
        observations,
        indicators=list(selection.indicators),
        areas=selection.area_codes,
        periods=periods,
    )


def export_table(catalogue: Catalogue, rows: pd.DataFrame) -> pd.DataFrame:
    """The tidy table the downloads hold: readable columns and provenance on every row."""
    return tidy_export(rows, catalogue.registry, catalogue.manifest)


def _named(parts: Sequence[str], counted: str) -> str:
    if len(parts) > MAX_NAMED:
        return f"{len(parts)}-{counted}"
    return "-and-".join(slugify(p) for p in parts)


def areas_slug(areas: Sequence[str]) -> str:
    """'scotland', 'glasgow-city-and-city-of-edinburgh', 'all-council-areas', '5-areas', ..."""
    has_all = ALL_COUNCIL_AREAS in areas
    has_scotland = SCOTLAND_CODE in areas
    if has_all:
        return "scotland-and-all-council-areas" if has_scotland else "all-council-areas"
    return _named([area_name(code) for code in areas], "areas")


def file_name(catalogue: Catalogue, selection: Selection, extension: str) -> str:
    """A name that says what the file holds and from which snapshot, e.g.
    nolb_claimant-rate_glasgow-city_2001-2025_snapshot-2026-01-20.csv"""
    titles = [catalogue.indicator(i).title for i in selection.indicators]
    years = (
        str(selection.first_year)
        if selection.first_year == selection.last_year
        else f"{selection.first_year}-{selection.last_year}"
    )
    parts = [
        FILE_PREFIX,
        _named(titles, "indicators"),
        areas_slug(selection.areas),
        years,
        f"snapshot-{slugify(catalogue.manifest.snapshot_version)}",
    ]
    return "_".join(parts) + f".{extension}"


def csv_bytes(catalogue: Catalogue, rows: pd.DataFrame) -> bytes:
    return to_csv_bytes(export_table(catalogue, rows))


def xlsx_bytes(catalogue: Catalogue, rows: pd.DataFrame) -> bytes:
    """Excel with the data and an 'About these figures' sheet (definitions, sources, snapshot)."""
    return to_xlsx_bytes(export_table(catalogue, rows), catalogue.registry, catalogue.manifest)


def everything_file_name(catalogue: Catalogue) -> str:
    return f"{FILE_PREFIX}_all-figures_snapshot-{slugify(catalogue.manifest.snapshot_version)}.csv"


def everything_csv_bytes(catalogue: Catalogue) -> bytes:
    """Every figure in the snapshot, in the same tidy form and order as the command line."""
    return csv_bytes(catalogue, select_rows(catalogue.all_observations()))
