"""The 32 council areas and Scotland: current GSS codes, official names and known name variants.

Lookups are by code. Names from raw files go through `code_for_name`, which knows the variants
seen in official files ("Eilean Siar", "Edinburgh City", "&" for "and") and raises a clear
error on anything it does not recognise, so an unexpected label can never be joined silently.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent / "reference"
# The simplified council-area boundaries: in geo/reference, and beside each refreshed version in
# the store (the same name in both places).
BOUNDARIES_FILE = "council_areas.geojson"

SCOTLAND_CODE = "S92000003"
SCOTLAND_NAME = "Scotland"

# NRS/ONS boundary changes of 2018 (Fife, Perth and Kinross) and 2019 (Glasgow City,
# North Lanarkshire) gave these councils new codes; older files still carry the old ones.
OLD_TO_CURRENT_CODES: dict[str, str] = {
    "S12000015": "S12000047",
    "S12000024": "S12000048",
    "S12000046": "S12000049",
    "S12000044": "S12000050",
}

# A current or old GSS code of a council area (S12) or Scotland (S92000003): the one pattern the
# registry, the tidy table's schema and the readers all check codes against.
AREA_CODE_PATTERN = r"^S(12\d{6}|92000003)$"
_CODE_PATTERN = re.compile(AREA_CODE_PATTERN)


class UnknownAreaError(ValueError):
    """Raised when a code or name is not one of Scotland's 32 council areas or Scotland."""


@dataclass(frozen=True, slots=True)
class Area:
    """A council area (or Scotland itself), identified by its current GSS code."""

    code: str
    name: str

    @property
    def is_scotland(self) -> bool:
        return self.code == SCOTLAND_CODE


SCOTLAND = Area(SCOTLAND_CODE, SCOTLAND_NAME)


@cache
def council_areas() -> tuple[Area, ...]:
    """The 32 current council areas, in alphabetical order of official name."""
    with (REFERENCE_DIR / "council_areas.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(sorted((Area(r["area_code"], r["area_name"]) for r in rows), key=lambda a: a.name))


@cache
def _areas_by_code() -> dict[str, Area]:
    return {area.code: area for area in (*council_areas(), SCOTLAND)}


def _name_key(name: str) -> str:
    """Fold case, '&', punctuation and spacing so that trivially different labels match."""
    folded = name.strip().lower().replace("&", " and ")
    folded = re.sub(r"[^a-z0-9]+", " ", folded)
    return " ".join(folded.split())


@cache
def _codes_by_name_key() -> dict[str, str]:
    lookup: dict[str, str] = {_name_key(SCOTLAND_NAME): SCOTLAND_CODE}
    with (REFERENCE_DIR / "council_areas.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names = [row["area_name"], *filter(None, row["name_variants"].split("|"))]
            for name in names:
                lookup[_name_key(name)] = row["area_code"]
    return lookup


def normalise_code(code: str) -> str:
    """Return the current code for `code`, remapping the pre-2019 codes.

    Raises:
        UnknownAreaError: if `code` is not a Scottish council area code or Scotland's.
    """
    cleaned = code.strip().upper()
    cleaned = OLD_TO_CURRENT_CODES.get(cleaned, cleaned)
    if not _CODE_PATTERN.match(cleaned) or cleaned not in _areas_by_code():
        raise UnknownAreaError(
            f"{code!r} is not the code of a Scottish council area or of Scotland "
            "(expected S12xxxxxx for a council area or S92000003 for Scotland)."
        )
    return cleaned


def code_for_name(name: str) -> str:
    """Return the current code for a council-area name or a known variant of it.

    Raises:
        UnknownAreaError: if the name is not recognised; the message lists the official names.
    """
    code = _codes_by_name_key().get(_name_key(name))
    if code is None:
        official = ", ".join(area.name for area in council_areas())
        raise UnknownAreaError(
            f"{name!r} is not a recognised Scottish council area name. "
            f"Official names are: {official}; add a new variant to geo/reference/council_areas.csv."
        )
    return code


def area(code: str) -> Area:
    """The area for a (possibly old) code."""
    return _areas_by_code()[normalise_code(code)]


def area_name(code: str) -> str:
    """The official name for a (possibly old) code."""
    return area(code).name


def is_council_area(code: str) -> bool:
    """True for one of the 32 current council-area codes."""
    return code in _areas_by_code() and code != SCOTLAND_CODE


def council_code(code: str) -> str:
    """The current code of a council area (old codes accepted); Scotland or an unknown code
    raises UnknownAreaError."""
    current = normalise_code(code)
    if not is_council_area(current):
        raise UnknownAreaError(f"{code!r} is Scotland, not a council area.")
    return current
