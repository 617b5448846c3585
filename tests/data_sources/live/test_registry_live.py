"""Live sources in the registry: declared without files, ignored by the offline build."""

from __future__ import annotations

import copy
from typing import Any

import pydantic
import pytest
import yaml

from data_sources.frame import BuildError, check_coverage
from data_sources.live.settings import BASE_URL_SETTINGS, Settings
from data_sources.offline.build_snapshot import embedded_sources
from data_sources.snapshot import load_snapshot
from metadata.registry import REGISTRY_PATH, load_registry, parse_registry

LIVE_SOURCES = {
    "nomis_claimant_count_monthly": "NM_162_1",
    "nomis_aps": "NM_17_5",
    "sg_statistics_gov_scot_unemployment_model_based_estimates": (
        "unemployment-model-based-estimates"
    ),
}


def raw() -> dict[str, Any]:
    loaded = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_live_sources_are_declared_with_a_live_block_and_no_files() -> None:
    registry = load_registry()
    for source_id, dataset in LIVE_SOURCES.items():
        source = registry.sources[source_id]
        assert source.is_live_only and source.files == ()
        assert source.live is not None and source.live.dataset == dataset
        assert source.live.base_url_setting in BASE_URL_SETTINGS
        assert Settings().base_url(source.live.base_url_setting).startswith("https://")
    assert set(embedded_sources(registry)) == set(registry.sources) - set(LIVE_SOURCES)


def test_indicators_fed_only_by_live_sources_are_known() -> None:
    assert load_registry().live_only_indicators() == {
        "claimant_count_monthly",
        "claimant_rate_monthly",
        "youth_claimant_count_monthly",
        "youth_claimant_count_18_24_monthly",
        "male_claimant_count_monthly",
        "female_claimant_count_monthly",
        "aps_unemployment_rate",
        "aps_youth_unemployment_rate",
        "disabled_share_16_64",
        "disability_employment_gap_nomis",
    }


def test_the_embedded_snapshot_passes_coverage_only_because_live_indicators_are_exempt() -> None:
    registry, frame = load_registry(), load_snapshot().observations
    check_coverage(frame, registry)
    with pytest.raises(BuildError, match="claimant_count_monthly: no rows for geography"):
        check_coverage(frame, registry, skip=frozenset())


def test_a_source_needs_files_or_a_live_block() -> None:
    changed = copy.deepcopy(raw())
    del changed["sources"]["nomis_aps"]["live"]
    with pytest.raises(pydantic.ValidationError, match="needs files .* or a live block"):
        parse_registry(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True))


def test_a_source_with_files_must_state_its_dates() -> None:
    changed = copy.deepcopy(raw())
    del changed["sources"]["ons_claimant_count"]["published"]
    with pytest.raises(pydantic.ValidationError, match="must state when it was published"):
        parse_registry(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True))


def test_a_live_block_names_a_known_base_url_setting() -> None:
    changed = copy.deepcopy(raw())
    changed["sources"]["nomis_aps"]["live"]["base_url_setting"] = "NOMIS_URL"
    with pytest.raises(pydantic.ValidationError, match="base_url_setting"):
        parse_registry(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True))
