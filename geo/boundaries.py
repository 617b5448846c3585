"""The 32 council-area boundaries committed in geo/reference, for maps and spatial lookups.

The file is built by `python -m geo.build` (simplified ONS boundaries, OGL v3; see
geo/reference/manifest.json for provenance). Exterior rings run clockwise, the d3 winding that
Plotly's `choropleth` needs, so `boundaries_geojson()` can be passed to it unchanged with
`featureidkey="properties.area_code"`.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import geopandas

from geo.council_areas import BOUNDARIES_FILE, REFERENCE_DIR

BOUNDARIES_PATH = REFERENCE_DIR / BOUNDARIES_FILE
CRS = "EPSG:4326"
ATTRIBUTION = (
    "Boundaries: Office for National Statistics, Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right."
)


@cache
def _geojson(path: Path = BOUNDARIES_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        collection: dict[str, Any] = json.load(handle)
    return collection


def boundaries_geojson() -> dict[str, Any]:
    """The parsed FeatureCollection (properties area_code, area_name; lon/lat WGS84).

    Parsed once; each call returns a deep copy so a caller that edits it (Plotly may add ids)
    cannot change what the next caller sees.
    """
    return copy.deepcopy(_geojson())


@cache
def _boundaries(path: Path) -> geopandas.GeoDataFrame:
    frame = geopandas.GeoDataFrame.from_features(_geojson(path)["features"], crs=CRS)
    return frame[["area_code", "area_name", "geometry"]].reset_index(drop=True)


def load_boundaries(path: Path | None = None) -> geopandas.GeoDataFrame:
    """Council areas as a GeoDataFrame (area_code, area_name, geometry; EPSG:4326), by code.

    `path` is a GeoJSON of the same shape, such as the boundaries a refresh published with its
    snapshot (checked against their recorded checksum by the store); None means the committed
    ones. Read once per path; each call returns a copy, so callers may add columns freely.
    """
    return _boundaries(path or BOUNDARIES_PATH).copy()
