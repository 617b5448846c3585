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


def use_app_navigation() -> None:
    """Make a deep link opened first on a fresh server go through app.py's navigation.

    Streamlit (1.67, as pinned) decides once per process, from whether a `pages/` folder sits
    beside app.py, to run pages the old multipage way until `st.navigation` has been called; a
    shared link such as /map opened first would run that page on its own, without app.py's
    navigation, layout or footer. Streamlit offers no setting for this (its maintainers noted the
    pages-folder-plus-st.navigation case in streamlit#10276), and `pages/` stays, so the one
    private switch is flipped here and the same URL is rerun.
    tests/ui/test_first_deep_link.py fails if an upgrade renames the switch or stops honouring it.
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
    use_app_navigation()
    return _load_catalogue(_store_pointer())
