"""The shared HTTP layer: retries and backoff, Retry-After, timeouts, cache and User-Agent."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from werkzeug import Request, Response

from data_sources.live.http import HttpClient, LiveSourceError, redact_url, retry_after_seconds
from data_sources.live.settings import USER_AGENT, Settings
from tests.data_sources.live.conftest import FakeServices, closed_port, make_settings

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
    import time

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
