"""An equal-area tile layout of the 32 council areas, so small city councils are as visible
as Highland. Positions are declared in geo/reference/tile_layout.csv (roughly geographic:
north at the top, islands at the edges)."""

from __future__ import annotations

import csv
from functools import cache

from geo.council_areas import REFERENCE_DIR, council_areas
from geo.outlines import Outline

TILE_SIZE = 1.0
GAP = 0.08


@cache
def tile_outlines() -> tuple[Outline, ...]:
    """One square per council area, in the same shape as the map outlines, ordered by code."""
    names = {area.code: area.name for area in council_areas()}
    with (REFERENCE_DIR / "tile_layout.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["area_code"] for row in rows]
    if sorted(codes) != sorted(names) or len(set(codes)) != len(codes):
        raise ValueError("tile_layout.csv must list each of the 32 council areas exactly once")
    positions = [(int(row["column"]), int(row["row"])) for row in rows]
    if len(set(positions)) != len(positions):
        raise ValueError("tile_layout.csv places two council areas on the same tile")
    outlines = []
    for row, (column, line) in zip(rows, positions, strict=True):
        left, bottom = column + GAP / 2, line + GAP / 2
        right, top = column + TILE_SIZE - GAP / 2, line + TILE_SIZE - GAP / 2
        outlines.append(
            Outline(
                code=row["area_code"],
                name=names[row["area_code"]],
                xs=(left, right, right, left, left, None),
                ys=(bottom, bottom, top, top, bottom, None),
                label_x=column + TILE_SIZE / 2,
                label_y=line + TILE_SIZE / 2,
            )
        )
    return tuple(sorted(outlines, key=lambda o: o.code))


@cache
def tile_labels() -> dict[str, str]:
    """Short names that fit on a tile, with <br> line breaks (full names are in the hover and
    the table)."""
    with (REFERENCE_DIR / "tile_layout.csv").open(encoding="utf-8", newline="") as handle:
        return {row["area_code"]: row["short_name"] for row in csv.DictReader(handle)}
