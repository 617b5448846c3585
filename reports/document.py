"""A briefing as plain blocks (headings, paragraphs, tables, charts), so Word and PDF say the same.

The content is decided once (`reports.content`); each writer only lays the blocks out in its
format. Nothing here knows a file format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from reports.charts import Chart


@dataclass(frozen=True)
class Heading:
    text: str
    level: Literal[1, 2, 3]


@dataclass(frozen=True)
class Paragraph:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False
    small: bool = False


@dataclass(frozen=True)
class Notes:
    """Short notes, each led by its term in bold (definitions and caveats of each measure)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with one header row; `caption` says what it holds (read before the table)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    small: bool = False


@dataclass(frozen=True)
class Figure:
    """A chart with its text alternative and a caption that points to its data table."""

    chart: Chart
    alt: str
    caption: str


Block = Heading | Paragraph | Bullets | Notes | Table | Figure


@dataclass(frozen=True)
class Briefing:
    """Everything one briefing says, in reading order, with what the files' metadata need."""

    title: str
    area_code: str
    area_name: str
    made: date
    snapshot_version: str
    subject: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def figures(self) -> Sequence[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]
