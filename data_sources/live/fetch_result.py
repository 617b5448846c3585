"""What one live source yielded, and the provenance of each response it read.

Every live client returns a `LiveFetch`, so the refresh treats all sources alike.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from data_sources.live.http import Fetched
from data_sources.provenance import InputFile
from data_sources.records import Record


@dataclass(frozen=True)
class LiveFetch:
    """What one live source yielded: records, release date, the responses read, and notes."""

    source_id: str
    records: list[Record]
    published: str
    files: tuple[InputFile, ...]
    notes: tuple[str, ...] = ()
    unavailable: frozenset[str] = field(default_factory=frozenset)


def input_file(fetched: Fetched) -> InputFile:
    """Provenance of one response: its URL (key redacted), SHA-256 and size."""
    return InputFile(
        path=fetched.url,
        sha256=hashlib.sha256(fetched.content).hexdigest(),
        bytes=len(fetched.content),
    )
