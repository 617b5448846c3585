"""One catalogue and one build of each briefing per test session: building takes seconds."""

from __future__ import annotations

from datetime import date

import pytest

from data_sources.snapshot import load_snapshot
from indicators.catalogue import Catalogue
from metadata.registry import load_registry
from reports.content import build_briefing
from reports.document import Briefing
from reports.docx_writer import to_docx
from reports.pdf_writer import to_pdf

GLASGOW = "S12000049"
SHETLAND = "S12000027"
SCOTLAND = "S92000003"
MADE = date(2026, 12, 1)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


@pytest.fixture(scope="session")
def glasgow(catalogue: Catalogue) -> Briefing:
    return build_briefing(catalogue, GLASGOW, made=MADE)


@pytest.fixture(scope="session")
def shetland(catalogue: Catalogue) -> Briefing:
    return build_briefing(catalogue, SHETLAND, made=MADE)


@pytest.fixture(scope="session")
def scotland(catalogue: Catalogue) -> Briefing:
    return build_briefing(catalogue, SCOTLAND, made=MADE)


@pytest.fixture(scope="session")
def glasgow_docx(glasgow: Briefing) -> bytes:
    return to_docx(glasgow)


@pytest.fixture(scope="session")
def glasgow_pdf(glasgow: Briefing) -> bytes:
    return to_pdf(glasgow)


@pytest.fixture(scope="session")
def shetland_pdf(shetland: Briefing) -> bytes:
    return to_pdf(shetland)
