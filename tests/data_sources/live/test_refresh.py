"""The refresh command end to end against local stand-ins: success, change report, and failures.

Sources are refreshed one by one: a source that fails is named with its problem and keeps its
rows (and boundaries) from the snapshot in use, byte for byte, while the others are published.
Nothing at all is published only when no source could be refreshed.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from werkzeug import Request, Response

from data_sources.live.http import HttpClient, LiveSourceError
from data_sources.live.nomis import (
    APS_SOURCE,
    CLAIMANT_SOURCE,
    GAP_UNAVAILABLE,
    fetch_aps,
    fetch_claimant_count,
)
from data_sources.live.ons_boundaries import fetch_boundaries
from data_sources.live.refresh import KEPT_STATUS, SOURCES, RefreshError, main, refresh
from data_sources.live.settings import Settings
from data_sources.live.statistics_gov_scot import SOURCE_ID as SGS_SOURCE
from data_sources.live.statistics_gov_scot import fetch_unemployment_model_based
from data_sources.schema import Status
from data_sources.store import CURRENT_FILE, SNAPSHOTS_DIR, load_freshest_snapshot
from geo.council_areas import REFERENCE_DIR, SCOTLAND_CODE, council_areas
from tests.data_sources.live.conftest import (
    APS_DATA,
    ARCGIS,
    CLAIMANT_DATA,
    SPARQL,
    TODAY,
    FakeServices,
    as_last_published,
    drop_rows,
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
        "S12000033,local authorities: district / unitary (as of April 2023),424,0,Total,2,"
        "Aged 16-24,1,Claimant count,20100,Value,1735,A,Normal Value",
        "S12000033,local authorities: district / unitary (as of April 2023),424,0,Total,2,"
        "Aged 16-24,1,Claimant count,20100,Value,,Q,These figures are missing.",
    )
    result = run(settings, store)
    assert result.version is not None and result.version != before.version
    assert (store / CURRENT_FILE).read_text().strip() == result.version
    assert [o.outcome for o in result.outcomes] == ["refreshed"] * 4 and result.kept == ()
    new_periods = "April 2021, August 2021, December 2021, February 2022, January 2022, "
    assert f"- claimant_count_monthly: new periods {new_periods}" in result.changes
    assert "- youth_claimant_count_monthly: new periods April 2021," in result.changes
    assert "March 2022, May 2021" in result.changes
    assert (
        "- Revised: youth_claimant_count_monthly, Aberdeen City, March 2021: "
        "1735.0 (ok) -> nan (suppressed)"
    ) in result.changes
    after = load_freshest_snapshot(store)
    assert after.origin == "refreshed" and after.version == result.version
    assert (store / SNAPSHOTS_DIR / result.version / "CHANGES.md").read_text() == result.changes


COUNCILS = {a.code for a in council_areas()}
ALL_AREAS = {SCOTLAND_CODE, *COUNCILS}


def test_the_refreshed_snapshot_holds_live_and_embedded_series(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    result = run(settings, store)
    fresh = load_freshest_snapshot(store)
    observations = fresh.snapshot.observations
    frame = observations.set_index(["indicator_id", "area_code", "period_label"])
    # The monthly claimant count, all ages and 16-24, for all 32 councils and Scotland.
    for indicator in ("claimant_count_monthly", "youth_claimant_count_monthly"):
        march = observations[
            (observations["indicator_id"] == indicator)
            & (observations["period_label"] == "March 2021")
        ]
        assert set(march["area_code"]) == ALL_AREAS
        assert march["value"].notna().all() and set(march["status"]) == {"ok"}
    # Real values: LGBF's all-ages March 2021 count and ECON12's 16-24 counts and rates.
    assert frame.loc[("claimant_count_monthly", "S12000033", "March 2021"), "value"] == 9675
    assert frame.loc[("youth_claimant_count_monthly", "S12000049", "March 2021"), "value"] == 6210
    assert frame.loc[("youth_claimant_count_monthly", "S92000003", "March 2021"), "value"] == 40665
    assert frame.loc[("claimant_rate_monthly", "S12000033", "March 2021"), "value"] == 6.2
    missing = frame.loc[("claimant_count_monthly", "S92000003", "March 2022")]
    assert missing["status"] == "suppressed"
    assert missing["status_detail"] == "NOMIS: These figures are missing."
    # APS through NOMIS with its interval (rate ± confidence half-width).
    aps = frame.loc[("aps_unemployment_rate", "S92000003", "2019")]
    assert (aps["value"], aps["lower_95"], aps["upper_95"]) == (3.5, 3.2, 3.8)
    # A rate NOMIS gives without its interval keeps its value, marked unreliable.
    youth = frame.loc[("aps_youth_unemployment_rate", "S92000003", "2019")]
    assert youth["status"] == "unreliable" and youth["value"] == 8.3  # SG's 8.3 stands in
    # A cell NOMIS withholds (sample of 0 to 2) stays missing with NOMIS's words.
    assert set(observations.loc[observations["source_id"] == "nomis_aps", "indicator_id"]) >= {
        "aps_youth_unemployment_rate",
        "disabled_share_16_64",
    }
    # The Scottish Government's reviewed series stays preferred where it has the period.
    assert frame.loc[("employment_rate", "S92000003", "2019"), "source_id"] == (
        "sg_sub_scotland_economic_statistics"
    )
    assert frame.loc[("economic_inactivity_rate", "S12000023", "2020"), "source_id"] == (
        "sg_sub_scotland_economic_statistics"
    )
    # The model-based unemployment rate: January-December estimates from quarter periods.
    model = observations[
        (observations["indicator_id"] == "unemployment_rate")
        & (observations["source_id"] == SGS_SOURCE)
    ]
    assert model.empty  # ONS's own file is preferred and has both years
    # Embedded series the live sources do not cover are carried over unchanged.
    gap = frame.loc[("disability_employment_gap", "S92000003", "2016")]
    assert (gap["value"], gap["source_id"]) == (37.4, "sg_published_figures")
    manifest = fresh.snapshot.manifest
    assert manifest.kind == "live"
    live = {r.source_id: r for r in manifest.releases if r.origin.endswith("(live refresh)")}
    assert set(live) == {CLAIMANT_SOURCE, APS_SOURCE, SGS_SOURCE}
    assert live[SGS_SOURCE].published == "2024-04-16"  # the dataset's dcterms:modified
    # NOMIS's CurrentRevisionReleased for the latest month (March 2022: 12 April 2022).
    assert live[CLAIMANT_SOURCE].published == "2022-04-12"
    assert live[APS_SOURCE].retrieved == TODAY.isoformat()
    assert GAP_UNAVAILABLE in live[APS_SOURCE].notes
    assert all(f.path.startswith("http://127.0.0.1:") for f in live[APS_SOURCE].files)
    outcomes = {o.source_id: o for o in manifest.refresh_outcomes}
    assert set(outcomes) == {CLAIMANT_SOURCE, APS_SOURCE, SGS_SOURCE, "ons_boundaries"}
    assert outcomes[CLAIMANT_SOURCE].words.startswith("refreshed at 20")
    assert outcomes[CLAIMANT_SOURCE].release_id == "nomis_claimant_count_monthly@2022-04-12"
    assert result.manifest == manifest


def test_unreliable_aps_estimates_keep_their_values_and_withheld_ones_stay_missing(
    services: FakeServices, settings: Settings
) -> None:
    with HttpClient(settings, sleep=lambda _: None) as client:
        fetch = fetch_aps(client, settings, today=TODAY)
    records = {(r.indicator_id, r.area_code, r.period.label): r for r in fetch.records}
    # Orkney's economic inactivity, 2020 and 2021, as ONS's APS extract gives them.
    for year, value in (("2020", 13.1), ("2021", 19.4)):
        orkney = records[("economic_inactivity_rate", "S12000023", year)]
        assert (orkney.value, orkney.status) == (value, Status.UNRELIABLE)
        assert orkney.lower_95 is None and orkney.upper_95 is None
        assert orkney.status_detail == (
            "NOMIS: Estimate and confidence interval unreliable since the group sample size "
            "is small (3-9)"
        )
    shetland = records[("youth_employment_rate", "S12000027", "2021")]
    assert (shetland.value, shetland.status) == (None, Status.SUPPRESSED)
    assert shetland.status_detail == (
        "NOMIS: Estimate and confidence interval not available since the group sample size is "
        "zero or disclosive (0-2)"
    )
    normal = records[("economic_inactivity_rate", "S92000003", "2019")]
    assert (normal.value, normal.lower_95, normal.upper_95, normal.status) == (
        22.5,
        21.9,
        23.1,
        Status.OK,
    )
    # The youth unemployment rate and the disabled share come for every council and Scotland.
    for indicator in ("aps_youth_unemployment_rate", "disabled_share_16_64"):
        assert {a for i, a, _ in records if i == indicator} == ALL_AREAS
    assert "disability_employment_gap_nomis" in fetch.unavailable
    assert GAP_UNAVAILABLE in fetch.notes


def test_a_refresh_with_nothing_new_leaves_the_store_as_it_was(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    as_last_published(services)
    before = tree_bytes(store)
    result = run(settings, store)
    assert result.version is None
    assert result.changes == "No changes.\n"
    assert tree_bytes(store) == before


def test_rows_are_paged_until_record_count_whichever_way_nomis_counts_offsets(
    services: FakeServices, settings: Settings
) -> None:
    settings = replace(settings, use_cache=False)
    fetched = {}
    for restart in (False, True):
        services.restart_offsets = restart
        services.requests.clear()
        with HttpClient(settings, sleep=lambda _: None) as client:
            claimant = fetch_claimant_count(client, settings, today=TODAY)
            aps = fetch_aps(client, settings, today=TODAY)
        fetched[restart] = (claimant.records, aps.records)
        calls = services.calls(CLAIMANT_DATA)
        # 13 months x 33 areas x 3 sexes x 3 ages x 2 measures = 7,722 rows, 1,000 a page.
        assert [c["RecordOffset"] for c in calls] == [str(n * 1000) for n in range(8)]
        assert {c["RecordLimit"] for c in calls} == {"1000"}
        assert calls[0]["age"] == "0,2,11"  # codes found by label in the age codelist
        assert calls[0]["gender"] == "0,1,2"
        assert calls[0]["date"] == "2021-03-2022-03"  # the TIME codelist, from the first month
        assert calls[0]["geography"] == "2092957701,2092957701TYPE424"  # found at run time
        aps_calls = services.calls(APS_DATA)
        assert [c["RecordOffset"] for c in aps_calls] == ["0", "1000", "2000"]  # 2,376 rows
        assert aps_calls[0]["date"] == "2019-12,2020-12,2021-12"  # January-December only
        assert aps_calls[0]["variable"] == "45,1207,83,1213,111,1733"  # by code, labels checked
    assert fetched[True] == fetched[False]
    assert len(fetched[False][0]) == 6 * 33 * 13


def test_the_newest_council_area_type_is_found_at_run_time(
    services: FakeServices, settings: Settings
) -> None:
    # An edit: NOMIS lists a newer council-area type (its code and year are made up here) and
    # returns the councils under it; the refresh must follow without any setting changing.
    newer = "local authorities: district / unitary (as of April 2025)"
    for name in ("nomis_claimant_geography.json", "nomis_aps_geography.json"):
        document = json.loads(services.files[name])
        codes = document["structure"]["codelists"]["codelist"][0]["code"]
        codes.append(
            {
                "annotations": {
                    "annotation": [
                        {"annotationtext": newer, "annotationtitle": "TypeName"},
                        {"annotationtext": 999, "annotationtitle": "TypeCode"},
                    ]
                },
                "description": {"value": newer, "lang": "en"},
                "value": "2092957701TYPE999",
            }
        )
        services.files[name] = json.dumps(document)
    for name in (CLAIMANT_CSV, APS_CSV):
        services.files[name] = services.files[name].replace(
            "local authorities: district / unitary (as of April 2023),424,", f"{newer},999,"
        )
    with HttpClient(settings, sleep=lambda _: None) as client:
        claimant = fetch_claimant_count(client, settings, today=TODAY)
        aps = fetch_aps(client, settings, today=TODAY)
    assert {r.area_code for r in claimant.records} == {r.area_code for r in aps.records}
    assert len({r.area_code for r in claimant.records}) == 33
    assert services.calls(CLAIMANT_DATA)[0]["geography"] == "2092957701,2092957701TYPE999"
    assert services.calls(APS_DATA)[0]["geography"] == "2092957701,2092957701TYPE999"


def test_only_january_to_december_model_based_estimates_are_kept(
    services: FakeServices, settings: Settings, tmp_path: Path
) -> None:
    # An edit: every Q4 row repeated as a Q2 estimate (12 months to June). The values are the
    # Q4 ones and must never reach the snapshot.
    lines = services.files["sgs_unemployment.csv"].splitlines()
    extra = []
    for area, period, _, _, value in csv.reader(lines[1:]):
        year = period[-7:-3]
        extra.append(f"{area},{period[:-2]}Q2,{year}-Q2,{year}-07-01T00:00:00,{value}")
    services.files["sgs_unemployment.csv"] = "\r\n".join([*lines, *extra]) + "\r\n"
    with HttpClient(settings, sleep=lambda _: None) as client:
        fetch = fetch_unemployment_model_based(client, settings, today=TODAY)
    assert {r.period.label for r in fetch.records} == {"2021", "2022"}
    assert len(fetch.records) == 66
    assert fetch.notes[0] == (
        "Kept the 2 January-December estimates; 2 other quarterly 12-month estimates were left out."
    )


def test_old_council_codes_are_remapped(services: FakeServices, settings: Settings) -> None:
    # Glasgow City under its pre-2019 code, as older NOMIS geography types return it.
    services.files["nomis_claimant.csv"] = services.files["nomis_claimant.csv"].replace(
        ",S12000049,", ",S12000046,"
    )
    with HttpClient(settings, sleep=lambda _: None) as client:
        fetch = fetch_claimant_count(client, settings, today=TODAY)
    glasgow = [
        r.value
        for r in fetch.records
        if (r.indicator_id, r.area_code, r.period.label)
        == ("youth_claimant_count_monthly", "S12000049", "March 2021")
    ]
    assert glasgow == [6210]
    assert "S12000046" not in {r.area_code for r in fetch.records}


def test_an_age_band_the_dataset_lacks_is_skipped_with_a_note(
    services: FakeServices, settings: Settings, tmp_path: Path
) -> None:
    services.files["nomis_claimant_age.json"] = without_codes(
        services.files["nomis_claimant_age.json"], {"Aged 18-24"}
    )
    services.files["nomis_claimant.csv"] = drop_rows(
        services.files["nomis_claimant.csv"], lambda line: ",11,Aged 18-24," in line
    )
    result = run(settings, tmp_path / "store")
    assert "youth_claimant_count_18_24_monthly" not in set(result.frame["indicator_id"])
    assert (
        "nomis_claimant_count_monthly: NM_162_1 offers no 18-24 age band; that series is skipped."
        in result.summary
    )
    assert services.calls(CLAIMANT_DATA)[0]["age"] == "0,2"


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
SGS_CSV = "sgs_unemployment.csv"
BOUNDARIES = "ons_boundaries"

FAILURES: dict[str, tuple[Change, str, str]] = {
    "HTTP 500": (
        fault(CLAIMANT_DATA, status(500)),
        CLAIMANT_SOURCE,
        "HTTP 500 INTERNAL SERVER ERROR from http://127.0.0.1",
    ),
    "HTTP 503 after retries": (
        fault(APS_DATA, status(503)),
        APS_SOURCE,
        "gave up after 3 attempts",
    ),
    "timeout": (fault(SPARQL, slow(1.0)), SGS_SOURCE, "timed out fetching"),
    "HTML instead of CSV": (
        fault(CLAIMANT_DATA, html()),
        CLAIMANT_SOURCE,
        "page at offset 0 came back as HTML, not CSV",
    ),
    "HTML instead of a codelist": (
        fault("/nomis/dataset/NM_17_5/variable.def.sdmx.json", html()),
        APS_SOURCE,
        "the variable codelist came back as HTML",
    ),
    "HTML instead of SPARQL results": (
        fault(SPARQL, html()),
        SGS_SOURCE,
        "came back as HTML, not CSV",
    ),
    "missing column": (
        edit_text(APS_CSV, lambda t: drop_column(t, "OBS_STATUS_NAME")),
        APS_SOURCE,
        "lacks columns ['OBS_STATUS_NAME']",
    ),
    "short rows": (
        edit_text(CLAIMANT_CSV, remove_line(-1)),
        CLAIMANT_SOURCE,
        "page at offset 7000 has 721 rows, expected 722 (RECORD_COUNT 7722)",
    ),
    "row missing mid-way": (
        edit_text(CLAIMANT_CSV, remove_line(300)),
        CLAIMANT_SOURCE,
        "RECORD_OFFSET 300 where 299 was expected: rows are missing or repeated",
    ),
    "truncated response": (
        edit_text(CLAIMANT_CSV, lambda t: t[: t.index("\n", 20000) - 30] + "\n"),
        CLAIMANT_SOURCE,
        "fields, the header has 20 (truncated response?)",
    ),
    "repeated row": (
        edit_text(CLAIMANT_CSV, duplicate_line(10, renumbered=False)),
        CLAIMANT_SOURCE,
        "RECORD_OFFSET 9 where 10 was expected",
    ),
    "duplicated rows": (
        edit_text(APS_CSV, duplicate_line(10, renumbered=True)),
        APS_SOURCE,
        "duplicated rows for ['S92000003', '2019-12', '83', '21001']",
    ),
    "unknown area code": (
        edit(CLAIMANT_CSV, ",S12000005,", ",S12000099,", count=-1),
        CLAIMANT_SOURCE,
        "unknown area code 'S12000099' ('Clackmannanshire'",
    ),
    "area missing": (
        edit_text(CLAIMANT_CSV, lambda t: drop_rows(t, lambda line: ",S12000027," in line)),
        CLAIMANT_SOURCE,
        "no rows for 1 areas: ['S12000027']",
    ),
    "period missing for one area": (
        edit_text(
            APS_CSV,
            lambda t: drop_rows(
                t, lambda line: line.startswith("2020-12") and ",S12000023," in line
            ),
        ),
        APS_SOURCE,
        "expected rows are missing, e.g. ['S12000023', '2020-12', '111', '20599']",
    ),
    "wrong geography type": (
        edit(CLAIMANT_CSV, "(as of April 2023),424,", "(as of April 2021),423,", count=-1),
        CLAIMANT_SOURCE,
        "came back with geography type 423",
    ),
    "no council-area type offered": (
        edit_text(
            "nomis_aps_geography.json",
            lambda t: without_codes(
                t, {"local authorities: district / unitary (as of April 2023)"}
            ),
        ),
        APS_SOURCE,
        "offers no 'local authorities: district / unitary (as of …)' type for Scotland",
    ),
    "unknown status": (
        edit(APS_CSV, ",74.8,A,Normal Value,", ",74.8,Z,Estimate withdrawn,"),
        APS_SOURCE,
        "OBS_STATUS 'Z' ('Estimate withdrawn'), which is not a status this refresh knows",
    ),
    "unknown status on an empty cell": (
        edit(APS_CSV, ",,Q,These figures are missing.,", ",,Z,Under review,"),
        APS_SOURCE,
        "OBS_STATUS 'Z' ('Under review'), which is not a status this refresh knows",
    ),
    "a number under a withholding status": (
        edit(APS_CSV, ",74.8,A,Normal Value,", ",74.8,Q,These figures are missing.,"),
        APS_SOURCE,
        "which says the figure is withheld",
    ),
    "relabelled measure": (
        edit(CLAIMANT_CSV, ",1,Claimant count,", ",1,Claimant count (experimental),"),
        CLAIMANT_SOURCE,
        "MEASURE 1 is labelled 'Claimant count (experimental)' in the data",
    ),
    "relabelled variable": (
        edit(
            "nomis_aps_variable.json",
            '"value": "Unemployment rate - aged 16-24"',
            '"value": "Unemployment rate - aged 16-24 (excluding students)"',
        ),
        APS_SOURCE,
        "variable 1213 is labelled 'Unemployment rate - aged 16-24 (excluding students)'",
    ),
    "required age band missing": (
        edit(AGE_JSON, '"value": "Aged 16-24"', '"value": "Aged 16-25"'),
        CLAIMANT_SOURCE,
        "the age codelist has no code labelled like",
    ),
    "ambiguous age band": (
        edit(AGE_JSON, '"value": "Aged 25-49"', '"value": "Aged 16 to 24"'),
        CLAIMANT_SOURCE,
        "the age codelist has several codes matching",
    ),
    "duplicated SPARQL rows": (
        edit_text(SGS_CSV, duplicate_line(5, renumbered=False)),
        SGS_SOURCE,
        "duplicated rows for S12000008 2021",
    ),
    "SPARQL columns changed": (
        edit(SGS_CSV, "periodEnd,value", "periodEnd,ratio"),
        SGS_SOURCE,
        "SPARQL results have columns ['area', 'period', 'periodLabel', 'periodEnd', 'ratio']",
    ),
    "periods that cannot be placed": (
        edit_text(
            SGS_CSV,
            lambda t: (
                "\r\n".join(
                    ",".join([*row[:2], "", "", row[4]] if row[0] != "area" else row)
                    for row in csv.reader(t.splitlines())
                )
                + "\r\n"
            ),
        ),
        SGS_SOURCE,
        "has neither a label naming its months nor an end date",
    ),
    "no release date": (
        edit("sgs_modified.csv", "2024-04-16T00:00:00Z\r\n", ""),
        SGS_SOURCE,
        "has dcterms:modified [], expected one date",
    ),
    "ArcGIS error": (
        edit_text("arcgis.geojson", lambda _: '{"error": {"code": 400, "message": "Invalid"}}'),
        BOUNDARIES,
        "returned an error: {'code': 400, 'message': 'Invalid'}",
    ),
    "council boundary missing": (
        edit_text("arcgis.geojson", without_feature("S12000027")),
        BOUNDARIES,
        "missing: S12000027 (Shetland Islands)",
    ),
    "boundaries in the wrong spatial reference": (
        edit_text("arcgis.geojson", in_metres),
        BOUNDARIES,
        "outside Scotland in WGS84",
    ),
}


def source_rows(snapshot_observations: pd.DataFrame, source_id: str) -> pd.DataFrame:
    rows = snapshot_observations[snapshot_observations["source_id"] == source_id]
    return rows.sort_values(["indicator_id", "area_code", "period"]).reset_index(drop=True)


def fetch_one(source_id: str, settings: Settings) -> None:
    """Fetch and check one source on its own, as the refresh does."""
    with HttpClient(settings, sleep=lambda _: None) as client:
        if source_id == BOUNDARIES:
            fetch_boundaries(client, settings, today=TODAY)
        else:
            dict(SOURCES)[source_id](client, settings, today=TODAY)


@pytest.mark.parametrize("case", list(FAILURES))
def test_a_broken_response_stops_its_source_naming_the_problem(
    case: str, services: FakeServices, settings: Settings
) -> None:
    change, source_id, problem = FAILURES[case]
    change(services)
    if case == "timeout":
        settings = replace(settings, read_timeout=0.3)
    with pytest.raises(LiveSourceError) as caught:
        fetch_one(source_id, settings)
    assert caught.value.source_id == source_id
    assert str(caught.value).startswith(f"{source_id}: ")
    assert problem in str(caught.value)


# One broken source of each kind, end to end: named, kept, and the others still published.
ONE_PER_SOURCE = [
    "HTML instead of CSV",
    "unknown status",
    "SPARQL columns changed",
    "council boundary missing",
]


@pytest.mark.parametrize("case", ONE_PER_SOURCE)
def test_a_failing_source_keeps_its_rows_and_the_others_are_still_published(
    case: str, services: FakeServices, settings: Settings, store: Path
) -> None:
    change, source_id, problem = FAILURES[case]
    change(services)
    before = load_freshest_snapshot(store)
    result = run(settings, store)
    # The broken source is named, with its problem, and kept from the release in use.
    assert [o.source_id for o in result.kept] == [source_id]
    outcome = result.kept[0]
    assert problem in (outcome.reason or "")
    kept_release = next(
        (r.release_id for r in before.snapshot.manifest.releases if r.source_id == source_id),
        f"{BOUNDARIES}@{TODAY.isoformat()}",
    )
    assert outcome.release_id == kept_release
    assert outcome.words == f"kept from release {kept_release}, because {outcome.reason}"
    assert {o.source_id for o in result.outcomes if o.outcome == "refreshed"} == (
        {s for s, _ in SOURCES} | {BOUNDARIES}
    ) - {source_id}
    # The others are published; the broken one's rows (or boundaries) are the old ones.
    after = load_freshest_snapshot(store)
    assert result.version is not None and after.version == result.version != before.version
    assert after.snapshot.manifest.refresh_outcomes == result.outcomes
    old, new = before.snapshot.observations, after.snapshot.observations
    pd.testing.assert_frame_equal(source_rows(new, source_id), source_rows(old, source_id))
    assert before.boundaries_path is not None and after.boundaries_path is not None
    assert after.boundaries_path.read_bytes() == before.boundaries_path.read_bytes()
    if source_id != CLAIMANT_SOURCE:  # the monthly claimant count still lands
        claimant = new[new["indicator_id"] == "youth_claimant_count_monthly"]
        assert "March 2022" in set(claimant["period_label"])


def test_nothing_is_published_when_no_source_can_be_refreshed(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    for path in (CLAIMANT_DATA, APS_DATA, SPARQL, ARCGIS):
        services.fault(path, html(), always=True)
    before = tree_bytes(store)
    with pytest.raises(RefreshError) as caught:
        run(settings, store)
    message = str(caught.value)
    assert message.startswith("no source could be refreshed, so nothing was published")
    for source_id in (CLAIMANT_SOURCE, APS_SOURCE, SGS_SOURCE, BOUNDARIES):
        assert f"\n{source_id}: " in message
    assert tree_bytes(store) == before


def test_a_failing_source_with_no_earlier_release_is_named_and_left_out(
    services: FakeServices, settings: Settings, tmp_path: Path
) -> None:
    # A first refresh (nothing published yet) where statistics.gov.scot is down: the others
    # are published, and the model-based series falls back to the embedded ONS figures.
    services.fault(SPARQL, status(500), always=True)
    result = run(settings, tmp_path / "store")
    assert [o.source_id for o in result.kept] == [SGS_SOURCE]
    assert result.kept[0].release_id is None
    assert result.kept[0].words.endswith("there was no earlier release to keep")
    assert SGS_SOURCE not in set(result.frame["source_id"])
    assert set(
        result.frame.loc[result.frame["indicator_id"] == "unemployment_rate", "source_id"]
    ) == {"ons_modelled_unemployment"}


def test_a_failed_source_does_not_leave_its_responses_in_the_cache(
    services: FakeServices, settings: Settings, store: Path
) -> None:
    services.fault(ARCGIS, html(), always=True)
    first = run(settings, store)
    assert [o.source_id for o in first.kept] == [BOUNDARIES]
    services.faults.clear()
    second = run(settings, store)
    assert second.kept == ()
    # The HTML body was evicted, so the second run asked the server again.
    assert len(services.calls(ARCGIS)) == 2


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
    captured = capsys.readouterr()
    out = captured.out
    assert "Published snapshot " in out
    assert "- claimant_count_monthly: new periods April 2021," in out
    assert "nomis_aps: 594 figures" in out  # 3 years x 33 areas x 6 variables
    assert "nomis_claimant_count_monthly: refreshed at 20" in out
    assert "Some sources were not refreshed" not in captured.err


def test_the_command_exits_3_naming_each_kept_source_with_its_reason(
    environment: FakeServices, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.fault(APS_DATA, html(), always=True)
    assert main(["--dest", str(store)]) == KEPT_STATUS == 3
    captured = capsys.readouterr()
    assert "Published snapshot " in captured.out
    assert captured.err.endswith(
        "Some sources were not refreshed:\n"
        f"nomis_aps: kept from release nomis_aps@{TODAY.isoformat()}, because NOMIS NM_17_5: "
        "page at offset 0 came back as HTML, not CSV\n"
    )


def test_the_command_exits_1_when_nothing_could_be_published(
    environment: FakeServices, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (CLAIMANT_DATA, APS_DATA, SPARQL, ARCGIS):
        environment.fault(path, html(), always=True)
    before = tree_bytes(store)
    assert main(["--dest", str(store)]) == 1
    err = capsys.readouterr().err
    assert (
        "Refresh failed; the existing snapshot is unchanged.\n"
        "no source could be refreshed, so nothing was published:\nnomis_claimant_count_monthly: "
    ) in err
    assert tree_bytes(store) == before
