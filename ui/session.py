"""The pages' one data interface: a catalogue built once per server process and shared."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from data_sources.store import (
    current_pointer,
    default_data_dir,
    store_check_seconds,
)
from indicators.catalogue import Catalogue, load_current_catalogue


def _use_app_navigation() -> None:
    """Make a deep link opened first on a fresh server go through app.py's navigation.

    Streamlit treats a top-level `pages/` folder as an old-style multipage app until app.py has
    run once, so a shared link such as /map would run the page on its own, without app.py's
    navigation, layout or footer. We switch to app.py's navigation and rerun the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner=False, ttl=store_check_seconds())
def _store_pointer() -> str:
    """What the store's CURRENT says, looked at once per check interval
    (NOLB_STORE_CHECK_SECONDS, default 60 s) by the whole process: one short file read."""
    return current_pointer(default_data_dir())


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_catalogue(store_pointer: str) -> Catalogue:  # noqa: ARG001 (the cache key)
    """The freshest sound snapshot: a refreshed one in the user data directory (NOLB_DATA_DIR)
    if present and valid, else the embedded one. Loaded again only when the store's CURRENT
    pointer changes (`store_pointer` is the cache key), never on the network: a refresh
    publishes atomically, and readers load one complete version."""
    return load_current_catalogue()


def catalogue() -> Catalogue:
    """Registry + snapshot, validated once per process and shared read-only by every session."""
    _use_app_navigation()
    return _load_catalogue(_store_pointer())
