"""Council areas the geography, comparator, peer and profile tests check by hand."""

from __future__ import annotations

import json
from typing import Any

from geo.boundaries import BOUNDARIES_PATH

GLASGOW = "S12000049"
FIFE = "S12000047"
ORKNEY = "S12000023"
SHETLAND = "S12000027"
HIGHLAND = "S12000017"
EILEAN_SIAR = "S12000013"
YEAR_2022 = "2022-01-01/P1Y"
YEAR_2025 = "2025-01-01/P1Y"
GLASGOW_BORDERS = {
    "East Dunbartonshire",
    "East Renfrewshire",
    "North Lanarkshire",
    "Renfrewshire",
    "South Lanarkshire",
    "West Dunbartonshire",
}


def boundaries_moved_east(degrees: float) -> dict[str, Any]:
    """The committed council-area GeoJSON with every point moved east, as a refresh's
    boundaries that a test can tell apart from the committed ones by where they are drawn."""
    collection: dict[str, Any] = json.loads(BOUNDARIES_PATH.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                for point in ring:
                    point[0] += degrees
    return collection
