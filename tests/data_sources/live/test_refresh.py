"""The refresh command end to end against local stand-ins: success, change report, and failures.

Every failure must exit non-zero naming the source and the problem, and leave the store byte
for byte as it was; a success publishes a new version and reports what changed.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug import Request, Response

from data_sources.live.http import LiveSourceError
from data_sources.live.refresh import main, refresh
from data_sources.live.settings import Settings
from data_sources.store import CURRENT_FILE, SNAPSHOTS_DIR, load_freshest_snapshot
from geo.council_areas import REFERENCE_DIR
from tests.data_sources.live.conftest import (
    APS_DATA,
    ARCGIS,
    CLAIMANT_DATA,
    SPARQL,
    TODAY,
    FakeServices,
    drop_rows,
    first_month_only,
    html,
    renumber,
    status,
    tree_bytes,
    without_codes,
)

Change = Callable[[FakeServices], None]


def run(settings: Settings, store: Path):  # noqa: ANN201
    return refresh(settings, store, today=TODAY, sleep=lambda _: None)


# --- success -------------------------------------------------------------------------------------


def test_a_refresh_publishes_a_new_version_and_reports_new_periods_and_revisions(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    before = load_freshest_snapshot(store)
    # A figure withdrawn since the last refresh: Aberdeen City's 16-24 count for March 2021
    # (1735 in the ECON12 extract) is now marked missing.
    services.files["nomis_claimant.csv"] = services.files["nomis_claimant.csv"].replace(
        "S12000033,local authorities: district / unitary (as of April 2023),424,0,Total,1,"
        "Aged 16-24,1,Claimant count,20100,Value,1735,A,Normal Value",
        "S12000033,local authorities: district / unitary (as of April 2023),424,0,Total,1,"
        "Aged 16-24,1,Claimant count,20100,Value,,Q,These figures are missing.",
    )
    result = run(settings, store)
    assert result.version is not None and result.version != before.version
    assert (store / CURRENT_FILE).read_text().strip() == result.version
    assert "- claimant_count_monthly: new periods March 2022" in result.changes
    assert "- youth_claimant_count_monthly: new periods March 2022" in result.changes
    assert (
        "- Revised: youth_claimant_count_monthly, Aberdeen City, March 2021: "
        "1735.0 (ok) -> nan (suppressed)"
    ) in result.changes
    after = load_freshest_snapshot(store)
    assert after.origin == "refreshed" and after.version == result.version
    assert (store / SNAPSHOTS_DIR / result.version / "CHANGES.md").read_text() == result.changes


def test_the_refreshed_snapshot_holds_live_and_embedded_series(
    store: Path,
) -> None:
    fresh = load_freshest_snapshot(store)
    frame = fresh.snapshot.observations.set_index(["indicator_id", "area_code", "period_label"])
    # Live monthly series with their real values and NOMIS's words for missing ones.
    assert frame.loc[("youth_claimant_count_monthly", "S12000049", "March 2021"), "value"] == 6210
    assert frame.loc[("youth_claimant_count_monthly", "S92000003", "March 2021"), "value"] == 40665
    assert frame.loc[("claimant_rate_monthly", "S12000033", "March 2021"), "value"] == 6.2
    missing = frame.loc[("claimant_count_monthly", "S92000003", "March 2021")]
    assert missing["status"] == "suppressed"
    assert missing["status_detail"] == "NOMIS: These figures are missing."
    # APS through NOMIS with its interval (rate ± confidence half-width).
    aps = frame.loc[("aps_unemployment_rate", "S92000003", "2019")]
    assert (aps["value"], aps["lower_95"], aps["upper_95"]) == (3.5, 3.2, 3.8)
    # The Scottish Government's reviewed series stays preferred where it has the period.
    assert frame.loc[("employment_rate", "S92000003", "2019"), "source_id"] == (
        "sg_sub_scotland_economic_statistics"
    )
    # Embedded series the live sources do not cover are carried over unchanged.
    gap = frame.loc[("disability_employment_gap", "S92000003", "2016")]
    assert (gap["value"], gap["source_id"]) == (37.4, "sg_published_figures")
    manifest = fresh.snapshot.manifest
    assert manifest.kind == "live"
    live = {r.source_id: r for r in manifest.releases if r.origin.endswith("(live refresh)")}
    assert set(live) == {
        "nomis_claimant_count_monthly",
        "nomis_aps",
        "sg_statistics_gov_scot_unemployment_model_based_estimates",
    }
    assert live["sg_statistics_gov_scot_unemployment_model_based_estimates"].published == (
        "2024-04-16"  # the dataset's dcterms:modified
    )
    assert live["nomis_aps"].retrieved == TODAY.isoformat()
    assert all(f.path.startswith("http://127.0.0.1:") for f in live["nomis_aps"].files)


def test_a_refresh_with_nothing_new_leaves_the_store_as_it_was(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    first_month_only(services)
    before = tree_bytes(store)
    result = run(settings, store)
    assert result.version is None
    assert result.changes == "No changes.\n"
    assert tree_bytes(store) == before


def test_claimant_rows_are_paged_until_record_count(
    services: FakeServices, settings: Settings, tmp_path: Path
) -> None:
    run(settings, tmp_path / "store")
    calls = services.calls(CLAIMANT_DATA)
    assert [c["RecordOffset"] for c in calls] == ["0", "250", "500", "750", "1000"]  # 1188 rows
    assert {c["RecordLimit"] for c in calls} == {"250"}
    assert calls[0]["age"] == "0,1,2"  # codes found by label in the age codelist
    assert calls[0]["gender"] == "0,1,2"
    assert calls[0]["date"] == "2021-03-2022-03"
    aps = services.calls(APS_DATA)
    assert aps[0]["date"] == "2019-12,2020-12"  # January-December periods only
    assert aps[0]["variable"] == "45,1207,83,1213"


def test_old_council_codes_are_remapped(
    services: FakeServices, settings: Settings, tmp_path: Path
) -> None:
    # Glasgow City under its pre-2019 code, as older NOMIS geography types return it.
    services.files["nomis_claimant.csv"] = services.files["nomis_claimant.csv"].replace(
        ",S12000049,", ",S12000046,"
    )
    result = run(settings, tmp_path / "store")
    glasgow = result.frame[
        (result.frame["indicator_id"] == "youth_claimant_count_monthly")
        & (result.frame["area_code"] == "S12000049")
        & (result.frame["period_label"] == "March 2021")
    ]
    assert glasgow["value"].tolist() == [6210]
    assert glasgow["area_name"].tolist() == ["Glasgow City"]


def test_an_age_band_the_dataset_lacks_is_skipped_with_a_note(
    services: FakeServices, settings: Settings, tmp_path: Path
) -> None:
    services.files["nomis_claimant_age.json"] = without_codes(
        services.files["nomis_claimant_age.json"], {"Aged 18-24"}
    )
    services.files["nomis_claimant.csv"] = drop_rows(
        services.files["nomis_claimant.csv"], lambda line: ",2,Aged 18-24," in line
    )
    result = run(settings, tmp_path / "store")
    assert "youth_claimant_count_18_24_monthly" not in set(result.frame["indicator_id"])
    assert (
        "nomis_claimant_count_monthly: NM_162_1 offers no 18-24 age band; that series is skipped."
        in result.summary
    )
    assert services.calls(CLAIMANT_DATA)[0]["age"] == "0,1"


def test_boundaries_go_to_the_store_and_never_to_geo_reference(
    settings: Settings, tmp_path: Path
) -> None:
    reference = tree_bytes(REFERENCE_DIR)
    result = run(settings, tmp_path / "store")
    assert tree_bytes(REFERENCE_DIR) == reference
    fresh = load_freshest_snapshot(tmp_path / "store")
    assert fresh.version == result.version and fresh.boundaries_path is not None
    collection = json.loads(fresh.boundaries_path.read_text(encoding="utf-8"))
    codes = [f["properties"]["area_code"] for f in collection["features"]]
    assert len(codes) == 32 and codes == sorted(codes)
    provenance = json.loads((fresh.boundaries_path.parent / "boundaries.json").read_text())
    assert provenance["service"] == "Local_Authority_Districts_May_2024_Boundaries_UK_BUC"


# --- failures ------------------------------------------------------------------------------------


def edit(name: str, old: str, new: str, count: int = 1) -> Change:
    def change(services: FakeServices) -> None:
        text = services.files[name]
        assert old in text, old
        services.files[name] = text.replace(old, new, count)

    return change


def edit_text(name: str, transform: Callable[[str], str]) -> Change:
    def change(services: FakeServices) -> None:
        services.files[name] = transform(services.files[name])

    return change


def fault(path: str, responder: Callable[[Request], Response]) -> Change:
    return lambda services: services.fault(path, responder, always=True)


def slow(seconds: float) -> Callable[[Request], Response]:
    def respond(_: Request) -> Response:
        time.sleep(seconds)
        return Response("modified\r\n2024-04-16T00:00:00Z\r\n", content_type="text/csv")

    return respond


def drop_column(text: str, column: str) -> str:
    lines = text.splitlines()
    index = lines[0].split(",").index(column)
    out = []
    for line in lines:
        fields = line.split(",")
        out.append(",".join(fields[:index] + fields[index + 1 :]))
    return "\n".join(out) + "\n"


def duplicate_line(number: int, renumbered: bool) -> Callable[[str], str]:
    def transform(text: str) -> str:
        lines = text.splitlines()
        lines.insert(number + 1, lines[number])
        joined = "\n".join(lines) + "\n"
        return renumber(joined) if renumbered else joined

    return transform


def remove_line(number: int) -> Callable[[str], str]:
    def transform(text: str) -> str:
        lines = text.splitlines()
        del lines[number]
        return "\n".join(lines) + "\n"

    return transform


def without_feature(code: str) -> Callable[[str], str]:
    def transform(text: str) -> str:
        document = json.loads(text)
        document["features"] = [
            f for f in document["features"] if f["properties"]["LAD24CD"] != code
        ]
        return json.dumps(document)

    return transform


def in_metres(text: str) -> str:
    document = json.loads(text)
    document["features"][0]["geometry"]["coordinates"] = [
        [[[x * 100000, y * 100000] for x, y in ring] for ring in polygon]
        for polygon in (
            document["features"][0]["geometry"]["coordinates"]
            if document["features"][0]["geometry"]["type"] == "MultiPolygon"
            else [document["features"][0]["geometry"]["coordinates"]]
        )
    ]
    document["features"][0]["geometry"]["type"] = "MultiPolygon"
    return json.dumps(document)


AGE_JSON = "nomis_claimant_age.json"
CLAIMANT_CSV = "nomis_claimant.csv"
APS_CSV = "nomis_aps.csv"

FAILURES: dict[str, tuple[Change, str, str]] = {
    "HTTP 500": (
        fault(CLAIMANT_DATA, status(500)),
        "nomis_claimant_count_monthly",
        "HTTP 500 INTERNAL SERVER ERROR from http://127.0.0.1",
    ),
    "HTTP 503 after retries": (
        fault(APS_DATA, status(503)),
        "nomis_aps",
        "gave up after 3 attempts",
    ),
    "timeout": (
        fault(SPARQL, slow(1.0)),
        "sg_statistics_gov_scot_unemployment_model_based_estimates",
        "timed out fetching",
    ),
    "HTML instead of CSV": (
        fault(CLAIMANT_DATA, html()),
        "nomis_claimant_count_monthly",
        "page at offset 0 came back as HTML, not CSV",
    ),
    "HTML instead of a codelist": (
        fault("/nomis/dataset/NM_17_5/variable.def.sdmx.json", html()),
        "nomis_aps",
        "the variable codelist came back as HTML",
    ),
    "HTML instead of SPARQL results": (
        fault(SPARQL, html()),
        "sg_statistics_gov_scot_unemployment_model_based_estimates",
        "came back as HTML, not CSV",
    ),
    "missing column": (
        edit_text(APS_CSV, lambda t: drop_column(t, "OBS_STATUS_NAME")),
        "nomis_aps",
        "lacks columns ['OBS_STATUS_NAME']",
    ),
    "short rows": (
        edit_text(CLAIMANT_CSV, remove_line(-1)),
        "nomis_claimant_count_monthly",
        "page at offset 1000 has 187 rows, expected 188 (RECORD_COUNT 1188)",
    ),
    "row missing mid-way": (
        edit_text(CLAIMANT_CSV, remove_line(300)),
        "nomis_claimant_count_monthly",
        "RECORD_OFFSET 300 where 299 was expected: rows are missing or repeated",
    ),
    "truncated response": (
        edit_text(CLAIMANT_CSV, lambda t: t[: t.index("\n", 20000) - 30] + "\n"),
        "nomis_claimant_count_monthly",
        "fields, the header has 20 (truncated response?)",
    ),
    "repeated row": (
        edit_text(CLAIMANT_CSV, duplicate_line(10, renumbered=False)),
        "nomis_claimant_count_monthly",
        "RECORD_OFFSET 9 where 10 was expected",
    ),
    "duplicated rows": (
        edit_text(APS_CSV, duplicate_line(10, renumbered=True)),
        "nomis_aps",
        "duplicated rows for ['S92000003', '2019-12', '83', '21001']",
    ),
    "unknown area code": (
        edit(CLAIMANT_CSV, ",S12000005,", ",S12000099,", count=-1),
        "nomis_claimant_count_monthly",
        "unknown area code 'S12000099' ('Clackmannanshire'",
    ),
    "area missing": (
        edit_text(CLAIMANT_CSV, lambda t: drop_rows(t, lambda line: ",S12000027," in line)),
        "nomis_claimant_count_monthly",
        "no rows for 1 areas: ['S12000027']",
    ),
    "period missing for one area": (
        edit_text(
            APS_CSV,
            lambda t: drop_rows(
                t, lambda line: line.startswith("2020-12") and ",S12000023," in line
            ),
        ),
        "nomis_aps",
        "expected rows are missing, e.g. ['S12000023', '2020-12', '1207', '20599']",
    ),
    "wrong geography type": (
        edit(CLAIMANT_CSV, "(as of April 2023),424,", "(as of April 2021),423,", count=-1),
        "nomis_claimant_count_monthly",
        "came back with geography type 423",
    ),
    "unknown status": (
        edit(APS_CSV, ",74.8,A,Normal Value,", ",74.8,Z,Estimate withdrawn,"),
        "nomis_aps",
        "OBS_STATUS 'Z' ('Estimate withdrawn'), which is not a status this refresh knows",
    ),
    "relabelled measure": (
        edit(CLAIMANT_CSV, ",1,Claimant count,", ",1,Claimant count (experimental),"),
        "nomis_claimant_count_monthly",
        "MEASURE 1 is labelled 'Claimant count (experimental)' in the data",
    ),
    "required age band missing": (
        edit(AGE_JSON, '"value": "Aged 16-24"', '"value": "Aged 16-25"'),
        "nomis_claimant_count_monthly",
        "the age codelist has no code labelled like",
    ),
    "ambiguous age band": (
        edit(AGE_JSON, '"value": "Aged 25-49"', '"value": "Aged 16 to 24"'),
        "nomis_claimant_count_monthly",
        "the age codelist has several codes matching",
    ),
    "duplicated SPARQL rows": (
        edit_text("sgs_unemployment.csv", duplicate_line(5, renumbered=False)),
        "sg_statistics_gov_scot_unemployment_model_based_estimates",
        "duplicated rows for S12000008 2021",
    ),
    "SPARQL columns changed": (
        edit("sgs_unemployment.csv", "area,period,value", "area,period,ratio"),
        "sg_statistics_gov_scot_unemployment_model_based_estimates",
        "SPARQL results have columns ['area', 'period', 'ratio']",
    ),
    "no release date": (
        edit("sgs_modified.csv", "2024-04-16T00:00:00Z\r\n", ""),
        "sg_statistics_gov_scot_unemployment_model_based_estimates",
        "has dcterms:modified [], expected one date",
    ),
    "ArcGIS error": (
        edit_text("arcgis.geojson", lambda _: '{"error": {"code": 400, "message": "Invalid"}}'),
        "ons_boundaries",
        "returned an error: {'code': 400, 'message': 'Invalid'}",
    ),
    "council boundary missing": (
        edit_text("arcgis.geojson", without_feature("S12000027")),
        "ons_boundaries",
        "missing: S12000027 (Shetland Islands)",
    ),
    "boundaries in the wrong spatial reference": (
        edit_text("arcgis.geojson", in_metres),
        "ons_boundaries",
        "outside Scotland in WGS84",
    ),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_a_failing_source_stops_the_refresh_and_leaves_the_store_byte_identical(
    case: str, services: FakeServices, settings: Settings, store: Path
) -> None:
    change, source_id, problem = FAILURES[case]
    change(services)
    if case == "timeout":
        settings = replace(settings, read_timeout=0.3)
    before = tree_bytes(store)
    with pytest.raises(LiveSourceError) as caught:
        run(settings, store)
    assert caught.value.source_id == source_id
    assert str(caught.value).startswith(f"{source_id}: ")
    assert problem in str(caught.value)
    assert tree_bytes(store) == before


def test_a_failed_refresh_does_not_leave_its_responses_in_the_cache(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    services.fault(ARCGIS, html(), always=True)
    with pytest.raises(LiveSourceError):
        run(settings, store)
    services.faults.clear()
    run(settings, store)
    # Every NOMIS response was fetched again, not served from the cache of the failed run.
    assert len(services.calls(CLAIMANT_DATA)) == 10


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture
def environment(
    services: FakeServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> FakeServices:
    monkeypatch.setenv("NOMIS_API_URL", services.url("/nomis"))
    monkeypatch.setenv("STATISTICS_GOV_SCOT_URL", services.url("/sgs"))
    monkeypatch.setenv("ONS_GEOGRAPHY_URL", services.url("/arcgis"))
    monkeypatch.setenv("NOLB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NOMIS_API_KEY", raising=False)
    monkeypatch.setenv("NOLB_CLAIMANT_FROM", "2021-03")  # the fixtures' first month and year
    monkeypatch.setenv("NOLB_APS_FROM", "2019")
    return services


def test_the_command_prints_what_changed(
    environment: FakeServices, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dest", str(store)]) == 0
    out = capsys.readouterr().out
    assert "Published snapshot " in out
    assert "- claimant_count_monthly: new periods March 2022" in out
    assert "nomis_aps: 264 figures" in out


def test_the_command_exits_non_zero_naming_the_source(
    environment: FakeServices, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.fault(APS_DATA, html(), always=True)
    before = tree_bytes(store)
    assert main(["--dest", str(store)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Refresh failed; the existing snapshot is unchanged.\nnomis_aps: ")
    assert tree_bytes(store) == before
