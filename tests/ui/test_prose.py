"""Page prose kept as Markdown: every passage a section asks for exists and is filled in."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO_ROOT
from ui.prose import PROSE_DIR, prose

SECTIONS = sorted((REPO_ROOT / "ui" / "sections").glob("*.py"))


def _asked_for() -> set[str]:
    names: set[str] = set()
    for module in SECTIONS:
        names |= set(re.findall(r'prose\(\s*"([a-z_]+)"', module.read_text(encoding="utf-8")))
    return names


def test_every_passage_asked_for_exists_and_every_file_is_used() -> None:
    files = {path.stem for path in PROSE_DIR.glob("*.md")}
    assert _asked_for() == files


def test_fields_are_filled_in() -> None:
    text = prose("about_geography", areas=32)
    assert text.startswith("Figures are for Scotland and its 32 council areas,")
    assert "{" not in text


def test_a_missing_field_fails_loudly() -> None:
    with pytest.raises(KeyError):
        prose("about_geography", wrong=1)
