"""The catalogue answers questions by meaning over the registry and the real snapshot."""

from __future__ import annotations

import dataclasses

import pytest

from data_sources.schema import USABLE_STATUSES
from data_sources.snapshot import load_snapshot
from data_sources.store import FreshestSnapshot
from geo.council_areas import SCOTLAND_CODE, council_areas
from indicators import catalogue as catalogue_module
from indicators.catalogue import Catalogue

USABLE = {s.value for s in USABLE_STATUSES}
CLACKMANNANSHIRE = "S12000005"


def test_periods_oldest_first(catalogue: Catalogue) -> None:
    periods = catalogue.periods("claimant_rate")
    assert [p.label for p in periods] == [str(year) for year in range(2001, 2026)]
    assert periods[0].period == "2001-01-01/P1Y"
    assert periods[0].end == "2001-12-31"
    for indicator in catalogue.indicators():
        ends = [p.end for p in catalogue.periods(indicator.id)]
        assert ends == sorted(ends), indicator.id
        assert len(set(ends)) == len(ends), indicator.id


def test_periods_by_geography_only_usable(catalogue: Catalogue) -> None:
    every = [p.period for p in catalogue.periods("employment_rate")]
    council = [p.period for p in catalogue.periods("employment_rate", geography="council_area")]
    scotland = [p.period for p in catalogue.periods("employment_rate", geography="scotland")]
    assert every[-1] == "2023-01-01/P1Y"
    assert scotland[-1] == "2023-01-01/P1Y"
    assert "2023-01-01/P1Y" not in council
    assert council == every[:-1]
    assert catalogue.periods("disability_employment_gap", geography="council_area") == []


def test_periods_with_financial_years(catalogue: Catalogue) -> None:
    periods = catalogue.periods("employability_into_work")
    assert periods[0].label == "2012-13"
    # The newer LGBF file runs to 2022-23 (the 2022 workbook stopped at 2020-21).
    assert periods[-1].label == "2022-23"
    assert periods[-1].end == "2023-03-31"


def test_latest_period_by_geography(catalogue: Catalogue) -> None:
    council = catalogue.latest_period("employment_rate", geography="council_area")
    scotland = catalogue.latest_period("employment_rate", geography="scotland")
    assert council is not None and scotland is not None
    assert (council.period, council.label) == ("2022-01-01/P1Y", "2022")
    assert (scotland.period, scotland.label) == ("2023-01-01/P1Y", "2023")
    # Council areas' 2023 rows exist but every one is withheld.
    rows_2023 = catalogue.council_values("employment_rate", "2023-01-01/P1Y")
    assert len(rows_2023) == 32
    assert set(rows_2023["status"]) == {"suppressed"}
    assert rows_2023["value"].isna().all()
    # The default geography is council areas; Scotland-only indicators have none.
    assert catalogue.latest_period("employment_rate") == council
    assert catalogue.latest_period("disability_employment_gap") is None


def test_latest_skips_suppressed_rows(catalogue: Catalogue) -> None:
    series = catalogue.series("employment_rate", CLACKMANNANSHIRE)
    assert series.iloc[-1]["period_label"] == "2023"
    assert series.iloc[-1]["status"] == "suppressed"
    latest = catalogue.latest("employment_rate", CLACKMANNANSHIRE)
    assert latest is not None
    assert latest["period_label"] == "2022"
    assert latest["status"] in USABLE
    assert latest["value"] == 67.2

    scotland = catalogue.latest("employment_rate")
    assert scotland is not None
    assert scotland["area_code"] == SCOTLAND_CODE
    assert scotland["period_label"] == "2023"


def test_latest_skips_unreliable_rows_too(catalogue: Catalogue) -> None:
    # Orkney's youth employment rate is unreliable from 2020 on.
    latest = catalogue.latest("youth_employment_rate", "S12000023")
    assert latest is not None
    assert latest["period_label"] == "2019"


def test_latest_none_when_nothing_usable(catalogue: Catalogue) -> None:
    assert catalogue.latest("disability_employment_gap", CLACKMANNANSHIRE) is None


def test_previous_is_the_usable_row_before(catalogue: Catalogue) -> None:
    previous = catalogue.previous("youth_employment_rate", "S12000023", "2020-12-31")
    assert previous is not None
    assert previous["period_label"] == "2019"
    before_gap = catalogue.previous("youth_employment_rate", "S12000023", "2017-12-31")
    assert before_gap is not None
    assert before_gap["period_label"] == "2015"  # 2016 is not usable
    assert catalogue.previous("claimant_rate", SCOTLAND_CODE, "2001-12-31") is None


def test_series_keeps_gaps(catalogue: Catalogue) -> None:
    series = catalogue.series("youth_employment_rate", "S12000023")
    labels = list(series["period_label"])
    assert labels == [str(year) for year in range(2004, 2024)]
    gap = series[series["period_label"] == "2023"].iloc[0]  # withheld by the SG (note 14)
    assert gap["status"] not in USABLE
    assert gap["value"] != gap["value"]  # NaN, never zero
    # 2016 is printed with a caution: kept with its value, but not usable.
    cautioned = series[series["period_label"] == "2016"].iloc[0]
    assert (cautioned["status"], cautioned["value"]) == ("unreliable", 78.3)
    assert catalogue.latest("youth_employment_rate", "S12000023")["period_label"] == "2019"


def test_council_values_returns_32_rows(catalogue: Catalogue) -> None:
    rows = catalogue.council_values("claimant_rate", "2025-01-01/P1Y")
    assert len(rows) == 32
    assert set(rows["area_code"]) == {a.code for a in council_areas()}
    assert set(rows["area_type"]) == {"council_area"}
    assert set(rows["period"]) == {"2025-01-01/P1Y"}
    # Every status is kept: the suppressed and unreliable rows are there too.
    youth = catalogue.council_values("youth_employment_rate", "2022-01-01/P1Y")
    assert len(youth) == 32
    assert set(youth["status"]) == {"ok", "unreliable", "suppressed"}


def test_observations_filters(catalogue: Catalogue) -> None:
    rows = catalogue.observations(
        "claimant_rate", area_codes=[SCOTLAND_CODE, CLACKMANNANSHIRE], period="2025-01-01/P1Y"
    )
    assert sorted(rows["area_code"]) == [CLACKMANNANSHIRE, SCOTLAND_CODE]
    # A copy: changing it does not change the catalogue.
    rows["value"] = -1.0
    again = catalogue.observations("claimant_rate", area_codes=[SCOTLAND_CODE])
    assert (again["value"] > 0).all()


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.indicator("no_such_indicator"),
        lambda c: c.observations("no_such_indicator"),
        lambda c: c.periods("no_such_indicator"),
        lambda c: c.latest("no_such_indicator"),
        lambda c: c.council_values("no_such_indicator", "2022-01-01/P1Y"),
    ],
)
def test_unknown_indicator_raises_key_error(catalogue: Catalogue, call) -> None:
    with pytest.raises(KeyError, match="no_such_indicator"):
        call(catalogue)


def test_releases_for_follow_source_preference(catalogue: Catalogue) -> None:
    live_only = catalogue.registry.live_only_indicators()  # no rows until a live refresh
    for indicator in catalogue.indicators():
        releases = catalogue.releases_for(indicator.id)
        if indicator.id in live_only and not releases:
            continue
        assert releases, indicator.id
        sources = [r.source_id for r in releases]
        assert set(sources) <= set(indicator.sources)
        assert sources == sorted(sources, key=indicator.sources.index), indicator.id
    participation = [r.source_id for r in catalogue.releases_for("participation_16_19")]
    assert participation == [
        "sds_annual_participation_measure",
        "scotpho_profiles",
        "lgbf_spatial_hub",
        "sg_rural_scotland_apm",
    ]
    gap = [r.source_id for r in catalogue.releases_for("disability_employment_gap")]
    # The 2023 edition first (2019 on the reweighted survey), then the earlier years.
    assert gap == [
        "sg_disability_labour_market_2022",
        "sg_published_figures",
        "sg_wellbeing_economy_monitor",
    ]
    youth_count = [r.source_id for r in catalogue.releases_for("youth_claimant_count")]
    assert youth_count == ["lgbf_benchmarking", "nomis_claimant_count_march"]


def test_releases_for_only_releases_used(catalogue: Catalogue) -> None:
    frame = catalogue.all_observations()
    for indicator in catalogue.indicators():
        used = set(frame.loc[frame["indicator_id"] == indicator.id, "release_id"])
        assert {r.release_id for r in catalogue.releases_for(indicator.id)} == used


def test_indicator_filters(catalogue: Catalogue) -> None:
    every = catalogue.indicators()
    held = set(catalogue.all_observations()["indicator_id"])
    assert [i.id for i in every] == [i for i in catalogue.registry.indicators if i in held]
    # Live-only series (monthly claimant counts) are declared but not in the embedded snapshot.
    declared = catalogue.indicators(include_empty=True)
    assert [i.id for i in declared] == list(catalogue.registry.indicators)
    assert "claimant_count_monthly" in {i.id for i in declared} - {i.id for i in every}
    headline = catalogue.indicators(headline_only=True)
    assert headline and all(i.headline for i in headline)
    council = catalogue.indicators(council_areas_only=True)
    assert "employment_rate" in {i.id for i in council}
    assert "disability_employment_gap" not in {i.id for i in council}


def test_areas_scotland_first_then_councils(catalogue: Catalogue) -> None:
    areas = catalogue.areas()
    assert len(areas) == 33
    assert areas[0].code == SCOTLAND_CODE
    names = [a.name for a in areas[1:]]
    assert names == sorted(names)


def test_a_refreshed_snapshot_serves_the_embedded_delivery_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A live refresh never fetches No One Left Behind's statistics, so the catalogue the
    dashboard serves takes them from the embedded snapshot."""
    embedded = load_snapshot()
    refreshed = dataclasses.replace(embedded, delivery=None)
    monkeypatch.setattr(
        catalogue_module,
        "load_freshest_snapshot",
        lambda _data_dir=None: FreshestSnapshot(refreshed, "refreshed"),
    )
    served = catalogue_module.load_current_catalogue()
    assert served.origin == "refreshed"
    assert embedded.delivery is not None
    assert served.delivery().equals(embedded.delivery.reset_index(drop=True))
