"""The embedded snapshot's catalogue, shared by the domain tests (it is read-only)."""

from __future__ import annotations

import pytest

from data_sources.snapshot import load_snapshot
from indicators.catalogue import Catalogue
from metadata.registry import load_registry


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())
