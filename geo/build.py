"""Build geo/reference (council-area boundaries, partnerships, manifest) from ../shared/data.

Run `python -m geo.build --shared DIR`. The boundaries come from the ONS TopoJSON that the
ONS "Explore local statistics" app ships, simplified by `geo.simplify`.

Everything is validated before anything is written, outputs go to temporary files that are
moved into place only when all of them are ready, and the output is deterministic (sorted,
fixed key order, no timestamps), so a rebuild from the same inputs is byte-identical.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import simplify
from geo.council_areas import (
    BOUNDARIES_FILE,
    REFERENCE_DIR,
    UnknownAreaError,
    code_for_name,
    council_areas,
    normalise_code,
)
from geo.simplify import BuildError

REPO_ROOT = Path(__file__).resolve().parent.parent

PARTNERSHIPS_FILE = "regional_economic_partnerships.csv"
MANIFEST_FILE = "manifest.json"
PARTNERSHIP_COLUMNS = ("partnership", "area_code", "area_name")


@dataclass(frozen=True, slots=True)
class SourceInput:
    """An input file under the shared data directory and how to cite it."""

    key: str
    relative_path: str
    publisher: str
    title: str
    source: Mapping[str, str]
    licence: str
    attribution: str


TOPOJSON_INPUT = SourceInput(
    key="council_area_boundaries",
    relative_path="raw/boundaries/ONSdigital_explore-local-statistics-app/topo.json",
    publisher="Office for National Statistics",
    title=(
        "Local authority district boundaries (generalised from ONS Open Geography boundaries), "
        "TopoJSON used by the ONS Explore local statistics app"
    ),
    source={
        "repository": "https://github.com/ONSdigital/explore-local-statistics-app",
        "path": "src/lib/data/topo.json",
        "commit": "ca9faecc8cab26e33faff935b2b58a4fc10d6c0d",
        "file_last_changed_commit": "38d5affa47a4a4d0f2c9841692c60a0d33e65247",
        "file_last_changed_date": "2026-01-30",
    },
    licence="Open Government Licence v3.0",
    attribution=(
        "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
        "Contains OS data © Crown copyright and database right."
    ),
)

PARTNERSHIPS_INPUT = SourceInput(
    key="regional_economic_partnerships",
    relative_path="curated/regional_economic_partnerships.csv",
    publisher="Scottish Government",
    title=(
        "Sub-Scotland Economic Statistics Database: Area Definitions "
        "(Regional Economic Partnerships, defined by combined local authority areas)"
    ),
    source={"url": "https://www.gov.scot/publications/sub-scotland-economic-statistics-database/"},
    licence="Open Government Licence v3.0",
    attribution="Source: Scottish Government, licensed under the Open Government Licence v3.0.",
)


# --- reading and validating inputs -------------------------------------------------------------


def _read_bytes(shared_dir: Path, source: SourceInput) -> bytes:
    path = shared_dir / source.relative_path
    try:
        return path.read_bytes()
    except OSError as error:
        raise BuildError(
            f"cannot read {source.key} input {path}: {error.strerror or error}. "
            "Pass the shared data directory with --shared DIR or set SHARED_DATA_DIR."
        ) from error


def read_partnerships(data: bytes) -> list[tuple[str, str, str]]:
    """Validated (partnership, code, official name) rows, sorted by partnership then code.

    Raises:
        BuildError: on wrong columns, an unknown code, a name that does not match its code, a
            duplicate, or a council area that belongs to no partnership.
    """
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    if tuple(reader.fieldnames or ()) != PARTNERSHIP_COLUMNS:
        raise BuildError(
            f"partnerships file has columns {reader.fieldnames}, "
            f"expected {list(PARTNERSHIP_COLUMNS)}"
        )
    names = {area.code: area.name for area in council_areas()}
    rows: set[tuple[str, str, str]] = set()
    for line, row in enumerate(reader, start=2):
        partnership = (row["partnership"] or "").strip()
        if not partnership:
            raise BuildError(f"partnerships file line {line}: empty partnership name")
        try:
            code = normalise_code(row["area_code"] or "")
            named_code = code_for_name(row["area_name"] or "")
        except UnknownAreaError as error:
            raise BuildError(f"partnerships file line {line}: {error}") from error
        if code not in names:
            raise BuildError(f"partnerships file line {line}: {code} is not a council area")
        if named_code != code:
            raise BuildError(
                f"partnerships file line {line}: name {row['area_name']!r} is not the name of "
                f"{code} ({names[code]})"
            )
        entry = (partnership, code, names[code])
        if entry in rows:
            raise BuildError(f"partnerships file line {line}: {code} listed twice in {partnership}")
        rows.add(entry)
    uncovered = sorted(set(names) - {code for _, code, _ in rows})
    if uncovered:
        raise BuildError(
            "partnerships file leaves council areas in no partnership: "
            + ", ".join(f"{code} ({names[code]})" for code in uncovered)
        )
    return sorted(rows)


def render_partnerships(rows: Iterable[tuple[str, str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PARTNERSHIP_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render_manifest(
    inputs: Sequence[tuple[SourceInput, bytes]], outputs: Mapping[str, bytes]
) -> bytes:
    """Provenance of every input (who, what, where, licence, hash) and the hash of every output."""
    manifest = {
        "description": (
            "Inputs and outputs of `python -m geo.build`; input paths are relative to the shared "
            "data directory (../shared/data), output paths to geo/reference."
        ),
        "inputs": [
            {
                "key": source.key,
                "publisher": source.publisher,
                "title": source.title,
                "source": dict(source.source),
                "path": source.relative_path,
                "licence": source.licence,
                "attribution": source.attribution,
                "sha256": _sha256(data),
                "bytes": len(data),
            }
            for source, data in inputs
        ],
        "parameters": {
            "topojson_object": simplify.TOPOJSON_OBJECT,
            "simplify_tolerance_degrees_latitude": simplify.SIMPLIFY_TOLERANCE_DEG,
            "coordinate_decimals": simplify.COORDINATE_DECIMALS,
            "min_island_km2": simplify.MIN_ISLAND_KM2,
        },
        "outputs": [
            {"path": name, "sha256": _sha256(data), "bytes": len(data)}
            for name, data in sorted(outputs.items())
        ],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_all(output_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write every file to a temporary sibling first and rename only when all are written."""
    output_dir.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            handle = tempfile.NamedTemporaryFile(
                dir=output_dir, prefix=f".{name}.", suffix=".tmp", delete=False
            )
            with handle:
                handle.write(data)
            os.chmod(handle.name, 0o644)  # temporary files start private; outputs are not
            pending.append((name, Path(handle.name)))
        for name, temporary in pending:
            os.replace(temporary, output_dir / name)
    finally:
        for _, temporary in pending:
            temporary.unlink(missing_ok=True)


def build(shared_dir: Path, output_dir: Path = REFERENCE_DIR) -> dict[str, Path]:
    """Build the boundaries, partnerships and manifest from `shared_dir` into `output_dir`.

    Raises:
        BuildError: if an input is missing or invalid; `output_dir` is then left untouched.
    """
    topology_bytes = _read_bytes(shared_dir, TOPOJSON_INPUT)
    partnerships_bytes = _read_bytes(shared_dir, PARTNERSHIPS_INPUT)
    try:
        topology = json.loads(topology_bytes)
    except json.JSONDecodeError as error:
        raise BuildError(f"boundary file is not valid JSON: {error}") from error
    outputs = {
        BOUNDARIES_FILE: simplify.render_geojson(simplify.build_boundaries(topology)),
        PARTNERSHIPS_FILE: render_partnerships(read_partnerships(partnerships_bytes)),
    }
    manifest = render_manifest(
        [(TOPOJSON_INPUT, topology_bytes), (PARTNERSHIPS_INPUT, partnerships_bytes)], outputs
    )
    files = {**outputs, MANIFEST_FILE: manifest}
    _write_all(output_dir, files)
    return {name: output_dir / name for name in files}


def default_shared_dir() -> Path:
    """SHARED_DATA_DIR if set, else ../shared/data beside the repository."""
    return Path(os.environ.get("SHARED_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__)
    parser.add_argument("--shared", type=Path, default=default_shared_dir(), metavar="DIR")
    parser.add_argument("--output", type=Path, default=REFERENCE_DIR, metavar="DIR")
    args = parser.parse_args(argv)
    try:
        written = build(args.shared, args.output)
    except BuildError as error:
        print(f"geo.build: {error}", file=sys.stderr)
        return 1
    for path in written.values():
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
