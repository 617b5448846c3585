"""Hostile and broken answers for the refresh fault matrix, served by the local stand-in.

`FaultServer` is the usual local server (127.0.0.1 only, see conftest.py) with one fault
applied to every request it matches: a server that drips a byte at a time, one that never
answers, bodies far over the size limit, a gzip bomb, responses of the wrong shape, CSV
fields past the csv module's limit. Every fault hits every source, so no source can be
published whether the refresh is all-or-nothing or source by source. Slow answers wait on
`stop`, so the server's threads end as soon as a test is over.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable, Iterator

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.data_sources.live.conftest import ARCGIS, SPARQL, FakeServices

Fault = Callable[[Request], Response | None]  # None: answer normally

GIANT_FIELD_BYTES = 200 * 1024  # the csv module refuses fields over 128 KiB
HUGE_BODY_BYTES = 64 * 1024 * 1024
BOMB_INFLATED_BYTES = 1024 * 1024 * 1024


class FaultServer(FakeServices):
    """The local services with `fault` answering every request it returns a response for."""

    def __init__(self, server: HTTPServer, fault: Fault) -> None:
        self.fault_for = fault
        super().__init__(server)

    def handle(self, request: Request) -> Response:
        answer = self.fault_for(request)
        if answer is not None:
            self.requests.append((request.path, dict(request.args)))
            return answer
        return super().handle(request)


def drip(stop: threading.Event, *, every: float = 0.2) -> Fault:
    """A 200 whose body arrives one byte every `every` seconds, forever (until `stop`)."""

    def body() -> Iterator[bytes]:
        while not stop.wait(every):
            yield b"x"

    return lambda _: Response(body(), content_type="text/csv")


def silence(stop: threading.Event) -> Fault:
    """Accepts the request and never answers (until `stop`)."""

    def answer(_: Request) -> Response:
        stop.wait(60)
        return Response("too late", content_type="text/plain")

    return answer


def slow(seconds: float) -> Fault:
    """Answers normally, but only after `seconds` (within any per-request deadline)."""

    def answer(_: Request) -> None:
        threading.Event().wait(seconds)
        return None

    return answer


def huge(total: int = HUGE_BODY_BYTES) -> Fault:
    """A 200 streaming `total` bytes of CSV-looking rows, chunked (no Content-Length)."""
    line = b"2021-03,March 2021,2092957701,Scotland,S92000003,countries,499,1,100,A\n"
    chunk = line * (64 * 1024 // len(line))

    def body() -> Iterator[bytes]:
        sent = 0
        while sent < total:
            yield chunk
            sent += len(chunk)

    return lambda _: Response(body(), content_type="text/csv")


def _bomb(inflated: int) -> bytes:
    """Concatenated gzip members of zeros: about 1 KB on the wire per MiB inflated."""
    member = gzip.compress(bytes(1024 * 1024), compresslevel=9)
    return member * (inflated // (1024 * 1024))


def gzip_bomb(inflated: int = BOMB_INFLATED_BYTES) -> Fault:
    """A small gzip-encoded 200 that inflates to `inflated` bytes."""
    body = _bomb(inflated)
    return lambda _: Response(
        body, content_type="text/csv", headers={"Content-Encoding": "gzip"}, direct_passthrough=True
    )


def _json(document: object, content_type: str = "application/json") -> Response:
    return Response(json.dumps(document), content_type=content_type)


def bad_shapes(request: Request) -> Response:
    """Valid JSON where objects are expected: codelist entries, ArcGIS features, SPARQL rows."""
    if request.path.endswith(".def.sdmx.json"):
        codelist = [["0", "All categories: Age 16+"]]  # a list where the codelist object goes
        return _json({"structure": {"codelists": {"codelist": codelist}}})
    if request.path == ARCGIS:
        return _json({"type": "FeatureCollection", "features": ["S12000033", 7, None]})
    if request.path == SPARQL:
        return Response(json.dumps([["area", "value"]]), content_type="text/csv")
    return _json(["not", "an", "object"])


def giant_field(services: FakeServices) -> Fault:
    """Every table with one field of 200 KB: NOMIS pages and SPARQL CSV (a csv.Error), the
    ArcGIS features (an area code no council has)."""
    giant = "x" * GIANT_FIELD_BYTES

    def answer(request: Request) -> Response | None:
        if request.path == SPARQL:
            query = request.args.get("query", "")
            name = "sgs_modified.csv" if "dcterms:modified" in query else "sgs_unemployment.csv"
            header = services.files[name].splitlines()[0]
            row = f'"{giant}"' + "," * header.count(",")
            return Response(f"{header}\r\n{row}\r\n", content_type="text/csv")
        if request.path == ARCGIS:
            document = json.loads(services.files["arcgis.geojson"])
            document["features"][0]["properties"]["LAD24CD"] = giant
            return _json(document, "application/geo+json")
        if request.path.endswith(".data.csv"):
            header = services.files["nomis_claimant.csv"].splitlines()[0]
            return Response(f'{header}\n"{giant}"\n', content_type="text/csv")
        return None  # codelists answer normally, so the data pages are reached

    return answer
