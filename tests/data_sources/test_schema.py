"""The Observations contract: a small real cut validates, and each broken rule is reported.

The rows are copied from the committed data_sources/snapshot/observations.csv (see
tests/fixtures/FIXTURES.md). Every failure test breaks one rule on one row and asserts that
pandera names that rule, on that row only.
"""

from __future__ import annotations

import math

import pandas as pd
import pandera.errors
import pytest

from data_sources.schema import AREA_CODE_PATTERN, COLUMNS, Status, validate_observations
from data_sources.snapshot import read_observations_csv

HEADER = ",".join(COLUMNS)
ROWS = """disability_employment_gap,S92000003,Scotland,scotland,2016-01-01/P1Y,2016,2016-12-31,37.4,,,ok,,Published in A Fairer Scotland for Disabled People: Employment Action Plan (2018): https://www.gov.scot/publications/fairer-scotland-disabled-people-employment-action-plan/pages/3/. baseline year of the 2038 target,sg_published_figures,sg_published_figures@2023
employment_rate,S92000003,Scotland,scotland,2004-01-01/P1Y,2004,2004-12-31,72.6,72.1,73.1,ok,,,sg_sub_scotland_economic_statistics,sg_sub_scotland_economic_statistics@2025-12-17
participation_16_19,S12000049,Glasgow City,council_area,2022-04-01/P1Y,2023 (Apr 2022 to Mar 2023),2023-03-31,92.5,92.1,92.8,ok,,,scotpho_profiles,scotpho_profiles@2024-10-17
unemployment_rate,S92000003,Scotland,scotland,2017-01-01/P1Y,2017,2017-12-31,4.1,3.8,4.4,ok,,,ons_modelled_unemployment,ons_modelled_unemployment@2024-04-16
youth_claimant_rate,S12000049,Glasgow City,council_area,2021-03-01/P1M,March 2021,2021-03-31,7.871421,,,ok,,,lgbf_benchmarking,lgbf_benchmarking@2022-01-10
youth_employment_rate,S12000013,Na h-Eileanan Siar,council_area,2009-01-01/P1Y,2009,2009-12-31,,,,unreliable,"Rate published without its 95% interval ([x2]: not available since the group sample size is small (3-9)). For some areas the rate is available but the associated confidence interval has been suppressed or is marked as unavailable. In these cases, the rate should be treated with caution.",,sg_sub_scotland_economic_statistics,sg_sub_scotland_economic_statistics@2025-12-17
youth_employment_rate,S12000027,Shetland Islands,council_area,2021-01-01/P1Y,2021,2021-12-31,,,,suppressed,[x1]: not available since the group sample size is zero or disclosive (0-2),,sg_sub_scotland_economic_statistics,sg_sub_scotland_economic_statistics@2025-12-17
"""  # noqa: E501

VALUE_STATUS = (
    "value must be present when status is ok or provisional, may be present when unreliable, "
    "and must be absent otherwise"
)
BOUNDS_TOGETHER = "lower_95 and upper_95 must be given together"
BOUNDS_CONTAIN = "the 95% interval must contain the value"
AREA_TYPE = "area_type must match the area code"


@pytest.fixture
def frame() -> pd.DataFrame:
    return read_observations_csv(f"{HEADER}\n{ROWS}".encode())


def at(frame: pd.DataFrame, indicator_id: str, area_code: str) -> int:
    """The index of the one row for an indicator and area in the cut."""
    hits = frame.index[(frame["indicator_id"] == indicator_id) & (frame["area_code"] == area_code)]
    assert len(hits) == 1
    return int(hits[0])


def failures(frame: pd.DataFrame) -> dict[str, set[int]]:
    """Each failed check's message with the rows it failed on."""
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        validate_observations(frame)
    cases = caught.value.failure_cases
    return {
        str(check): {int(i) for i in group["index"] if not pd.isna(i)}
        for check, group in cases.groupby("check")
    }


def test_real_rows_validate(frame: pd.DataFrame) -> None:
    validated = validate_observations(frame)
    assert len(validated) == 7
    assert list(validated.columns) == list(COLUMNS)
    assert set(validated["status"]) == {Status.OK, Status.SUPPRESSED, Status.UNRELIABLE}
    scotland = validated.loc[at(validated, "employment_rate", "S92000003")]
    assert (scotland["value"], scotland["lower_95"], scotland["upper_95"]) == (72.6, 72.1, 73.1)
    shetland = validated.loc[at(validated, "youth_employment_rate", "S12000027")]
    assert math.isnan(shetland["value"])


def test_provisional_value_is_usable(frame: pd.DataFrame) -> None:
    frame.loc[at(frame, "unemployment_rate", "S92000003"), "status"] = Status.PROVISIONAL.value
    assert len(validate_observations(frame)) == 7


def test_value_with_status_suppressed_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "employment_rate", "S92000003")
    frame.loc[row, "status"] = Status.SUPPRESSED.value
    assert failures(frame) == {VALUE_STATUS: {row}}


def test_missing_value_with_status_ok_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "disability_employment_gap", "S92000003")
    frame.loc[row, "value"] = float("nan")
    assert failures(frame) == {VALUE_STATUS: {row}}


def test_unreliable_row_may_carry_its_value_but_a_suppressed_one_may_not(
    frame: pd.DataFrame,
) -> None:
    # A "use with caution" estimate keeps its value, marked unreliable (as NOMIS's APS cells
    # with a sample of 3 to 9 do); a withheld one never has a value.
    row = at(frame, "youth_employment_rate", "S12000013")
    frame.loc[row, "value"] = 34.0  # what the workbook printed beside its [x2] interval
    assert len(validate_observations(frame)) == 7
    suppressed = at(frame, "youth_employment_rate", "S12000027")
    frame.loc[suppressed, "value"] = 34.0
    assert failures(frame) == {VALUE_STATUS: {suppressed}}


def test_lower_bound_without_upper_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "participation_16_19", "S12000049")
    frame.loc[row, "upper_95"] = float("nan")
    found = failures(frame)
    assert found[BOUNDS_TOGETHER] == {row}
    assert set().union(*found.values()) == {row}


def test_upper_bound_without_lower_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "youth_claimant_rate", "S12000049")
    frame.loc[row, "upper_95"] = 8.0
    assert failures(frame) == {BOUNDS_TOGETHER: {row}}


def test_value_outside_its_interval_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "unemployment_rate", "S92000003")
    frame.loc[row, "value"] = 4.5  # interval 3.8 to 4.4
    assert failures(frame) == {BOUNDS_CONTAIN: {row}}


def test_value_on_the_bound_is_inside(frame: pd.DataFrame) -> None:
    frame.loc[at(frame, "unemployment_rate", "S92000003"), "value"] = 4.4
    assert len(validate_observations(frame)) == 7


@pytest.mark.parametrize("bad_code", ["S1200049", "E08000003", "s12000049", "S12000049 "])
def test_bad_area_code_fails(frame: pd.DataFrame, bad_code: str) -> None:
    row = at(frame, "participation_16_19", "S12000049")
    frame.loc[row, "area_code"] = bad_code
    assert failures(frame) == {f"str_matches('{AREA_CODE_PATTERN}')": {row}}


def test_duplicate_key_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "youth_claimant_rate", "S12000049")
    copy = frame.loc[[row]].assign(value=7.9)  # a second figure for the same key
    doubled = pd.concat([frame, copy], ignore_index=True)
    assert failures(doubled) == {"multiple_fields_uniqueness": {row, len(frame)}}


def test_scotland_code_with_council_area_type_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "employment_rate", "S92000003")
    frame.loc[row, "area_type"] = "council_area"
    assert failures(frame) == {AREA_TYPE: {row}}


def test_council_code_with_scotland_area_type_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "youth_employment_rate", "S12000027")
    frame.loc[row, "area_type"] = "scotland"
    assert failures(frame) == {AREA_TYPE: {row}}


def test_unknown_status_fails(frame: pd.DataFrame) -> None:
    row = at(frame, "youth_employment_rate", "S12000027")
    frame.loc[row, "status"] = "withheld"
    found = failures(frame)
    assert found["isin(['ok', 'provisional', 'suppressed', 'unreliable', 'not_available'])"] == {
        row
    }


def test_period_must_be_an_iso_interval(frame: pd.DataFrame) -> None:
    row = at(frame, "disability_employment_gap", "S92000003")
    frame.loc[row, "period"] = "2016"
    assert failures(frame) == {r"str_matches('^\d{4}-\d{2}-\d{2}/P1[YM]$')": {row}}


def test_columns_must_be_in_contract_order(frame: pd.DataFrame) -> None:
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        validate_observations(frame[list(reversed(COLUMNS))])
    assert "column_ordered" in set(caught.value.failure_cases["check"])
