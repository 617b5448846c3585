"""The offline build from the real shared data: reproducible, complete, and safe when inputs move.

The build runs once per module into a temporary directory; failure cases run on a copy of the
input tree made of symlinks to the real files, with only the file under test rewritten.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from data_sources.offline.build_snapshot import main
from data_sources.snapshot import (
    EMBEDDED_SNAPSHOT_DIR,
    MANIFEST_FILE,
    OBSERVATIONS_FILE,
    Snapshot,
    load_snapshot,
)
from metadata.registry import Registry, load_registry

pytestmark = pytest.mark.raw_data

GAP_FILE = (
    "raw/disability_employment_gap/ScotGovAnalysis_sg-wellbeing-economy-monitor/dempgap_eq.csv"
)
PUBLISHED_FILE = "curated/published_figures.csv"
MARCH_FILE = "raw/claimant_count/mairiskye_LGBF_data/Econ12_claimant_data.csv"
APM_2016 = "2016 (Apr 2015 to Mar 2016)"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def built_dir(shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("build") / "snapshot"
    assert main(["--shared", str(shared_data_dir), "--dest", str(dest)]) == 0
    return dest


@pytest.fixture(scope="module")
def built(built_dir: Path) -> Snapshot:
    return load_snapshot(built_dir)


def file_bytes(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def linked_inputs(shared_data_dir: Path, registry: Registry, root: Path) -> Path:
    """A shared-data tree of symlinks to every declared input (nothing is copied)."""
    for source in registry.sources.values():
        for declared in source.files:
            link = root / declared.path
            if link.is_symlink():  # one file can feed two sources (e.g. a page of excerpts)
                continue
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(shared_data_dir / declared.path)
    return root


def rewrite(root: Path, relative: str, old: bytes, new: bytes) -> bytes:
    """Replace the symlink at `relative` by a real file with `old` changed to `new`."""
    link = root / relative
    data = link.read_bytes()
    assert data.count(old) == 1
    link.unlink()
    changed = data.replace(old, new)
    link.write_bytes(changed)
    return changed


@pytest.fixture
def existing_snapshot(tmp_path: Path) -> Path:
    dest = tmp_path / "dest" / "snapshot"
    shutil.copytree(EMBEDDED_SNAPSHOT_DIR, dest)
    return dest


def test_build_reproduces_the_committed_snapshot_byte_for_byte(built_dir: Path) -> None:
    for name in (OBSERVATIONS_FILE, MANIFEST_FILE):
        assert (built_dir / name).read_bytes() == (EMBEDDED_SNAPSHOT_DIR / name).read_bytes(), name


def test_every_indicator_has_rows_for_each_declared_geography(
    built: Snapshot, registry: Registry
) -> None:
    frame = built.observations
    live_only = registry.live_only_indicators()  # fed only by data_sources.live.refresh
    assert set(frame["indicator_id"]) == set(registry.indicators) - live_only
    for indicator in registry.indicators.values():
        if indicator.id in live_only:
            continue
        rows = frame[frame["indicator_id"] == indicator.id]
        assert set(rows["area_type"]) == {g.value for g in indicator.geographies}, indicator.id
        assert set(rows["source_id"]) <= set(indicator.sources), indicator.id
        if indicator.has_council_areas:
            assert rows["area_code"].nunique() == 33, indicator.id


def test_participation_keeps_the_sds_headline_and_records_the_alternative(
    built: Snapshot,
) -> None:
    frame = built.observations
    scotland = frame[
        (frame["indicator_id"] == "participation_16_19") & (frame["area_code"] == "S92000003")
    ].set_index("period_label")
    assert scotland.loc[APM_2016, "value"] == 90.4
    assert scotland.loc[APM_2016, "source_id"] == "sds_annual_participation_measure"
    # SDS's own headline wins for every year it gives one, 2022 and 2023 included.
    for label, headline in (
        ("2022 (Apr 2021 to Mar 2022)", 92.4),
        ("2023 (Apr 2022 to Mar 2023)", 94.3),
    ):
        assert scotland.loc[label, "value"] == headline
        assert scotland.loc[label, "source_id"] == "sds_annual_participation_measure"
    # 2024 onwards have no SDS headline here, so the RESAS sum of shares is used.
    assert scotland.loc["2024 (Apr 2023 to Mar 2024)", "value"] == 92.7
    assert scotland.loc["2024 (Apr 2023 to Mar 2024)", "source_id"] == "sg_rural_scotland_apm"
    assert (
        f"participation_16_19, Scotland, {APM_2016}: kept 90.4 from "
        "sds_annual_participation_measure; sg_rural_scotland_apm gives 90.3"
    ) in built.manifest.resolution_notes
    assert (
        "participation_16_19, Scotland, 2023 (Apr 2022 to Mar 2023): kept 94.3 from "
        "sds_annual_participation_measure; sg_rural_scotland_apm gives 92.7"
    ) in built.manifest.resolution_notes
    scotland_notes = [
        n
        for n in built.manifest.resolution_notes
        if n.startswith("participation_16_19, Scotland, ")
    ]
    # RESAS's sum: 2016, 2017, 2018, 2021 and 2022 differ by 0.1; 2023 by 1.6. The LGBF's
    # CHN21 prints the same SDS figures unrounded (e.g. 92.1794 for 2021), for 5 years.
    resas = [n for n in scotland_notes if "sg_rural_scotland_apm gives" in n]
    assert len(resas) == 6
    assert all("kept" in n and "from sds_annual_participation_measure" in n for n in scotland_notes)


def test_published_figures_are_preferred_to_the_monitor(built: Snapshot) -> None:
    frame = built.observations
    gap = frame[frame["indicator_id"] == "disability_employment_gap"].set_index("period_label")
    assert gap.loc["2016", "value"] == 37.4
    assert gap.loc["2016", "source_id"] == "sg_published_figures"
    assert gap.loc["2014", "source_id"] == "sg_wellbeing_economy_monitor"  # not in publications
    assert gap.loc["2022", "value"] == 31.9


def test_the_gap_is_one_vintage_from_2019_and_older_vintages_stay_in_the_manifest(
    built: Snapshot,
) -> None:
    frame = built.observations
    gap = frame[frame["indicator_id"] == "disability_employment_gap"].set_index("period_label")
    # The 2023 edition's 2019 (32.7), so 2019 to 2022 falls by 0.8 as the SG says, not 0.7.
    assert gap.loc["2019", "value"] == 32.7
    assert gap.loc["2019", "source_id"] == "sg_disability_labour_market_2022"
    assert round(gap.loc["2019", "value"] - gap.loc["2022", "value"], 1) == 0.8
    # 2020 is only held before the 2022 reweighting: a gap, not a mixed-in value.
    assert gap.loc["2020", "status"] == "not_available"
    assert pd.isna(gap.loc["2020", "value"])
    notes = built.manifest.resolution_notes
    assert (
        "disability_employment_gap, Scotland, 2019: kept 32.7 from "
        "sg_disability_labour_market_2022; sg_published_figures gives 32.6"
    ) in notes
    assert (
        "disability_employment_gap, Scotland, 2020: kept no figure from "
        "sg_disability_labour_market_2022; sg_wellbeing_economy_monitor gives 33.4"
    ) in notes


def test_an_altered_input_stops_the_build_and_keeps_the_snapshot(
    shared_data_dir: Path,
    registry: Registry,
    tmp_path: Path,
    existing_snapshot: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared = linked_inputs(shared_data_dir, registry, tmp_path / "shared")
    # A republished series with 2019 reweighted: plausible, but not the reviewed file.
    changed = rewrite(shared, GAP_FILE, b"2019,32.6\r\n", b"2019,32.7\r\n")
    before = file_bytes(existing_snapshot)
    code = main(["--shared", str(shared), "--dest", str(existing_snapshot)])
    assert code == 1
    message = capsys.readouterr().err
    assert "Snapshot build failed; the existing snapshot is unchanged." in message
    assert f"{GAP_FILE} has SHA-256 {hashlib.sha256(changed).hexdigest()}" in message
    recorded = registry.sources["sg_wellbeing_economy_monitor"].files[0].sha256
    assert f"but the registry records {recorded}" in message
    assert file_bytes(existing_snapshot) == before
    assert [p.name for p in existing_snapshot.parent.iterdir()] == ["snapshot"]


def test_a_missing_input_stops_the_build(
    shared_data_dir: Path,
    registry: Registry,
    tmp_path: Path,
    existing_snapshot: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared = linked_inputs(shared_data_dir, registry, tmp_path / "shared")
    (shared / MARCH_FILE).unlink()
    before = file_bytes(existing_snapshot)
    assert main(["--shared", str(shared), "--dest", str(existing_snapshot)]) == 1
    message = capsys.readouterr().err
    assert f"nomis_claimant_count_march: input file {shared / MARCH_FILE} is missing" in message
    assert file_bytes(existing_snapshot) == before


def test_an_unreadable_input_is_named_by_source_and_file(
    shared_data_dir: Path,
    registry: Registry,
    tmp_path: Path,
    existing_snapshot: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The curated file has no recorded checksum, so a bad edit reaches its reader.
    shared = linked_inputs(shared_data_dir, registry, tmp_path / "shared")
    rewrite(
        shared,
        PUBLISHED_FILE,
        b"\ndisabled_employment_rate,S92000003,2016,",
        b"\ndisabled_employment_rate,S9200003,2016,",
    )
    before = file_bytes(existing_snapshot)
    assert main(["--shared", str(shared), "--dest", str(existing_snapshot)]) == 1
    message = capsys.readouterr().err
    assert "sg_published_figures: published_figures.csv: UnknownAreaError: 'S9200003'" in message
    assert file_bytes(existing_snapshot) == before


def test_ecom1_is_one_vintage_from_the_newer_lgbf_file_and_matches_its_counts(
    built: Snapshot,
) -> None:
    frame = built.observations
    econ1 = frame[frame["indicator_id"] == "employability_into_work"]
    assert set(econ1["source_id"]) == {"lgbf_spatial_hub"}
    by_key = econ1.set_index(["area_name", "period_label"])
    # The 2022 workbook printed 17.85 for Renfrewshire 2020-21 against its own 35.7; the newer
    # file prints 0.174146 = 714 / 4,100.
    assert by_key.loc[("Renfrewshire", "2020-21"), "value"] == 17.414634
    assert by_key.loc[("Glasgow City", "2020-21"), "value"] != 2.44  # revised (3.98)
    assert round(by_key.loc[("Scotland", "2022-23"), "value"], 2) == 12.88
    assert sorted(set(econ1["period_label"]))[-1] == "2022-23"
    # The two cells that contradict their own counts are kept, as unreliable.
    aberdeen = by_key.loc[("Aberdeen City", "2021-22")]
    assert aberdeen["status"] == "unreliable" and "378" in aberdeen["status_detail"]
