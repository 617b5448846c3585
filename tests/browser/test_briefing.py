"""A user opens an area's profile and downloads its briefing as a tagged PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from tests.browser.conftest import wait_until_settled

pytestmark = pytest.mark.browser


def test_download_the_glasgow_briefing_from_the_area_profile(page: Page, server_url: str) -> None:
    page.goto(server_url + "/area?area=S12000049")
    wait_until_settled(page)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Briefing (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "nolb-briefing_glasgow-city_snapshot-2026-01-20.pdf"
    reader = PdfReader(Path(download.path()))
    assert reader.metadata is not None
    assert reader.metadata.title == "Glasgow City: labour market briefing"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    # ONS Explore local statistics: Glasgow City's claimant rate was 4.6% in 2025 (Scotland 3.0%).
    assert "Claimant rate 2025 4.6% 3.0% 32 of 32 Worse" in text
