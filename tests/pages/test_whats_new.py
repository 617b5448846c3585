"""The What's new page: the latest release's changes, filters from the URL, plain refusals."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.release_store import GLASGOW, TwoReleases, publish_two_releases

PAGE = "pages/whats_new.py"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TwoReleases:
    return publish_two_releases(tmp_path_factory.mktemp("store"))


@pytest.fixture
def in_store(store: TwoReleases, monkeypatch: pytest.MonkeyPatch) -> Iterator[TwoReleases]:
    monkeypatch.setenv("NOLB_DATA_DIR", str(store.root))
    st.cache_resource.clear()
    yield store
    st.cache_resource.clear()


def text_of(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown)


def test_latest_release_lists_its_changes_with_links(
    in_store: TwoReleases, open_page: Callable[..., AppTest]
) -> None:
    app = open_page(PAGE)
    headings = [h.value for h in app.subheader]
    assert any(in_store.second in h for h in headings)
    assert not any(in_store.first in h for h in headings)  # only the latest without ?since=
    text = text_of(app)
    assert "**Figures revised.** Claimant rate \\(yearly average\\), Glasgow City" in text
    assert f"[Open](/trends?indicator=claimant_rate&areas={GLASGOW})" in text
    assert "**New figures.** Employment rate \\(16 to 64\\)" in text


def test_since_lists_every_release_from_that_date(
    in_store: TwoReleases, open_page: Callable[..., AppTest]
) -> None:
    app = open_page(PAGE, since="2026-01-01")
    headings = " ".join(h.value for h in app.subheader)
    assert in_store.second in headings and in_store.first in headings


def test_area_filter_keeps_only_that_areas_changes(
    in_store: TwoReleases, open_page: Callable[..., AppTest]
) -> None:
    app = open_page(PAGE, area="S12000023")  # Orkney: no revision there
    text = text_of(app)
    assert "Figures revised" not in text
    assert "New figures" in text
    assert "[Feed for Orkney Islands](/feeds/orkney-islands.atom)" in text


def test_partnership_and_indicator_filters(
    in_store: TwoReleases, open_page: Callable[..., AppTest]
) -> None:
    app = open_page(PAGE, partnership="glasgow-city-region", indicator="claimant_rate")
    text = text_of(app)
    assert "Figures revised" in text and "New figures" not in text
    assert app.selectbox[1].value == "Glasgow City Region"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2099-01-01"}, "The link's date is in the future"),
        ({"since": "yesterday"}, "not a date written YYYY-MM-DD"),
        ({"since": "²"}, "not a date written YYYY-MM-DD"),
        ({"area": "[x](https://evil.example)"}, "The link's area is not recognised"),
        ({"indicator": "# OFFICIAL"}, "The link's indicator is not recognised"),
    ],
)
def test_bad_links_get_one_plain_message_and_no_echo(
    in_store: TwoReleases, open_page: Callable[..., AppTest], params: dict[str, str], message: str
) -> None:
    app = open_page(PAGE, **params)
    infos = [i.value for i in app.info]
    assert len([i for i in infos if message in i]) == 1
    for value in params.values():
        assert all(value not in i for i in infos)


def test_the_embedded_snapshot_alone_shows_its_build_against_the_one_before(
    tmp_path, monkeypatch: pytest.MonkeyPatch, open_page: Callable[..., AppTest]
) -> None:
    monkeypatch.setenv("NOLB_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    try:
        app = open_page(PAGE, area="S92000003", indicator="participation_16_19")
        assert "**Figures revised.** Participation of 16 to 19 year olds, Scotland" in text_of(app)
        # The embedded snapshot's release is dated 2026-01-20: nothing since June.
        app = open_page(PAGE, since="2026-06-01")
        assert [i.value for i in app.info] == ["No release since 1 June 2026."]
    finally:
        st.cache_resource.clear()


def test_area_profile_offers_the_areas_feed(open_page: Callable[..., AppTest]) -> None:
    app = open_page("pages/area.py", area=GLASGOW)
    text = text_of(app)
    assert "[Subscribe to Glasgow City's updates](/feeds/glasgow-city.atom)" in text
