"""The shared HTTP layer: retries and backoff, Retry-After, timeouts, cache and User-Agent."""

from __future__ import annotations

import csv
import gzip
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from werkzeug import Request, Response

from data_sources.live.http import (
    HttpClient,
    LiveSourceError,
    error_kind,
    redact_url,
    retry_after_seconds,
)
from data_sources.live.settings import USER_AGENT, Settings
from tests.data_sources.live.conftest import FakeServices, closed_port, make_settings
from tests.data_sources.live.fault_server import drip, gzip_bomb, huge, silence

PATH = "/sgs/sparql.csv"
OK_BODY = "modified\r\n2024-04-16T00:00:00Z\r\n"


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(settings: Settings) -> tuple[HttpClient, Sleeps]:
    sleeps = Sleeps()
    return HttpClient(settings, sleep=sleeps), sleeps


def fetch(http: HttpClient, services: FakeServices):  # noqa: ANN201
    return http.get(
        "test_source",
        services.url(PATH),
        {"query": "SELECT ?modified { ?d dcterms:modified ?modified }"},
    )


def answer(code: int, headers: dict[str, str] | None = None):  # noqa: ANN201
    return lambda _: Response("busy", status=code, headers=headers or {})


def test_429_waits_exactly_as_long_as_retry_after_asks(
    services: FakeServices, settings: Settings
) -> None:
    services.fault(PATH, answer(429, {"Retry-After": "1"}))
    http, sleeps = client(settings)
    assert fetch(http, services).text() == OK_BODY
    assert sleeps == [1.0]
    assert len(services.calls(PATH)) == 2


def test_without_retry_after_the_wait_doubles(services: FakeServices, settings: Settings) -> None:
    services.fault(PATH, answer(503))
    services.fault(PATH, answer(502))
    http, sleeps = client(settings)
    assert fetch(http, services).text() == OK_BODY
    assert sleeps == [0.01, 0.02]


def test_a_retry_after_beyond_the_maximum_wait_stops_at_once(
    services: FakeServices, settings: Settings
) -> None:
    services.fault(PATH, answer(429, {"Retry-After": "120"}), always=True)
    http, sleeps = client(settings)
    with pytest.raises(LiveSourceError, match="asks to retry after 120 s, more than the maximum"):
        fetch(http, services)
    assert sleeps == []
    assert len(services.calls(PATH)) == 1


def test_persistent_504_gives_up_after_the_configured_retries(
    services: FakeServices, settings: Settings
) -> None:
    services.fault(PATH, answer(504), always=True)
    http, sleeps = client(replace(settings, max_retries=3))
    with pytest.raises(
        LiveSourceError, match=r"^test_source: HTTP 504 .* gave up after 4 attempts"
    ):
        fetch(http, services)
    assert sleeps == [0.01, 0.02, 0.04]


def test_a_server_error_that_is_not_transient_is_not_retried(
    services: FakeServices, settings: Settings
) -> None:
    services.fault(PATH, answer(500), always=True)
    http, sleeps = client(settings)
    with pytest.raises(LiveSourceError, match="HTTP 500"):
        fetch(http, services)
    assert sleeps == [] and len(services.calls(PATH)) == 1


def test_connection_errors_are_retried_then_reported(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/x"
    settings = Settings(
        cache_dir=tmp_path,
        max_retries=2,
        backoff_base_seconds=0.01,
        connect_timeout=0.5,
    )
    http, sleeps = client(settings)
    with pytest.raises(LiveSourceError, match=f"could not connect fetching {url}"):
        http.get("test_source", url)
    assert sleeps == [0.01, 0.02]


def test_a_read_timeout_is_retried_then_reported(
    services: FakeServices, settings: Settings
) -> None:
    def slow(_: Request) -> Response:
        time.sleep(0.6)
        return Response(OK_BODY)

    services.fault(PATH, slow, always=True)
    http, sleeps = client(replace(settings, read_timeout=0.2, max_retries=1))
    with pytest.raises(LiveSourceError, match="timed out fetching .* gave up after 2 attempts"):
        fetch(http, services)
    assert sleeps == [0.01]


def test_responses_are_cached_on_disk_with_a_time_to_live(
    services: FakeServices, settings: Settings
) -> None:
    http, _ = client(replace(settings, cache_ttl_seconds=3600))
    first, second = fetch(http, services), fetch(http, services)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.content == first.content
    assert len(services.calls(PATH)) == 1
    assert http.session.settings.expire_after == 3600  # type: ignore[attr-defined]
    assert list(settings.cache_dir.glob("http_cache.sqlite"))
    # A new client (a later run) reads the same cache from disk.
    again, _ = client(replace(settings, cache_ttl_seconds=3600))
    assert fetch(again, services).from_cache
    again.forget_fetched()
    assert not fetch(again, services).from_cache


def test_errors_are_not_cached(services: FakeServices, settings: Settings) -> None:
    services.fault(PATH, answer(500))
    http, _ = client(settings)
    with pytest.raises(LiveSourceError):
        fetch(http, services)
    assert fetch(http, services).from_cache is False


def test_the_cache_can_be_turned_off(services: FakeServices, tmp_path: Path) -> None:
    http, _ = client(make_settings(services, tmp_path / "cache", use_cache=False))
    fetch(http, services)
    fetch(http, services)
    assert len(services.calls(PATH)) == 2
    assert not (tmp_path / "cache").exists()


def test_a_descriptive_user_agent_is_sent(services: FakeServices, settings: Settings) -> None:
    seen: list[str] = []

    def record(request: Request) -> Response:
        seen.append(request.headers.get("User-Agent", ""))
        return Response(OK_BODY)

    services.fault(PATH, record)
    http, _ = client(settings)
    fetch(http, services)
    assert seen == [USER_AGENT]
    assert seen[0].startswith("nolb-dashboard/")


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("7", now) == 7.0
    assert retry_after_seconds("Sun, 22 Nov 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Sun, 22 Nov 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_redact_url_hides_the_key_and_keeps_the_rest() -> None:
    url = "https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?date=latest&uid=0xABC&age=0"
    assert redact_url(url) == (
        "https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?date=latest&uid=REDACTED&age=0"
    )
    assert redact_url("https://example.org/x") == "https://example.org/x"


# --- deadlines, budgets, size limits and cache eviction (issue 11, items 5-8) --------------------


@pytest.fixture
def stop() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()


def test_a_server_dripping_a_byte_at_a_time_is_cut_off_at_the_deadline(
    services: FakeServices, settings: Settings, stop: threading.Event
) -> None:
    services.fault(PATH, drip(stop, every=0.05), always=True)
    http, _ = client(replace(settings, request_deadline_seconds=0.5, read_timeout=5.0))
    started = time.monotonic()
    with pytest.raises(LiveSourceError, match=r"^test_source: no complete response from .* 0\.5 s"):
        fetch(http, services)
    assert time.monotonic() - started < 3.0
    assert len(services.calls(PATH)) == 1  # running out of time is not retried


def test_a_silent_server_costs_the_deadline_not_the_read_timeout_times_the_retries(
    services: FakeServices, settings: Settings, stop: threading.Event
) -> None:
    services.fault(PATH, silence(stop), always=True)
    http, _ = client(replace(settings, request_deadline_seconds=0.5, read_timeout=30.0))
    started = time.monotonic()
    with pytest.raises(LiveSourceError, match="within 0.5 s .NOLB_REQUEST_DEADLINE_SECONDS."):
        fetch(http, services)
    assert time.monotonic() - started < 3.0


def test_the_refresh_budget_cuts_a_request_in_flight_and_refuses_later_ones(
    services: FakeServices, settings: Settings, stop: threading.Event
) -> None:
    services.fault(PATH, silence(stop), always=True)
    budget = replace(settings, refresh_budget_seconds=0.5, request_deadline_seconds=30.0)
    http, _ = client(budget)
    started = time.monotonic()
    with pytest.raises(
        LiveSourceError,
        match=r"^test_source: the refresh ran out of its time budget of 0.5 s "
        r"\(NOLB_REFRESH_BUDGET_SECONDS\) while fetching",
    ):
        fetch(http, services)
    assert time.monotonic() - started < 3.0
    with pytest.raises(LiveSourceError, match=r"^later_source: the refresh ran out of its time"):
        http.get("later_source", services.url(PATH))
    assert len(services.calls(PATH)) == 1  # the later request was never sent


def test_the_budget_runs_from_when_the_client_was_made(
    services: FakeServices, settings: Settings
) -> None:
    now = [100.0]
    http = HttpClient(replace(settings, refresh_budget_seconds=60.0), clock=lambda: now[0])
    fetch(http, services)
    now[0] += 61.0
    with pytest.raises(LiveSourceError, match="ran out of its time budget of 60 s"):
        http.get("test_source", services.url(PATH), {"query": "another"})
    assert len(services.calls(PATH)) == 1


@pytest.mark.parametrize(
    "responder",
    [
        lambda: huge(8 * 1024 * 1024),
        lambda: gzip_bomb(256 * 1024 * 1024),
        lambda: lambda _: Response(b"x" * (2 * 1024 * 1024)),  # declared Content-Length
    ],
    ids=["chunked", "gzip bomb", "content-length"],
)
def test_bodies_over_the_size_limit_stop_with_the_source_named_and_are_not_cached(
    services: FakeServices, settings: Settings, responder
) -> None:
    services.fault(PATH, responder(), always=True)
    http, _ = client(replace(settings, max_response_bytes=1024 * 1024))
    with pytest.raises(
        LiveSourceError,
        match=r"^test_source: the response from .* is larger than the limit of 1,048,576 bytes",
    ):
        fetch(http, services)
    services.faults.clear()
    assert fetch(http, services).from_cache is False


def test_a_gzip_body_within_the_limit_is_decoded(
    services: FakeServices, settings: Settings
) -> None:
    body = gzip.compress(OK_BODY.encode())
    services.fault(PATH, lambda _: Response(body, headers={"Content-Encoding": "gzip"}))
    http, _ = client(settings)
    assert fetch(http, services).text() == OK_BODY


def test_a_cached_body_over_a_lowered_limit_is_refused(
    services: FakeServices, settings: Settings
) -> None:
    http, _ = client(settings)
    fetch(http, services)
    smaller, _ = client(replace(settings, max_response_bytes=len(OK_BODY) - 1))
    with pytest.raises(LiveSourceError, match="larger than the limit"):
        fetch(smaller, services)


@pytest.mark.parametrize(
    "error",
    [
        csv.Error("field larger than field limit (131072)"),
        AttributeError("'list' object has no attribute 'get'"),
        sqlite3.DataError("string or blob too big"),
    ],
    ids=["csv.Error", "AttributeError", "sqlite3.DataError"],
)
def test_any_failure_of_a_source_evicts_what_it_fetched_and_names_it(
    services: FakeServices, settings: Settings, error: Exception
) -> None:
    http, _ = client(settings)
    with pytest.raises(LiveSourceError) as caught, http.source("test_source"):
        fetch(http, services)
        raise error
    assert (
        str(caught.value)
        == f"test_source: unexpected {error_kind(error)} while reading it: {error}"
    )
    # The source recovered: the next run fetches afresh instead of failing from the cache.
    again, _ = client(settings)
    assert fetch(again, services).from_cache is False
    assert len(services.calls(PATH)) == 2


def test_other_sources_keep_their_cached_responses_when_one_fails(
    services: FakeServices, settings: Settings
) -> None:
    http, _ = client(settings)
    with http.source("good_source"):
        http.get("good_source", services.url("/sgs/sparql.csv"), {"query": "good"})
    with pytest.raises(LiveSourceError), http.source("test_source"):
        fetch(http, services)
        raise ValueError("bad")
    again, _ = client(settings)
    assert again.get("good_source", services.url("/sgs/sparql.csv"), {"query": "good"}).from_cache
    assert fetch(again, services).from_cache is False


def test_an_error_of_the_cache_itself_names_the_source(
    services: FakeServices, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    http, _ = client(settings)

    def full(*_: object, **__: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(http.session.cache, "save_response", full)  # type: ignore[attr-defined]
    with pytest.raises(
        LiveSourceError,
        match=r"^test_source: the response cache failed on .*OperationalError: database or disk",
    ):
        fetch(http, services)


def test_the_limits_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "NOLB_REQUEST_DEADLINE_SECONDS": "2.5",
            "NOLB_REFRESH_BUDGET_SECONDS": "60",
            "NOLB_MAX_RESPONSE_BYTES": "1048576",
        }
    )
    assert settings.request_deadline_seconds == 2.5
    assert settings.refresh_budget_seconds == 60.0
    assert settings.max_response_bytes == 1048576
    for name, value in (
        ("NOLB_REQUEST_DEADLINE_SECONDS", "0"),
        ("NOLB_REFRESH_BUDGET_SECONDS", "forever"),
        ("NOLB_MAX_RESPONSE_BYTES", "2000000000"),
        ("NOLB_MAX_RESPONSE_BYTES", "1.5"),
    ):
        with pytest.raises(ValueError, match=name):
            Settings.from_env({name: value})


def test_error_kinds_are_named_so_a_reader_can_look_them_up() -> None:
    assert error_kind(csv.Error("x")) == "_csv.Error"
    assert error_kind(sqlite3.DataError("x")) == "sqlite3.DataError"
    assert error_kind(KeyError("x")) == "KeyError"
