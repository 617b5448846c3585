"""Does every derived value equal its own numerator and denominator, where the source prints them?

A ratio that contradicts the source's own counts is not a figure a minister can quote. The build
stops and names the cell, unless the registry declares it (with the reason) as a known
contradiction: then the printed value is kept as `unreliable`, with both figures in its words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from data_sources.frame import BuildError
from data_sources.records import Record
from data_sources.schema import Status
from geo.council_areas import area_name
from metadata.registry import Registry


def _cell(record: Record) -> str:
    return (
        f"{record.source_id}: {record.indicator_id}, {area_name(record.area_code)}, "
        f"{record.period.label}"
    )


def check_derived_values(records: Sequence[Record], registry: Registry) -> list[Record]:
    """The records with declared contradictions marked; raises BuildError naming every other
    cell whose value is not its numerator over denominator, and any stale declaration."""
    declared = {
        (source_id, c.indicator, c.area, c.period): c
        for source_id, source in registry.sources.items()
        for c in source.contradictions
    }
    used: set[tuple[str, str, str, str]] = set()
    problems: list[str] = []
    checked: list[Record] = []
    for record in records:
        ratio = record.ratio
        if ratio is None or record.value is None:
            checked.append(record)
            continue
        expected = ratio.expected
        if abs(record.value - expected) <= ratio.tolerance + 1e-9:
            checked.append(record)
            continue
        key = (record.source_id, record.indicator_id, record.area_code, record.period.label)
        words = (
            f"printed {record.value:g}, but its numerator {ratio.numerator:,.0f} over its "
            f"denominator {ratio.denominator:,.0f} gives {expected:.4g}"
        )
        contradiction = declared.get(key)
        if contradiction is None:
            problems.append(
                f"{_cell(record)}: {words} (allowed: {ratio.rounding}). Review the cell, then "
                "declare it under the source's contradictions in metadata/registry.yaml."
            )
            checked.append(record)
            continue
        used.add(key)
        checked.append(
            dataclasses.replace(
                record,
                status=Status.UNRELIABLE,
                status_detail=(
                    f"The publisher {words}, so the figure contradicts itself: treat with "
                    f"caution. {contradiction.reason}"
                ),
            )
        )
    stale = sorted(set(declared) - used)
    problems += [
        f"{source}: {indicator}, {area_name(area)}, {period}: declared as a contradiction in "
        "the registry, but the value now equals its numerator and denominator (or is gone)"
        for source, indicator, area, period in stale
    ]
    if problems:
        raise BuildError(
            "derived values that do not match their own counts:\n" + "\n".join(problems)
        )
    return checked
