"""The committed real snapshot, loaded once per test module."""

from __future__ import annotations

import pytest

from data_sources.snapshot import load_snapshot
from indicators.catalogue import Catalogue
from metadata.registry import load_registry


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())
