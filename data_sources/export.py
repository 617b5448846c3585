"""Export the tidy table with human-readable columns, as CSV or Excel; the app's downloads use it.

Usage: python -m data_sources.export --format csv|xlsx [--indicator SLUG ...] [--area CODE ...]
       [--period PERIOD ...] [--out FILE]

Every text cell that a spreadsheet would run as a formula (starting =, +, -, @, tab or return,
also after leading spaces, and their full-width forms) is prefixed with an apostrophe in every
CSV and Excel file written here, whatever the column's dtype (pandas 3 gives text its own
string dtype, never `object`), so an opened download can never execute anything.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from data_sources.provenance import SnapshotManifest
from data_sources.schema import status_label
from data_sources.snapshot import load_snapshot
from geo.council_areas import UnknownAreaError, normalise_code
from metadata.registry import Registry, load_registry

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
EXPORT_HEADINGS = {
    "indicator": "Indicator",
    "indicator_id": "Indicator ID",
    "area_name": "Area",
    "area_code": "Area code",
    "period": "Period",
    "period_iso": "Period (ISO 8601)",
    "period_covers": "Period covers",
    "value": "Value",
    "unit": "Unit",
    "lower_95_bound": "Lower 95% bound",
    "upper_95_bound": "Upper 95% bound",
    "status": "Status",
    "status_detail": "Status detail",
    "note": "Note",
    "source": "Source",
    "release": "Release",
    "published": "Published",
    "source_url": "Source URL",
    "licence": "Licence",
}


def neutralise_formula(cell: object) -> object:
    """Prefix text that a spreadsheet would treat as a formula; numbers pass unchanged.

    Spreadsheets skip leading spaces before a formula, so " =1+1" is caught too."""
    if isinstance(cell, str) and (
        cell.startswith(FORMULA_TRIGGERS) or cell.lstrip().startswith(FORMULA_TRIGGERS)
    ):
        return "'" + cell
    return cell


def neutralise_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised, whatever its column's dtype (str, object,
    category...); only numeric and boolean columns, which cannot hold text, are left alone."""
    neutral = table.copy()
    for column in neutral.columns:
        series = neutral[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        neutral[column] = series.astype(object).map(neutralise_formula)
    return neutral


def tidy_export(rows: pd.DataFrame, registry: Registry, manifest: SnapshotManifest) -> pd.DataFrame:
    """Observation rows with titles, units, status in words and full provenance per row."""
    releases = {r.release_id: r for r in manifest.releases}
    indicators = [registry.indicator(i) for i in rows["indicator_id"]]
    release_rows = [releases[r] for r in rows["release_id"]]
    table = pd.DataFrame(
        {
            "indicator": [i.title for i in indicators],
            "indicator_id": list(rows["indicator_id"]),
            "area_name": list(rows["area_name"]),
            "area_code": list(rows["area_code"]),
            "period": list(rows["period_label"]),
            "period_iso": list(rows["period"]),
            "period_covers": [i.period_words for i in indicators],
            "value": list(rows["value"]),
            "unit": [i.unit.label for i in indicators],
            "lower_95_bound": list(rows["lower_95"]),
            "upper_95_bound": list(rows["upper_95"]),
            "status": [status_label(s) for s in rows["status"]],
            "status_detail": list(rows["status_detail"]),
            "note": list(rows["note"]),
            "source": [f"{r.publisher}: {r.title}" for r in release_rows],
            "release": list(rows["release_id"]),
            "published": [r.published for r in release_rows],
            "source_url": [r.url for r in release_rows],
            "licence": [r.licence for r in release_rows],
        }
    )
    return neutralise_table(table).rename(columns=EXPORT_HEADINGS)


def select_rows(
    observations: pd.DataFrame,
    *,
    indicators: list[str] | None = None,
    areas: list[str] | None = None,
    periods: list[str] | None = None,
) -> pd.DataFrame:
    rows = observations
    if indicators:
        rows = rows[rows["indicator_id"].isin(indicators)]
    if areas:
        rows = rows[rows["area_code"].isin(areas)]
    if periods:
        rows = rows[rows["period"].isin(periods) | rows["period_label"].isin(periods)]
    return rows.sort_values(["indicator_id", "area_code", "period_end"])


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV of any table, neutralised here too: whatever a caller hands in, no cell can run."""
    return neutralise_table(table).to_csv(index=False, lineterminator="\n").encode("utf-8")


WHOLE_SNAPSHOT_CSV = "downloads/nolb_all-figures.csv"


def whole_snapshot_downloads(
    observations: pd.DataFrame, registry: Registry, manifest: SnapshotManifest
) -> dict[str, bytes]:
    """The files a store version publishes for the balancer to serve as /downloads/<name>:
    every figure in the tidy export form, under a name that stays the same from one version
    to the next (the version is inside: the Release and Published columns)."""
    table = tidy_export(select_rows(observations), registry, manifest)
    return {WHOLE_SNAPSHOT_CSV: to_csv_bytes(table)}


def to_xlsx_bytes(table: pd.DataFrame, registry: Registry, manifest: SnapshotManifest) -> bytes:
    """Excel with the data and an 'About these figures' sheet: definitions, sources, vintage."""
    # The About sheet describes the indicators and releases it knows; an id it does not know
    # (never in a validated snapshot) is simply not described.
    used = [i for i in dict.fromkeys(table["Indicator ID"]) if i in registry.indicators]
    releases = {r.release_id: r for r in manifest.releases}
    about_rows: list[dict[str, str]] = [
        {
            "item": "Snapshot",
            "detail": f"{manifest.kind}, latest source release {manifest.snapshot_version}",
        },
    ]
    for indicator_id in used:
        indicator = registry.indicator(indicator_id)
        about_rows += [
            {"item": f"{indicator.title}: definition", "detail": indicator.definition},
            {"item": f"{indicator.title}: period covered", "detail": indicator.period_words},
            {"item": f"{indicator.title}: caveats", "detail": indicator.caveats},
            {"item": f"{indicator.title}: unit", "detail": indicator.unit.label},
        ]
    for release_id in dict.fromkeys(table["Release"]):
        release = releases.get(str(release_id))
        if release is None:
            continue
        about_rows.append(
            {
                "item": f"Release {release.release_id}",
                "detail": f"{release.publisher}, {release.title}. Published {release.published}; "
                f"retrieved {release.retrieved}. {release.url}. Licence: {release.licence}.",
            }
        )
    table = neutralise_table(table)
    about = neutralise_table(pd.DataFrame(about_rows))
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer,
        engine="xlsxwriter",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
        table.to_excel(writer, sheet_name="Data", index=False)
        about.to_excel(writer, sheet_name="About these figures", index=False)
        writer.sheets["Data"].freeze_panes(1, 0)
        writer.sheets["About these figures"].set_column(0, 0, 45)
        writer.sheets["About these figures"].set_column(1, 1, 120)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Export the dashboard's figures as a tidy table.")
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--indicator", action="append", default=[], metavar="SLUG")
    parser.add_argument("--area", action="append", default=[], metavar="CODE")
    parser.add_argument("--period", action="append", default=[], metavar="PERIOD")
    parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    registry = load_registry()
    unknown = [i for i in args.indicator if i not in registry.indicators]
    if unknown:
        known = ", ".join(registry.indicators)
        print(f"Unknown indicator(s) {', '.join(unknown)}. Choose from: {known}", file=sys.stderr)
        return 2
    try:
        areas = [normalise_code(code) for code in args.area]
    except UnknownAreaError as error:
        print(str(error), file=sys.stderr)
        return 2
    snapshot = load_snapshot()
    rows = select_rows(
        snapshot.observations, indicators=args.indicator, areas=areas, periods=args.period
    )
    if rows.empty:
        print("No figures match that selection.", file=sys.stderr)
        return 1
    table = tidy_export(rows, registry, snapshot.manifest)
    if args.format == "csv":
        data = to_csv_bytes(table)
    else:
        if args.out is None:
            print("Excel output needs --out FILE.", file=sys.stderr)
            return 2
        data = to_xlsx_bytes(table, registry, snapshot.manifest)
    if args.out is None:
        sys.stdout.buffer.write(data)
    else:
        args.out.write_bytes(data)
        print(f"Wrote {len(table)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
