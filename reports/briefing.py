"""Briefing packs from the command line, and the one function the dashboard's button calls.

    python -m reports.briefing --area S12000049 --format pdf --out glasgow.pdf
    python -m reports.briefing --area all --format docx --out briefings/

`--area all` writes Scotland and the 32 council areas (33 files) with names that say what they
hold, e.g. nolb-briefing_glasgow-city_snapshot-2026-01-20.pdf, and draws a progress bar.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path
from typing import Literal, TextIO, get_args

from geo.council_areas import SCOTLAND_CODE, UnknownAreaError, council_areas, normalise_code
from indicators.catalogue import Catalogue, load_current_catalogue
from indicators.comparator_groups import ComparatorGroup
from reports.content import build_briefing, file_name
from reports.docx_writer import to_docx
from reports.pdf_writer import to_pdf

BriefingFormat = Literal["docx", "pdf"]
FORMATS: tuple[BriefingFormat, ...] = get_args(BriefingFormat)
MIME_TYPES: dict[BriefingFormat, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
ALL_AREAS = "all"
BAR_WIDTH = 30


def briefing_bytes(
    catalogue: Catalogue,
    area_code: str,
    briefing_format: BriefingFormat,
    *,
    made: date | None = None,
    group: ComparatorGroup | None = None,
) -> bytes:
    """One briefing as Word or PDF bytes (made today unless a date is given)."""
    briefing = build_briefing(catalogue, area_code, made=made or date.today(), group=group)
    return to_docx(briefing) if briefing_format == "docx" else to_pdf(briefing)


def briefing_file_name(catalogue: Catalogue, area_code: str, briefing_format: str) -> str:
    return file_name(area_code, catalogue.manifest.snapshot_version, briefing_format)


def all_area_codes() -> list[str]:
    """Scotland first, then the 32 council areas alphabetically."""
    return [SCOTLAND_CODE, *(a.code for a in council_areas())]


def progress_bar(done: int, total: int, label: str, started: float, stream: TextIO) -> None:
    """'[##########----------] 11/33 Dundee City (4.2 s)', redrawn in place on a terminal."""
    filled = round(BAR_WIDTH * done / total)
    line = (
        f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {label} "
        f"({time.perf_counter() - started:.1f} s)"
    )
    if stream.isatty():
        stream.write(f"\r\x1b[2K{line}" + ("\n" if done == total else ""))
    else:
        stream.write(line + "\n")
    stream.flush()


def write_all(
    catalogue: Catalogue,
    out_dir: Path,
    briefing_format: BriefingFormat,
    *,
    made: date,
    stream: TextIO = sys.stderr,
) -> list[Path]:
    """All 33 briefings into `out_dir`, with a progress bar on `stream`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    codes = all_area_codes()
    started = time.perf_counter()
    written = []
    for done, code in enumerate(codes, start=1):
        path = out_dir / briefing_file_name(catalogue, code, briefing_format)
        data = briefing_bytes(catalogue, code, briefing_format, made=made)
        _write_atomically(path, data)
        written.append(path)
        progress_bar(done, len(codes), path.name, started, stream)
    return written


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)


def _format_for(args: argparse.Namespace) -> BriefingFormat | None:
    if args.format is not None:
        return args.format  # type: ignore[no-any-return]
    suffix = Path(args.out).suffix.lstrip(".").lower() if args.out else ""
    return next((f for f in FORMATS if f == suffix), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write a briefing pack (Word or PDF) for Scotland or a council area."
    )
    parser.add_argument(
        "--area",
        required=True,
        help="a council-area code (S12...), Scotland's code S92000003, or 'all' for all 33",
    )
    parser.add_argument("--format", choices=FORMATS, help="docx or pdf (default: from --out)")
    parser.add_argument(
        "--out", help="file to write (a directory with --area all); default: a descriptive name"
    )
    args = parser.parse_args(argv)
    briefing_format = _format_for(args)
    if briefing_format is None:
        if args.area.strip().lower() == ALL_AREAS:
            briefing_format = "pdf"
        else:
            print("Say which format: --format docx or --format pdf.", file=sys.stderr)
            return 2
    catalogue = load_current_catalogue()
    made = date.today()
    if args.area.strip().lower() == ALL_AREAS:
        out_dir = Path(args.out or ".")
        if out_dir.exists() and not out_dir.is_dir():
            print(f"{out_dir} is a file: --area all needs a directory.", file=sys.stderr)
            return 2
        started = time.perf_counter()
        written = write_all(catalogue, out_dir, briefing_format, made=made)
        print(
            f"Wrote {len(written)} briefings to {out_dir} in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        return 0
    try:
        code = normalise_code(args.area)
    except UnknownAreaError as error:
        print(str(error), file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(briefing_file_name(catalogue, code, briefing_format))
    if out.is_dir():
        out = out / briefing_file_name(catalogue, code, briefing_format)
    started = time.perf_counter()
    _write_atomically(out, briefing_bytes(catalogue, code, briefing_format, made=made))
    print(
        f"Wrote {out} ({out.stat().st_size / 1024:.0f} KB) in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
