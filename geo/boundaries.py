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
from typing import Any

import geopandas

from geo.council_areas import BOUNDARIES_FILE, REFERENCE_DIR

BOUNDARIES_PATH = REFERENCE_DIR / BOUNDARIES_FILE
CRS = "EPSG:4326"
FEATURE_ID_KEY = "properties.area_code"
ATTRIBUTION = (
    "Boundaries: Office for National Statistics, Open Government Licence v3.0. "
    "Contains OS data © Crown copyright and database right."
)


@cache
def _geojson() -> dict[str, Any]:
    with BOUNDARIES_PATH.open(encoding="utf-8") as handle:
        collection: dict[str, Any] = json.load(handle)
    return collection


def boundaries_geojson() -> dict[str, Any]:
    """The parsed FeatureCollection (properties area_code, area_name; lon/lat WGS84).

    Parsed once; each call returns a deep copy so a caller that edits it (Plotly may add ids)
    cannot change what the next caller sees.
    """
    return copy.deepcopy(_geojson())


@cache
def _boundaries() -> geopandas.GeoDataFrame:
    frame = geopandas.GeoDataFrame.from_features(_geojson()["features"], crs=CRS)
    return frame[["area_code", "area_name", "geometry"]].reset_index(drop=True)


def load_boundaries() -> geopandas.GeoDataFrame:
    """Council areas as a GeoDataFrame (area_code, area_name, geometry; EPSG:4326), by code.

    Read once; each call returns a copy, so callers may add columns freely.
    """
    return _boundaries().copy()
