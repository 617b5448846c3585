"""Export the tidy table with human-readable columns, as CSV or Excel; the app's downloads use it.

Usage: python -m data_sources.export --format csv|xlsx [--indicator SLUG ...] [--area CODE ...]
       [--period PERIOD ...] [--out FILE]

Text cells that a spreadsheet would run as a formula (starting =, +, -, @, tab or return) are
prefixed with an apostrophe, so an opened download can never execute anything.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from data_sources.provenance import SnapshotManifest
from data_sources.snapshot import load_snapshot
from geo.council_areas import UnknownAreaError, normalise_code
from metadata.registry import Registry, Unit, load_registry

UNIT_WORDS = {Unit.PERCENT: "%", Unit.PERCENTAGE_POINTS: "percentage points", Unit.COUNT: "people"}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
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
    """Prefix text that a spreadsheet would treat as a formula; numbers pass unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


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
            "unit": [UNIT_WORDS[i.unit] for i in indicators],
            "lower_95_bound": list(rows["lower_95"]),
            "upper_95_bound": list(rows["upper_95"]),
            "status": [s.replace("_", " ") for s in rows["status"]],
            "status_detail": list(rows["status_detail"]),
            "note": list(rows["note"]),
            "source": [f"{r.publisher}: {r.title}" for r in release_rows],
            "release": list(rows["release_id"]),
            "published": [r.published for r in release_rows],
            "source_url": [r.url for r in release_rows],
            "licence": [r.licence for r in release_rows],
        }
    )
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(neutralise_formula)
    return table.rename(columns=EXPORT_HEADINGS)


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
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx_bytes(table: pd.DataFrame, registry: Registry, manifest: SnapshotManifest) -> bytes:
    """Excel with the data and an 'About these figures' sheet: definitions, sources, vintage."""
    used = list(dict.fromkeys(table["Indicator ID"]))
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
            {"item": f"{indicator.title}: unit", "detail": UNIT_WORDS[indicator.unit]},
        ]
    for release_id in dict.fromkeys(table["Release"]):
        release = manifest.release(str(release_id).lstrip("'"))
        about_rows.append(
            {
                "item": f"Release {release.release_id}",
                "detail": f"{release.publisher}, {release.title}. Published {release.published}; "
                f"retrieved {release.retrieved}. {release.url}. Licence: {release.licence}.",
            }
        )
    about = pd.DataFrame(about_rows).map(neutralise_formula)
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
