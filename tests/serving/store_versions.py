"""Valid refreshed store versions made from the embedded snapshot, told apart by a marker.

The figures are the embedded snapshot's own (real, with their provenance); only the manifest's
kind ("live", as a refresh writes) and the releases' retrieval date change, and that date is what
the footer shows ("sources retrieved up to ..."), so a page says which version it was built on.
"""

from __future__ import annotations

import json
from pathlib import Path

from data_sources.snapshot import EMBEDDED_SNAPSHOT_DIR
from data_sources.store import publish


def version_files(retrieved: str) -> dict[str, bytes]:
    manifest = json.loads((EMBEDDED_SNAPSHOT_DIR / "manifest.json").read_text(encoding="utf-8"))
    manifest["kind"] = "live"
    for release in manifest["releases"]:
        release["retrieved"] = retrieved
    observations = (EMBEDDED_SNAPSHOT_DIR / "observations.csv").read_bytes()
    return {
        "observations.csv": observations,
        "manifest.json": (json.dumps(manifest, indent=2) + "\n").encode("utf-8"),
        "CHANGES.md": f"Test version retrieved {retrieved}.\n".encode(),
        # Big enough that a torn read would show: a reader must get all of one version.
        "downloads/observations.csv": observations + f"# version {retrieved}\n".encode(),
        "downloads/README.txt": f"Figures retrieved {retrieved}.\n".encode(),
    }


def publish_version(store: Path, retrieved: str) -> str:
    return publish(store, version_files(retrieved))
