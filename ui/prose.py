"""Long passages of page text, kept as Markdown files in ui/sections/prose/ beside the
sections that show them, so wording can be edited without reading code."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

PROSE_DIR: Final = Path(__file__).resolve().parent / "sections" / "prose"


@cache
def _read(name: str) -> str:
    return (PROSE_DIR / f"{name}.md").read_text(encoding="utf-8").strip()


def prose(name: str, **fields: object) -> str:
    """The Markdown passage `name` (a file name without .md), with any `{field}` filled in.

    Fields are the dashboard's own values (counts, names from the registry), never anything a
    visitor typed."""
    text = _read(name)
    return text.format(**fields) if fields else text
