"""Who a council area is compared with: its comparator groups, and how each is chosen.

A Local Employability Partnership compares its area with Scotland, with its geographic
neighbours, with the other members of its Regional Economic Partnership, with the areas most
like it on labour-market measures ("similar areas", found by `similar_areas`), or with areas it
chooses. How the area sits among its group is `peer_comparison`; its profile `area_profile`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal, get_args

from geo.council_areas import (
    UnknownAreaError,
    area_name,
    council_areas,
    council_code,
    is_council_area,
    normalise_code,
)
from geo.neighbours import geographic_neighbours
from geo.partnerships import partnership_members, partnerships_for
from indicators.catalogue import Catalogue
from indicators.similar_areas import similar_areas

ComparatorKind = Literal["scotland", "neighbours", "partnership", "similar", "custom"]
COMPARATOR_KINDS: Final[tuple[ComparatorKind, ...]] = get_args(ComparatorKind)
DEFAULT_COMPARATOR: Final[ComparatorKind] = "neighbours"

COMPARATOR_LABELS: Final[dict[ComparatorKind, str]] = {
    "scotland": "Scotland (all other council areas as peers)",
    "neighbours": "Neighbouring areas",
    "partnership": "Regional Economic Partnership",
    "similar": "Similar areas (most alike on labour-market measures)",
    "custom": "Areas I choose",
}


@dataclass(frozen=True)
class ComparatorGroup:
    """The areas an area is compared with, and a sentence that names them."""

    kind: ComparatorKind
    area_code: str
    members: tuple[str, ...]
    short_label: str
    description: str

    @property
    def member_names(self) -> tuple[str, ...]:
        return tuple(area_name(code) for code in self.members)


def join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def possessive(name: str) -> str:
    """ "Glasgow City's", "Orkney Islands'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _sorted_by_name(codes: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(set(codes), key=area_name))


def parse_comparator(raw: str | None) -> tuple[ComparatorKind | None, tuple[str, ...]]:
    """The comparator named in a link, or None with a friendly message if it is unknown."""
    if raw is None or raw == "":
        return None, ()
    cleaned = raw.strip().lower()
    for kind in COMPARATOR_KINDS:
        if cleaned == kind:
            return kind, ()
    # Never quote the link: the message is shown as Markdown (see ui.url_state).
    return None, (
        "The link asks for a comparison that is not one of those offered, so "
        f"{COMPARATOR_LABELS[DEFAULT_COMPARATOR].lower()} are shown.",
    )


def neighbour_group(area_code: str) -> ComparatorGroup:
    """Areas sharing a land border; for island councils, the two nearest areas."""
    code = council_code(area_code)
    neighbours = geographic_neighbours(code)
    members = tuple(n.code for n in neighbours)
    name = area_name(code)
    names = join_names([n.name for n in neighbours])
    if neighbours and neighbours[0].relation == "nearest":
        description = (
            f"{name} has no land border with another council area, so it is compared with its "
            f"{len(members)} nearest council areas (measured boundary to boundary): {names}."
        )
        short = "nearest areas"
    else:
        description = (
            f"{name} is compared with the {len(members)} council areas that share a land "
            f"border with it: {names}."
        )
        short = "neighbouring areas"
    return ComparatorGroup("neighbours", code, members, short, description)


def partnership_group(area_code: str) -> ComparatorGroup:
    """The other members of the area's Regional Economic Partnership (both, for Fife and
    Scottish Borders, which belong to two)."""
    code = council_code(area_code)
    names = partnerships_for(code)
    members = _sorted_by_name(
        [member for p in names for member in partnership_members(p) if member != code]
    )
    member_names = join_names([area_name(m) for m in members])
    name = area_name(code)
    if len(names) > 1:
        description = (
            f"{name} belongs to two Regional Economic Partnerships, {join_names(names)}, so it "
            f"is compared with the other members of both ({len(members)} areas): "
            f"{member_names}."
        )
    else:
        description = (
            f"{name} is compared with the other {len(members)} members of the {names[0]} "
            f"Regional Economic Partnership: {member_names}."
        )
    short = "partnership areas"
    return ComparatorGroup("partnership", code, members, short, description)


def similar_group(catalogue: Catalogue, area_code: str) -> ComparatorGroup:
    code = council_code(area_code)
    similar = similar_areas(catalogue, code)
    members = tuple(s.code for s in similar)
    description = (
        f"{area_name(code)} is compared with the {len(members)} council areas whose labour "
        "markets are most alike on the claimant, employment, inactivity, unemployment and "
        f"youth claimant rates (most alike first): {join_names([s.name for s in similar])}."
    )
    return ComparatorGroup("similar", code, members, "similar areas", description)


def custom_group(area_code: str, codes: Sequence[str]) -> ComparatorGroup:
    """Areas the user chose; Scotland, the area itself and repeats are dropped."""
    code = council_code(area_code)
    chosen: list[str] = []
    for raw in codes:
        try:
            current = normalise_code(raw)
        except UnknownAreaError:
            continue
        if is_council_area(current) and current != code and current not in chosen:
            chosen.append(current)
    members = tuple(chosen)
    if members:
        description = (
            f"{area_name(code)} is compared with the {len(members)} council "
            f"area{'s' if len(members) > 1 else ''} you chose: "
            f"{join_names([area_name(m) for m in members])}."
        )
    else:
        description = "No council areas have been chosen yet: pick some to compare with."
    return ComparatorGroup("custom", code, members, "areas you chose", description)


def scotland_group(area_code: str) -> ComparatorGroup:
    code = council_code(area_code)
    members = tuple(a.code for a in council_areas() if a.code != code)
    description = (
        f"{area_name(code)} is compared with Scotland as a whole; the peer median and range use "
        f"all {len(members)} other council areas."
    )
    return ComparatorGroup("scotland", code, members, "other council areas", description)


def comparator_group(
    catalogue: Catalogue,
    kind: ComparatorKind,
    area_code: str,
    custom_codes: Sequence[str] = (),
) -> ComparatorGroup:
    """The comparator group of `kind` for a council area (old codes accepted)."""
    if kind == "scotland":
        return scotland_group(area_code)
    if kind == "neighbours":
        return neighbour_group(area_code)
    if kind == "partnership":
        return partnership_group(area_code)
    if kind == "similar":
        return similar_group(catalogue, area_code)
    return custom_group(area_code, custom_codes)
