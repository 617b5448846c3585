"""Tests for geo.build: input validation and reproducible output (the simplifier: test_simplify).

Tests that read the real ../shared/data are marked raw_data; the rest use small inputs.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from geo import build, simplify
from geo.build import BuildError, read_partnerships
from geo.council_areas import BOUNDARIES_FILE, REFERENCE_DIR

OUTPUT_FILES = (BOUNDARIES_FILE, build.PARTNERSHIPS_FILE, build.MANIFEST_FILE)
COMMITTED_PARTNERSHIPS = (REFERENCE_DIR / build.PARTNERSHIPS_FILE).read_bytes()


# --- partnerships -------------------------------------------------------------------------------


def test_partnerships_are_validated_sorted_and_given_official_names():
    header, *rows = COMMITTED_PARTNERSHIPS.decode().splitlines()
    others = [row for row in rows if row != "Tay Cities Region,S12000048,Perth and Kinross"]
    assert len(others) == len(rows) - 1
    # Out of order, an old code and a name variant: the output is still the committed file.
    shuffled = [header, *reversed(others), "Tay Cities Region,S12000024,Perth & Kinross"]
    parsed = read_partnerships(("\n".join(shuffled) + "\n").encode())
    assert build.render_partnerships(parsed) == COMMITTED_PARTNERSHIPS


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Ayrshires,S12000099,East Ayrshire", "S12xxxxxx"),
        ("Ayrshires,S12000008,West Ayrshire", "not a recognised"),
        ("Ayrshires,S12000008,Angus", "is not the name of S12000008"),
        ("Ayrshires,S92000003,Scotland", "not a council area"),
        (",S12000008,East Ayrshire", "empty partnership"),
    ],
)
def test_bad_partnership_rows_are_rejected(line, message):
    data = COMMITTED_PARTNERSHIPS + (line + "\n").encode()
    with pytest.raises(BuildError, match=message):
        read_partnerships(data)


def test_duplicate_or_uncovered_or_misnamed_columns_are_rejected():
    header, first, *rest = COMMITTED_PARTNERSHIPS.decode().splitlines()
    with pytest.raises(BuildError, match="listed twice"):
        read_partnerships("\n".join([header, first, first, *rest]).encode())
    aberdeen = [row for row in rest if ",S12000033," not in row]
    with pytest.raises(BuildError, match=r"no partnership: S12000033 \(Aberdeen City\)"):
        read_partnerships("\n".join([header, *aberdeen]).encode())
    with pytest.raises(BuildError, match="columns"):
        read_partnerships(b"region,code,name\nAyrshires,S12000008,East Ayrshire\n")


def test_shared_dir_defaults_beside_the_repo_and_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SHARED_DATA_DIR", raising=False)
    assert build.default_shared_dir() == build.REPO_ROOT.parent / "shared" / "data"
    monkeypatch.setenv("SHARED_DATA_DIR", str(tmp_path))
    assert build.default_shared_dir() == tmp_path


# --- whole builds from the real inputs ----------------------------------------------------------


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def _shared_copy(shared_data_dir: Path, root: Path, edit_topology=None) -> Path:
    """A shared data directory under tmp with (optionally edited) copies of the two inputs."""
    for source in (build.TOPOJSON_INPUT, build.PARTNERSHIPS_INPUT):
        target = root / source.relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_data_dir / source.relative_path, target)
    if edit_topology is not None:
        path = root / build.TOPOJSON_INPUT.relative_path
        topology = json.loads(path.read_bytes())
        edit_topology(topology["objects"][simplify.TOPOJSON_OBJECT]["geometries"])
        path.write_text(json.dumps(topology), encoding="utf-8")
    return root


@pytest.fixture
def prefilled_output(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    (output / BOUNDARIES_FILE).write_text("previous build\n", encoding="utf-8")
    (output / "unrelated.txt").write_text("keep me\n", encoding="utf-8")
    return output


@pytest.mark.raw_data
def test_rebuild_reproduces_the_committed_files_byte_for_byte(shared_data_dir, tmp_path):
    written = build.build(shared_data_dir, tmp_path)
    assert sorted(path.name for path in written.values()) == sorted(OUTPUT_FILES)
    assert _snapshot(tmp_path) == {
        name: (REFERENCE_DIR / name).read_bytes() for name in OUTPUT_FILES
    }


@pytest.mark.raw_data
def test_manifest_records_inputs_and_outputs(shared_data_dir):
    manifest = json.loads((REFERENCE_DIR / build.MANIFEST_FILE).read_text(encoding="utf-8"))
    for entry in manifest["inputs"]:
        data = (shared_data_dir / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        assert entry["publisher"] and entry["title"] and entry["licence"] and entry["source"]
    assert {entry["path"] for entry in manifest["outputs"]} == {
        BOUNDARIES_FILE,
        build.PARTNERSHIPS_FILE,
    }
    for entry in manifest["outputs"]:
        data = (REFERENCE_DIR / entry["path"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.raw_data
def test_a_missing_council_raises_and_writes_nothing(shared_data_dir, tmp_path, prefilled_output):
    def drop_glasgow(geometries):
        geometries[:] = [g for g in geometries if g["properties"]["areacd"] != "S12000049"]

    shared = _shared_copy(shared_data_dir, tmp_path / "shared", drop_glasgow)
    before = _snapshot(prefilled_output)
    with pytest.raises(BuildError, match=r"31 current council areas.*S12000049 \(Glasgow City\)"):
        build.build(shared, prefilled_output)
    assert _snapshot(prefilled_output) == before


@pytest.mark.raw_data
def test_an_unknown_council_code_raises_and_writes_nothing(
    shared_data_dir, tmp_path, prefilled_output
):
    def rename_fife(geometries):
        for geometry in geometries:
            if geometry["properties"]["areacd"] == "S12000047":
                geometry["properties"]["areacd"] = "S12000099"

    shared = _shared_copy(shared_data_dir, tmp_path / "shared", rename_fife)
    before = _snapshot(prefilled_output)
    with pytest.raises(BuildError, match="unknown council area code.*S12000099"):
        build.build(shared, prefilled_output)
    assert _snapshot(prefilled_output) == before


@pytest.mark.raw_data
def test_an_outdated_code_without_an_end_year_is_rejected(shared_data_dir, tmp_path):
    def revive_old_glasgow(geometries):
        for geometry in geometries:
            if geometry["properties"]["areacd"] == "S12000046":
                del geometry["properties"]["end"]

    shared = _shared_copy(shared_data_dir, tmp_path / "shared", revive_old_glasgow)
    with pytest.raises(BuildError, match="S12000046.*replaced by S12000049"):
        build.build(shared, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_missing_input_raises_a_clear_error_and_writes_nothing(tmp_path, capsys):
    output = tmp_path / "out"
    with pytest.raises(BuildError, match=r"cannot read council_area_boundaries input .*topo\.json"):
        build.build(tmp_path / "nowhere", output)
    assert not output.exists()
    assert build.main(["--shared", str(tmp_path / "nowhere"), "--output", str(output)]) == 1
    assert "geo.build: cannot read" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.raw_data
def test_command_line_builds_into_the_given_directory(shared_data_dir, tmp_path, capsys):
    assert build.main(["--shared", str(shared_data_dir), "--output", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(OUTPUT_FILES)
    assert "council_areas.geojson" in capsys.readouterr().out
