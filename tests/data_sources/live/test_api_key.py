"""The NOMIS API key goes to NOMIS as `uid` and nowhere else: not cache, logs, files or errors."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from data_sources.live.refresh import RefreshError, refresh
from data_sources.live.settings import Settings
from tests.data_sources.live.conftest import (
    API_KEY,
    APS_DATA,
    ARCGIS,
    CLAIMANT_DATA,
    SPARQL,
    TODAY,
    FakeServices,
    closed_port,
    status,
)

FORMS = (API_KEY, API_KEY.lower(), quote(API_KEY), API_KEY[2:])


def client_log(caplog: pytest.LogCaptureFixture) -> str:
    """Everything the client side logged (the stand-in server's own access log is NOMIS's)."""
    return "\n".join(r.getMessage() for r in caplog.records if r.name != "werkzeug")


def files_containing_key(root: Path) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(form.encode() in data for form in FORMS):
                hits.append(str(path))
    return hits


def test_the_key_is_sent_to_nomis_only_and_never_stored_or_logged(
    services: FakeServices,
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    keyed = replace(settings, nomis_api_key=API_KEY)
    caplog.set_level(logging.DEBUG)
    result = refresh(keyed, tmp_path / "store", today=TODAY)
    nomis_calls = [args for path, args in services.requests if path.startswith("/nomis/")]
    assert nomis_calls and all(args.get("uid") == API_KEY for args in nomis_calls)
    others = services.calls(SPARQL) + services.calls(ARCGIS)
    assert others and all("uid" not in args for args in others)
    # With a key NOMIS allows 100,000 rows a call; the fixture pages at 1,000 either way.
    assert len(services.calls(CLAIMANT_DATA)) == 8
    assert files_containing_key(keyed.cache_dir) == []
    assert files_containing_key(tmp_path / "store") == []
    assert not any(form in client_log(caplog) for form in FORMS)
    assert "uid=REDACTED" in client_log(caplog)
    manifest_paths = [f.path for r in result.manifest.releases for f in r.files]
    assert any("uid=REDACTED" in path for path in manifest_paths)
    assert API_KEY not in repr(keyed)


def test_the_key_never_appears_in_error_messages(
    services: FakeServices, settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keyed = replace(settings, nomis_api_key=API_KEY)
    services.fault(APS_DATA, status(503), always=True)
    caplog.set_level(logging.DEBUG)
    result = refresh(keyed, tmp_path / "store", today=TODAY, sleep=lambda _: None)
    # The APS source failed and was named with its problem; the reason quotes the URL redacted.
    (kept,) = result.kept
    assert kept.source_id == "nomis_aps"
    message = kept.reason or ""
    assert "gave up after 3 attempts" in message and "uid=REDACTED" in message
    assert not any(form in message for form in FORMS)
    assert not any(form in client_log(caplog) for form in FORMS)
    assert files_containing_key(keyed.cache_dir) == []
    assert files_containing_key(tmp_path / "store") == []  # the manifest records the reason


def test_the_key_never_appears_when_the_connection_fails(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{closed_port()}"
    keyed = Settings(
        nomis_api_url=f"{closed}/api/v01",
        statistics_gov_scot_url=closed,
        ons_geography_url=closed,
        nomis_api_key=API_KEY,
        cache_dir=tmp_path / "cache",
        max_retries=0,
        connect_timeout=0.5,
    )
    with pytest.raises(RefreshError) as caught:
        refresh(keyed, tmp_path / "store", today=TODAY)
    assert "\nnomis_claimant_count_monthly: could not connect" in str(caught.value)
    assert not any(form in str(caught.value) for form in FORMS)
    assert not (tmp_path / "store").exists()


def test_the_key_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOMIS_API_KEY", f" {API_KEY} ")
    monkeypatch.setenv("NOMIS_API_URL", "http://127.0.0.1:1/api/v01/")
    settings = Settings.from_env()
    assert settings.nomis_api_key == API_KEY
    assert settings.nomis_api_url == "http://127.0.0.1:1/api/v01"
    assert settings.page_size == 100_000
    assert Settings().page_size == 25_000
