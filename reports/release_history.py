"""The releases traced back from the snapshot in use, for feeds, digests and the server's feed
routes: loaded once per snapshot and shared (a refresh publishing a new version is picked up on
the next call, because the key is the snapshot's checksum)."""

from __future__ import annotations

import threading
from pathlib import Path

from data_sources.store import (
    RELEASES_DIR,
    default_data_dir,
    release_history,
)
from indicators.catalogue import Catalogue, load_current_catalogue
from indicators.release_news import Release, release_chain

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], list[Release]] = {}


def _store_state(data_dir: Path | None) -> str:
    """Which store, and which deltas it holds: a new release (or another store) is a new key."""
    root = data_dir if data_dir is not None else default_data_dir()
    try:
        names = sorted(p.name for p in (root / RELEASES_DIR).iterdir())
    except OSError:
        names = []
    return f"{root}|{','.join(names)}"


def releases_for(catalogue: Catalogue, data_dir: Path | None = None) -> list[Release]:
    """Newest first; cached per snapshot checksum and store state."""
    key = (catalogue.manifest.observations_sha256, _store_state(data_dir))
    with _LOCK:
        if key not in _CACHE:
            _CACHE.clear()  # one snapshot is in use at a time
            _CACHE[key] = release_chain(catalogue, release_history(data_dir))
        return _CACHE[key]


def current_releases(data_dir: Path | None = None) -> list[Release]:
    return releases_for(load_current_catalogue(data_dir), data_dir)
