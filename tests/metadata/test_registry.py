"""The registry of sources, indicators and targets: the real file, and variants that must fail.

Broken variants are made from the real registry.yaml (parsed, changed in one place, dumped back
to YAML text) so each failure is known to come from that one change.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pandas as pd
import pydantic
import pytest
import yaml

from data_sources.snapshot import load_snapshot
from metadata.registry import (
    REGISTRY_PATH,
    Comparison,
    Geography,
    Registry,
    load_registry,
    parse_registry,
)

RawRegistry = dict[str, Any]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture
def raw() -> RawRegistry:
    loaded = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def parse_changed(raw: RawRegistry, change: Callable[[RawRegistry], None]) -> Registry:
    changed = copy.deepcopy(raw)
    change(changed)
    return parse_registry(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True))


def error_list(caught: pytest.ExceptionInfo[pydantic.ValidationError]) -> list[dict[str, Any]]:
    return [dict(error) for error in caught.value.errors()]


# --- The real registry -------------------------------------------------------------------------


# Indicator slugs are permanent (URLs, file names and tests use them): none may disappear.
PERMANENT_INDICATORS = {
    "claimant_rate",
    "youth_claimant_rate",
    "youth_claimant_count",
    "employment_rate",
    "youth_employment_rate",
    "unemployment_rate",
    "economic_inactivity_rate",
    "disability_employment_gap",
    "disabled_employment_rate",
    "non_disabled_employment_rate",
    "youth_unemployment_rate",
    "youth_unemployment_rate_excl_ft_students",
    "participation_16_19",
    "employability_into_work",
}


def test_real_registry_loads(registry: Registry) -> None:
    assert PERMANENT_INDICATORS <= set(registry.indicators)
    assert {"halve_disability_employment_gap", "young_persons_guarantee_pre_covid"} <= set(
        registry.targets
    )
    assert registry.indicator("claimant_rate").title == "Claimant rate"
    assert registry.sources["ons_claimant_count"].files[0].sha256 == (
        "8e4b5d94cbae6090318ac18c5669c792aa9a1edf432a010b65e9435de2ffee2d"
    )


def test_dumped_real_registry_parses_to_the_same_model(raw: RawRegistry) -> None:
    # Guards the variant tests below: the YAML round trip itself changes nothing.
    assert parse_changed(raw, lambda _: None) == load_registry()


def test_every_indicator_is_fully_described(registry: Registry) -> None:
    for indicator in registry.indicators.values():
        for text in (indicator.title, indicator.question, indicator.definition, indicator.caveats):
            assert text.strip(), indicator.id
        assert indicator.question.endswith("?"), indicator.id
        assert len(indicator.sources) >= 1, indicator.id
        assert set(indicator.sources) <= set(registry.sources), indicator.id
        assert len(set(indicator.sources)) == len(indicator.sources), indicator.id


def test_every_source_is_used_by_some_indicator(registry: Registry) -> None:
    used = {source for indicator in registry.indicators.values() for source in indicator.sources}
    assert used == set(registry.sources)


def test_targets_resolve_to_indicators(registry: Registry) -> None:
    for target in registry.targets.values():
        assert target.indicator in registry.indicators
        for milestone in target.milestones:
            assert milestone.indicator in registry.indicators
        assert target.target.period > target.baseline.period


def test_disability_employment_gap_target(registry: Registry) -> None:
    target = registry.targets["halve_disability_employment_gap"]
    assert target.indicator == "disability_employment_gap"
    assert target.area == "S92000003"
    assert (target.baseline.period, target.baseline.value) == (2016, 37.4)
    assert (target.target.period, target.target.value) == (2038, 18.7)
    assert target.target.comparison is Comparison.AT_MOST
    assert target.target.value == target.baseline.value / 2
    assert [(m.indicator, m.period, m.value, m.comparison) for m in target.milestones] == [
        ("disabled_employment_rate", 2023, 50, Comparison.AT_LEAST),
        ("disabled_employment_rate", 2030, 60, Comparison.AT_LEAST),
    ]
    assert registry.targets_for("disability_employment_gap") == (target,)


def test_young_persons_guarantee_target(registry: Registry) -> None:
    target = registry.targets["young_persons_guarantee_pre_covid"]
    assert target.indicator == "youth_unemployment_rate_excl_ft_students"
    assert (target.baseline.period, target.baseline.value) == (2019, 8.1)
    assert (target.target.period, target.target.value) == (2026, 8.1)
    assert target.milestones == ()


def test_unknown_indicator_lookup_says_which(registry: Registry) -> None:
    with pytest.raises(KeyError, match="unknown indicator 'claimant_count'"):
        registry.indicator("claimant_count")


# --- The registry and the committed snapshot ---------------------------------------------------


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return load_snapshot().observations


def test_registry_and_committed_snapshot_cover_the_same_indicators(
    registry: Registry, observations: pd.DataFrame
) -> None:
    frame = observations
    live_only = registry.live_only_indicators()  # fed only by data_sources.live.refresh
    assert set(frame["indicator_id"]) == set(registry.indicators) - live_only
    for indicator in registry.indicators.values():
        if indicator.id in live_only:
            continue
        rows = frame[frame["indicator_id"] == indicator.id]
        assert set(rows["area_type"]) == {g.value for g in indicator.geographies}, indicator.id
        assert set(rows["source_id"]) <= set(indicator.sources), indicator.id


def test_target_baselines_match_the_committed_snapshot(
    registry: Registry, observations: pd.DataFrame
) -> None:
    frame = observations
    for target in registry.targets.values():
        rows = frame[
            (frame["indicator_id"] == target.indicator)
            & (frame["area_code"] == target.area)
            & (frame["period_label"] == str(target.baseline.period))
        ]
        assert rows["value"].tolist() == [target.baseline.value], target.id


# --- Variants that must be rejected ------------------------------------------------------------


def test_unknown_key_in_an_indicator_is_rejected(raw: RawRegistry) -> None:
    def add_key(r: RawRegistry) -> None:
        r["indicators"]["claimant_rate"]["colour"] = "red"

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, add_key)
    assert [(e["type"], e["loc"]) for e in error_list(caught)] == [
        ("extra_forbidden", ("indicators", "claimant_rate", "colour"))
    ]


def test_misspelt_key_in_a_source_is_rejected(raw: RawRegistry) -> None:
    def misspell(r: RawRegistry) -> None:
        source = r["sources"]["ons_claimant_count"]
        source["licence_url"] = source.pop("licence")

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, misspell)
    assert {(e["type"], e["loc"]) for e in error_list(caught)} == {
        ("missing", ("sources", "ons_claimant_count", "licence")),
        ("extra_forbidden", ("sources", "ons_claimant_count", "licence_url")),
    }


def test_reference_to_an_unknown_source_is_rejected(raw: RawRegistry) -> None:
    def misname(r: RawRegistry) -> None:
        r["indicators"]["claimant_rate"]["sources"] = ["ons_claimant_counts"]

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, misname)
    assert "indicator 'claimant_rate' names unknown source 'ons_claimant_counts'" in str(
        caught.value
    )


def test_target_naming_an_unknown_indicator_is_rejected(raw: RawRegistry) -> None:
    def misname(r: RawRegistry) -> None:
        r["targets"]["halve_disability_employment_gap"]["milestones"][0]["indicator"] = (
            "disability_employment_rate"
        )

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, misname)
    assert (
        "target 'halve_disability_employment_gap' names unknown indicator "
        "'disability_employment_rate'"
    ) in str(caught.value)


def test_target_year_before_its_baseline_is_rejected(raw: RawRegistry) -> None:
    def swap(r: RawRegistry) -> None:
        r["targets"]["halve_disability_employment_gap"]["target"]["period"] = 2015

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, swap)
    errors = error_list(caught)
    assert [e["loc"] for e in errors] == [("targets", "halve_disability_employment_gap")]
    assert (
        "target halve_disability_employment_gap: target year must come after the baseline"
        in (errors[0]["msg"])
    )


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [
        ("definition", "   ", "string_too_short"),
        ("sources", [], "too_short"),
        ("unit", "percentage", "enum"),
        ("geographies", ["scotland", "region"], "enum"),
        ("decimals", 4, "less_than_equal"),
    ],
)
def test_indicator_field_rules(
    raw: RawRegistry, field: str, value: object, error_type: str
) -> None:
    def set_field(r: RawRegistry) -> None:
        r["indicators"]["employment_rate"][field] = value

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, set_field)
    errors = error_list(caught)
    assert [e["type"] for e in errors] == [error_type]
    assert errors[0]["loc"][:3] == ("indicators", "employment_rate", field)


def test_missing_caveats_are_rejected(raw: RawRegistry) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, lambda r: r["indicators"]["youth_claimant_rate"].pop("caveats"))
    assert [(e["type"], e["loc"]) for e in error_list(caught)] == [
        ("missing", ("indicators", "youth_claimant_rate", "caveats"))
    ]


def test_bad_checksum_and_area_are_rejected(raw: RawRegistry) -> None:
    def damage(r: RawRegistry) -> None:
        r["sources"]["scotpho_profiles"]["files"][0]["sha256"] = "5B29EB01"
        r["targets"]["young_persons_guarantee_pre_covid"]["area"] = "S12000015x"

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, damage)
    errors = {(e["type"], e["loc"]) for e in error_list(caught)}
    assert {
        ("string_pattern_mismatch", ("sources", "scotpho_profiles", "files", 0, "sha256")),
        ("string_pattern_mismatch", ("targets", "young_persons_guarantee_pre_covid", "area")),
    } <= errors
    # Nothing else is blamed (pydantic also reports the file list that held the bad entry).
    damaged = {
        ("sources", "scotpho_profiles", "files"),
        ("targets", "young_persons_guarantee_pre_covid"),
    }
    assert all(loc[:3] in damaged or loc[:2] in damaged for _, loc in errors)


def test_geography_values_are_the_two_the_dashboard_draws(registry: Registry) -> None:
    used = {g for indicator in registry.indicators.values() for g in indicator.geographies}
    assert used == {Geography.SCOTLAND, Geography.COUNCIL_AREA}


# --- Release cadences ----------------------------------------------------------------------


def test_every_real_source_declares_its_release_cadence(registry: Registry) -> None:
    assert set(registry.release_cadences) == set(registry.sources)
    monthly = registry.cadence("nomis_claimant_count_monthly")
    assert (monthly.every.months, monthly.lag_days) == (1, 18)
    assert registry.cadence("nomis_aps").every.months == 12
    assert registry.cadence("ons_modelled_unemployment").paused is not None


def test_a_source_added_without_a_cadence_is_rejected(raw: RawRegistry) -> None:
    def add_source(r: RawRegistry) -> None:
        r["sources"]["new_source"] = copy.deepcopy(r["sources"]["nomis_aps"])

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, add_source)
    assert "source 'new_source' has no release cadence: declare one under release_cadences" in str(
        caught.value
    )


def test_a_cadence_for_an_unknown_source_is_rejected(raw: RawRegistry) -> None:
    def misname(r: RawRegistry) -> None:
        r["release_cadences"]["nomis_apss"] = r["release_cadences"].pop("nomis_aps")

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, misname)
    message = str(caught.value)
    assert "release_cadences names unknown source 'nomis_apss'" in message
    assert "source 'nomis_aps' has no release cadence" in message


@pytest.mark.parametrize(
    ("field", "value", "error_type"),
    [("every", "fortnightly", "enum"), ("lag_days", -1, "greater_than_equal"), ("note", "", "")],
)
def test_cadence_field_rules(raw: RawRegistry, field: str, value: object, error_type: str) -> None:
    def set_field(r: RawRegistry) -> None:
        r["release_cadences"]["nomis_aps"][field] = value

    with pytest.raises(pydantic.ValidationError) as caught:
        parse_changed(raw, set_field)
    locations = {error["loc"] for error in error_list(caught)}
    assert ("release_cadences", "nomis_aps", field) in locations
    if error_type:
        assert error_type in {error["type"] for error in error_list(caught)}
