"""The digest for mailing lists: plain words with figures, sources and a link; clear refusals."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from indicators.catalogue import load_current_catalogue
from reports import digest
from reports.release_history import current_releases
from reports.subscriptions import scope_for
from tests.release_store import GLASGOW, TwoReleases, publish_two_releases


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TwoReleases:
    return publish_two_releases(tmp_path_factory.mktemp("store"))


def test_text_digest_has_the_figures_sources_and_link(store: TwoReleases) -> None:
    catalogue = load_current_catalogue(store.root)
    releases = current_releases(store.root)
    text = digest.digest_text(
        scope_for(GLASGOW), releases, catalogue, date(2026, 1, 1), base_url="https://d.example"
    )
    assert text.startswith("What's new for Glasgow City since 1 January 2026")
    assert f"revised from {store.first_value}% to {store.published_value}%" in text
    assert f"https://d.example/trends?indicator=claimant_rate&areas={GLASGOW}" in text
    assert "Sources" in text and "Office for National Statistics" in text
    assert "95% confidence intervals" in text
    assert "https://d.example/feeds/glasgow-city.atom" in text


def test_html_digest_escapes_and_declares_its_language(store: TwoReleases) -> None:
    catalogue = load_current_catalogue(store.root)
    releases = current_releases(store.root)
    page = digest.digest_html(
        scope_for(GLASGOW), releases, catalogue, date(2026, 1, 1), base_url="https://d.example"
    )
    assert '<html lang="en-GB">' in page
    assert "<h1>What&#x27;s new for Glasgow City since 1 January 2026</h1>" in page
    assert "&amp;areas=" in page


def test_an_empty_range_says_no_release_since_then(store: TwoReleases) -> None:
    catalogue = load_current_catalogue(store.root)
    after = date.today() + timedelta(days=1)  # both test releases were published today
    text = digest.digest_text(
        scope_for(GLASGOW), current_releases(store.root), catalogue, after,
        base_url="https://d.example",
    )  # fmt: skip
    assert f"No release since {after:%-d %B %Y} changed the figures for Glasgow City." in text


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("2099-01-01", "--since is in the future"),
        ("last week", "--since must be a date written YYYY-MM-DD"),
        ("2026-13-01", "--since must be a date written YYYY-MM-DD"),
    ],
)
def test_bad_dates_get_a_clear_message(
    since: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert digest.main(["--area", GLASGOW, "--since", since]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_unknown_area_gets_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert digest.main(["--area", "S12999999", "--since", "2026-01-01"]) == 2
    assert "not a known area" in capsys.readouterr().err


def test_all_writes_one_file_per_place(
    store: TwoReleases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOLB_DATA_DIR", str(store.root))
    out = tmp_path / "digests"
    code = digest.main(
        ["--area", "all", "--since", "2026-01-01", "--format", "html", "--out", str(out)]
    )
    assert code == 0
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 41
    assert "nolb-digest_glasgow-city_since-2026-01-01.html" in files


def test_all_without_a_directory_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert digest.main(["--area", "all", "--since", "2026-01-01"]) == 2
    assert "--out DIR" in capsys.readouterr().err
