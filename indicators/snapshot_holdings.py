"""What the snapshot in use holds, in words: the periods and figures of each indicator, and the
short fingerprints and period spans of its releases (the About page's tables and lists)."""

from __future__ import annotations

from collections import Counter

from data_sources.provenance import SnapshotManifest
from indicators.catalogue import Catalogue
from indicators.glossary import status_words


def periods_held(catalogue: Catalogue, indicator_id: str) -> str:
    """'2004 to 2025', one period's label, or 'none in this snapshot'."""
    periods = catalogue.periods(indicator_id)
    if not periods:
        return "none in this snapshot"
    if len(periods) == 1:
        return periods[0].label
    return f"{periods[0].label} to {periods[-1].label}"


def figures_held(catalogue: Catalogue, indicator_id: str) -> str:
    """How many figures of each status, most common first ('1,024 OK, 12 suppressed'), or ''."""
    counts = Counter(catalogue.observations(indicator_id)["status"])
    return ", ".join(f"{n:,} {status_words(s).lower()}" for s, n in counts.most_common())


def short_fingerprint(sha256: str) -> str:
    """The first 12 hex digits of a SHA-256 fingerprint, enough to tell files apart by eye."""
    return f"{sha256[:12]}…"


def period_span(first: str, last: str) -> str:
    """'2019 to 2024', or the one period when a release gives only one."""
    return first if first == last else f"{first} to {last}"


def snapshot_kind(manifest: SnapshotManifest) -> str:
    """'embedded snapshot' (built into the dashboard) or 'refreshed snapshot' (fetched live)."""
    return "embedded snapshot" if manifest.kind == "embedded" else "refreshed snapshot"
