"""Sentences about what is held for a council area and what is not, in the area profile's words.

Shared by the Area profile page's wording and the briefing packs, so both say the same thing.
"""

from __future__ import annotations

from typing import Final

from geo.council_areas import SCOTLAND_CODE
from indicators.catalogue import Catalogue
from indicators.comparator_groups import possessive
from indicators.units import format_value
from metadata.registry import Benchmark


def youth_guarantee_note(area_name: str, benchmark: Benchmark) -> str:
    """Why an area's youth measures are set against its own 2019 figures."""
    return (
        f"The Young Person's Guarantee has no council-area targets. Here "
        f"{possessive(area_name)} youth measures are set against its own figures for "
        f"{benchmark.year}, before COVID-19."
    )


def no_youth_measures(area_name: str) -> str:
    return f"No youth measures are held for {area_name}."


DISABLED_PEOPLE: Final = "Disabled people"


def disability_gap_detail(catalogue: Catalogue) -> str:
    """Council-area disability figures are not held; Scotland's latest gap is quoted instead."""
    gap = catalogue.indicator("disability_employment_gap")
    latest = catalogue.latest(gap.id, SCOTLAND_CODE)
    scotland = (
        ""
        if latest is None
        else f" Scotland's gap was {format_value(float(latest['value']), gap)} in "
        f"{latest['period_label']}; see Progress to targets."
    )
    return (
        "council-area estimates of the employment rate of disabled people, and "
        "so of the disability employment gap, are not available in the data held here. The gap "
        f"is shown for Scotland only.{scotland}"
    )


def disability_gap_note(catalogue: Catalogue) -> str:
    """The disability note as one plain sentence, headed by whom it is about."""
    return f"{DISABLED_PEOPLE}: {disability_gap_detail(catalogue)}"
