"""Scotland's eight Regional Economic Partnerships and their member council areas.

Read from geo/reference/regional_economic_partnerships.csv, which `python -m geo.build`
validates against the council-area list. Partnerships overlap: Fife is in both Edinburgh and
South East Scotland City Region and Tay Cities Region, and Scottish Borders in both Edinburgh
and South East Scotland City Region and South of Scotland, so totals over partnerships
double-count those councils.
"""

from __future__ import annotations

import csv
from functools import cache
from typing import Final

from geo.council_areas import REFERENCE_DIR, UnknownAreaError, is_council_area, normalise_code

PARTNERSHIPS_PATH = REFERENCE_DIR / "regional_economic_partnerships.csv"

# For citing the membership wherever partnership figures are shown.
PARTNERSHIP_SOURCE: Final[dict[str, str]] = {
    "publisher": "Scottish Government",
    "title": "Sub-Scotland Economic Statistics Database (Area Definitions)",
    "url": "https://www.gov.scot/publications/sub-scotland-economic-statistics-database/",
    "licence": "Open Government Licence v3.0",
}


class UnknownPartnershipError(KeyError):
    """Raised for a name that is not one of the Regional Economic Partnerships."""

    def __str__(self) -> str:
        return str(self.args[0])


@cache
def _partnerships() -> dict[str, tuple[str, ...]]:
    members: dict[str, list[str]] = {}
    with PARTNERSHIPS_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            members.setdefault(row["partnership"], []).append(row["area_code"])
    return {name: tuple(sorted(codes)) for name, codes in sorted(members.items())}


def partnerships() -> dict[str, tuple[str, ...]]:
    """Partnership name -> member council codes, both sorted (a fresh dict on each call)."""
    return dict(_partnerships())


def partnership_members(name: str) -> tuple[str, ...]:
    """Member council codes of partnership `name`, sorted by code.

    Raises:
        UnknownPartnershipError: if `name` is not a partnership; the message lists them.
    """
    try:
        return _partnerships()[name]
    except KeyError:
        known = ", ".join(_partnerships())
        raise UnknownPartnershipError(
            f"{name!r} is not a Regional Economic Partnership; they are: {known}"
        ) from None


def partnerships_for(code: str) -> tuple[str, ...]:
    """Names of the partnerships that council `code` belongs to (two for Fife and Borders).

    Old codes are accepted. Raises UnknownAreaError for anything that is not a council area.
    """
    current = normalise_code(code)
    if not is_council_area(current):
        raise UnknownAreaError(f"{code!r} is Scotland, not a council area; it has no partnership.")
    return tuple(name for name, codes in _partnerships().items() if current in codes)
