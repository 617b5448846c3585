"""A local stand-in for NOMIS, statistics.gov.scot and the ONS FeatureServer, on 127.0.0.1.

Each test gets its own pytest-httpserver instance serving the fixtures in tests/fixtures/live
(real values in the publishers' formats; see tests/fixtures/FIXTURES.md). NOMIS data pages are
cut from the full response by RecordOffset/RecordLimit, as NOMIS does. Tests change what is
served through `FakeServices.files` (the response texts) and `FakeServices.fault` (responses
served instead of the normal one, once or always). Nothing here reaches the internet.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from data_sources.live.refresh import refresh
from data_sources.live.settings import Settings
from geo.council_areas import REFERENCE_DIR

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "live"
TODAY = date(2026, 11, 22)
SERVICE = "Local_Authority_Districts_May_2024_Boundaries_UK_BUC"
API_KEY = "0xDEADBEEFC0FFEE1234567890"

Responder = Callable[[Request], Response]

ROUTES = {
    "/nomis/dataset/NM_162_1/time.def.sdmx.json": "nomis_claimant_time.json",
    "/nomis/dataset/NM_162_1/age.def.sdmx.json": "nomis_claimant_age.json",
    "/nomis/dataset/NM_162_1/gender.def.sdmx.json": "nomis_claimant_gender.json",
    "/nomis/dataset/NM_162_1/geography/2092957701.def.sdmx.json": "nomis_claimant_geography.json",
    "/nomis/dataset/NM_162_1.data.csv": "nomis_claimant.csv",
    "/nomis/dataset/NM_17_5/time.def.sdmx.json": "nomis_aps_time.json",
    "/nomis/dataset/NM_17_5/variable.def.sdmx.json": "nomis_aps_variable.json",
    "/nomis/dataset/NM_17_5/geography/2092957701.def.sdmx.json": "nomis_aps_geography.json",
    "/nomis/dataset/NM_17_5.data.csv": "nomis_aps.csv",
}
CLAIMANT_DATA = "/nomis/dataset/NM_162_1.data.csv"
APS_DATA = "/nomis/dataset/NM_17_5.data.csv"
SPARQL = "/sgs/sparql.csv"
ARCGIS = f"/arcgis/{SERVICE}/FeatureServer/0/query"


def arcgis_geojson() -> str:
    """The FeatureServer's answer, made from the committed (real, ONS-derived) boundaries."""
    committed = json.loads((REFERENCE_DIR / "council_areas.geojson").read_text(encoding="utf-8"))
    features = [
        {
            "type": "Feature",
            "id": index + 1,
            "geometry": feature["geometry"],
            "properties": {
                "LAD24CD": feature["properties"]["area_code"],
                "LAD24NM": feature["properties"]["area_name"],
            },
        }
        for index, feature in enumerate(committed["features"])
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


ARCGIS_TEXT = arcgis_geojson()


def renumber(csv_text: str) -> str:
    """Rewrite RECORD_OFFSET and RECORD_COUNT so an edited NOMIS response is self-consistent."""
    lines = csv_text.splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line]
    out = [header]
    for offset, line in enumerate(rows):
        fields = line.rsplit(",", 2)[0]
        out.append(f"{fields},{offset},{len(rows)}")
    return "\n".join(out) + "\n"


class FakeServices:
    """Routes, fixture texts and injectable faults for one local server."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.files: dict[str, str] = {
            name: (FIXTURES / name).read_bytes().decode("utf-8")
            for name in {*ROUTES.values(), "sgs_unemployment.csv", "sgs_modified.csv"}
        }
        self.files["arcgis.geojson"] = ARCGIS_TEXT
        self.faults: dict[str, list[tuple[Responder, bool]]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.restart_offsets = False
        server.expect_request(re.compile(r".*")).respond_with_handler(self.handle)

    def url(self, prefix: str) -> str:
        return self.server.url_for(prefix)

    def fault(self, path: str, responder: Responder, *, always: bool = False) -> None:
        """Serve `responder` instead of the normal response for `path` (once, or always)."""
        self.faults.setdefault(path, []).append((responder, always))

    def calls(self, path: str) -> list[dict[str, str]]:
        return [args for seen, args in self.requests if seen == path]

    def handle(self, request: Request) -> Response:
        path = request.path
        self.requests.append((path, dict(request.args)))
        queue = self.faults.get(path)
        if queue:
            responder, always = queue[0]
            if not always:
                queue.pop(0)
            return responder(request)
        if path in (CLAIMANT_DATA, APS_DATA):
            return self.page(self.files[ROUTES[path]], request)
        if path in ROUTES:
            return Response(self.files[ROUTES[path]], content_type="application/json")
        if path == SPARQL:
            query = request.args.get("query", "")
            name = "sgs_modified.csv" if "dcterms:modified" in query else "sgs_unemployment.csv"
            return Response(self.files[name], content_type="text/csv; charset=utf-8")
        if path == ARCGIS:
            return Response(self.files["arcgis.geojson"], content_type="application/geo+json")
        return Response("not found", status=404)

    def page(self, text: str, request: Request) -> Response:
        """One page of the response, cut by RecordOffset/RecordLimit. With `restart_offsets`
        each page's RECORD_OFFSET counts from 0 again (NOMIS's convention is not established)."""
        lines = text.splitlines(keepends=True)
        offset = int(request.args.get("RecordOffset", "0"))
        limit = int(request.args.get("RecordLimit", "25000"))
        rows = lines[1 + offset : 1 + offset + limit]
        if self.restart_offsets:
            rows = [
                f"{line.rsplit(',', 2)[0]},{index},{line.rsplit(',', 2)[2]}"
                for index, line in enumerate(rows)
            ]
        return Response("".join([lines[0], *rows]), content_type="text/csv")


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released): connections fail."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def html(status: int = 200) -> Responder:
    return lambda _: Response(
        "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>",
        status=status,
        content_type="text/html",
    )


def status(code: int, headers: dict[str, str] | None = None) -> Responder:
    return lambda _: Response("error", status=code, headers=headers or {})


def _local_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


@pytest.fixture(scope="session")
def live_server() -> Iterator[HTTPServer]:
    """One threaded local server for the session (stopping a server costs half a second)."""
    yield from _local_server()


@pytest.fixture(scope="session")
def second_server() -> Iterator[HTTPServer]:
    """Another local server, for tests that need two differently behaving sets of services."""
    yield from _local_server()


@pytest.fixture
def services(live_server: HTTPServer) -> Iterator[FakeServices]:
    live_server.clear()
    yield FakeServices(live_server)
    live_server.clear()


def make_settings(services: FakeServices, cache_dir: Path, **overrides: Any) -> Settings:
    settings = Settings(
        nomis_api_url=services.url("/nomis"),
        statistics_gov_scot_url=services.url("/sgs"),
        ons_geography_url=services.url("/arcgis"),
        ons_boundary_service=SERVICE,
        cache_dir=cache_dir,
        connect_timeout=2.0,
        read_timeout=5.0,
        max_retries=2,
        backoff_base_seconds=0.01,
        max_wait_seconds=1.0,
        claimant_first_month="2021-03",
        aps_first_year=2019,
        nomis_page_size=1000,
    )
    return replace(settings, **overrides)


@pytest.fixture
def settings(services: FakeServices, tmp_path: Path) -> Settings:
    return make_settings(services, tmp_path / "cache")


@pytest.fixture(scope="session")
def published_template(live_server: HTTPServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one successful refresh of the services as they stood a while ago (see
    `as_last_published`), made once and copied per test, so that a refresh of the full fixtures
    has something new from every source."""
    live_server.clear()
    services = FakeServices(live_server)
    as_last_published(services)
    root = tmp_path_factory.mktemp("template")
    try:
        refresh(make_settings(services, root / "cache"), root / "store", today=TODAY)
    finally:
        live_server.clear()
    return root / "store"


@pytest.fixture
def store(published_template: Path, tmp_path: Path) -> Path:
    """A copy of the published store for one test to refresh into (or fail to)."""
    destination = tmp_path / "store"
    shutil.copytree(published_template, destination)
    return destination


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` by relative path, for byte-for-byte comparisons."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def drop_rows(csv_text: str, predicate: Callable[[str], bool]) -> str:
    """The NOMIS response without the rows `predicate` picks, renumbered to stay consistent."""
    lines = csv_text.splitlines()
    kept = [lines[0], *(line for line in lines[1:] if line and not predicate(line))]
    return renumber("\n".join(kept) + "\n")


def _codes(document: dict[str, Any]) -> dict[str, Any]:
    """The one codelist of a codelist document (given as a list or as the object itself)."""
    codelists = document["structure"]["codelists"]["codelist"]
    return codelists[0] if isinstance(codelists, list) else codelists


def without_codes(codelist_text: str, labels: set[str]) -> str:
    """A codelist document without the codes whose labels are in `labels`."""
    document = json.loads(codelist_text)
    codelist = _codes(document)
    codelist["code"] = [c for c in codelist["code"] if c["description"]["value"] not in labels]
    return json.dumps(document)


def codes_until(codelist_text: str, last: str) -> str:
    """A time codelist ending at code `last`, as it stood before later periods were published."""
    document = json.loads(codelist_text)
    codelist = _codes(document)
    codelist["code"] = [c for c in codelist["code"] if str(c["value"]) <= last]
    return json.dumps(document)


def first_month_only(services: FakeServices) -> None:
    """Serve the claimant count as if March 2021 were the latest month published."""
    services.files["nomis_claimant_time.json"] = codes_until(
        services.files["nomis_claimant_time.json"], "2021-03"
    )
    services.files["nomis_claimant.csv"] = drop_rows(
        services.files["nomis_claimant.csv"], lambda line: not line.startswith("2021-03,")
    )


def as_last_published(services: FakeServices) -> None:
    """Serve every source as it stood before its latest release: the claimant count to March
    2021, the APS to January-December 2020, the model-based estimates to 2021."""
    first_month_only(services)
    services.files["nomis_aps_time.json"] = codes_until(
        services.files["nomis_aps_time.json"], "2020-12"
    )
    services.files["nomis_aps.csv"] = drop_rows(
        services.files["nomis_aps.csv"], lambda line: line.startswith("2021-12,")
    )
    lines = services.files["sgs_unemployment.csv"].splitlines()
    services.files["sgs_unemployment.csv"] = (
        "\r\n".join([line for line in lines if "/quarter/2022-" not in line]) + "\r\n"
    )
