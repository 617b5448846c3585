"""The build's check that a derived value equals its own numerator over denominator."""

from __future__ import annotations

import pytest

from data_sources.derived import check_derived_values
from data_sources.frame import BuildError
from data_sources.periods import financial_year
from data_sources.records import Ratio, Record
from data_sources.schema import Status
from metadata.registry import Contradiction, Registry, load_registry

ABERDEEN = "S12000033"
GLASGOW = "S12000049"
ROUNDING = Ratio(0, 1, 100.0, 0.005, "rounding to 4 decimal places of the fraction")


def _record(area: str, value: float, numerator: float, denominator: float) -> Record:
    ratio = Ratio(numerator, denominator, ROUNDING.scale, ROUNDING.tolerance, ROUNDING.rounding)
    return Record(
        "employability_into_work",
        area,
        financial_year(2021),
        value,
        "lgbf_spatial_hub",
        ratio=ratio,
    )


def _registry(*contradictions: Contradiction) -> Registry:
    registry = load_registry()
    source = registry.sources["lgbf_spatial_hub"].model_copy(
        update={"contradictions": contradictions}
    )
    return registry.model_copy(update={"sources": {**registry.sources, "lgbf_spatial_hub": source}})


def test_values_within_the_stated_rounding_pass_unchanged() -> None:
    # 173 / 4,000 = 4.325%, printed as 0.0433: exactly half a unit of the 4th decimal.
    records = [_record(GLASGOW, 4.33, 173, 4000), _record(ABERDEEN, 8.59, 378, 4400)]
    assert check_derived_values(records, _registry()) == records


def test_an_undeclared_contradiction_stops_the_build_naming_the_cell() -> None:
    records = [_record(ABERDEEN, 59.340909, 378, 4400)]
    with pytest.raises(BuildError) as error:
        check_derived_values(records, _registry())
    message = str(error.value)
    assert "lgbf_spatial_hub: employability_into_work, Aberdeen City, 2021-22" in message
    assert (
        "printed 59.3409, but its numerator 378 over its denominator 4,400 gives 8.591" in message
    )
    assert "rounding to 4 decimal places of the fraction" in message


def test_a_declared_contradiction_keeps_the_printed_value_as_unreliable() -> None:
    declared = Contradiction(
        indicator="employability_into_work", area=ABERDEEN, period="2021-22", reason="Checked."
    )
    (record,) = check_derived_values([_record(ABERDEEN, 59.340909, 378, 4400)], _registry(declared))
    assert record.value == 59.340909 and record.status is Status.UNRELIABLE
    assert record.status_detail is not None and record.status_detail.endswith("Checked.")


def test_a_stale_declaration_stops_the_build() -> None:
    declared = Contradiction(
        indicator="employability_into_work", area=GLASGOW, period="2021-22", reason="Old."
    )
    with pytest.raises(BuildError, match="Glasgow City, 2021-22: declared as a contradiction"):
        check_derived_values([_record(GLASGOW, 4.33, 173, 4000)], _registry(declared))


def test_the_real_registry_declares_exactly_the_two_lgbf_contradictions() -> None:
    declared = load_registry().sources["lgbf_spatial_hub"].contradictions
    assert {(c.area, c.period) for c in declared} == {
        (ABERDEEN, "2021-22"),
        ("S92000003", "2020-21"),
    }
