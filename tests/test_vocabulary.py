"""One vocabulary per layer: the words for every code are written once, and every code has words.

A status's label lives beside `Status` (data_sources/schema.py, which the export reads), a
unit's words on `Unit` (metadata/registry.py), and the words for judgements, changes, target
tracks, directions, frequencies and geographies in indicators/glossary.py. An AST walk (no
imports run) fails on any other module that writes its own table from such codes to words, so
one status cannot read "OK" on one page and "Published" on another. PUDL's metadata/labels.py
(one module, one documented list each) is the model.
"""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

import pytest

from data_sources.schema import STATUS_LABELS, Status, status_label
from indicators import glossary
from indicators.progress import TrackStatus
from indicators.ranking import RANK_HEADING
from indicators.significance import Judgement
from metadata.registry import (
    Comparison,
    DeliveryStatus,
    DeliveryUnit,
    Frequency,
    Geography,
    Polarity,
    Unit,
)

ROOT = Path(__file__).resolve().parent.parent
# The only modules that may map codes to words.
OWNERS = {"data_sources/schema.py", "metadata/registry.py", "indicators/glossary.py"}
# Styling keyed by codes (colours, marker shapes), which is not words for them.
STYLING = {"ui/theme.py"}
VOCABULARIES: dict[str, type[StrEnum]] = {
    "Status": Status,
    "Judgement": Judgement,
    "TrackStatus": TrackStatus,
    "Unit": Unit,
    "Polarity": Polarity,
    "Frequency": Frequency,
    "Geography": Geography,
    "Comparison": Comparison,  # a target's "at most" / "at least"
    "DeliveryStatus": DeliveryStatus,
    "DeliveryUnit": DeliveryUnit,
}
PRODUCT_CODE = ("geo", "metadata", "data_sources", "indicators", "reports", "ui", "pages")


def product_files() -> list[Path]:
    files = [p for package in PRODUCT_CODE for p in sorted((ROOT / package).rglob("*.py"))]
    return files + [ROOT / "app.py", ROOT / "serve.py"]


def _code_of(key: ast.expr | None) -> tuple[str, str] | None:
    """(vocabulary, code) for a key such as `Status.OK` or "not_available", else None."""
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name):
        enum = VOCABULARIES.get(key.value.id)
        if enum is not None and key.attr in enum.__members__:
            return key.value.id, enum[key.attr].value
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        for name, enum in VOCABULARIES.items():
            if key.value in {member.value for member in enum}:
                return name, key.value
    return None


def _is_words(value: ast.expr) -> bool:
    return isinstance(value, ast.JoinedStr) or (
        isinstance(value, ast.Constant) and isinstance(value.value, str)
    )


def word_tables(source: str) -> list[int]:
    """Lines of dict literals mapping two or more codes to words."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Dict) or len(node.keys) < 2:
            continue
        if all(_code_of(key) is not None for key in node.keys) and all(
            _is_words(value) for value in node.values
        ):
            found.append(node.lineno)
    return found


def test_the_detector_finds_a_word_table_and_ignores_other_tables() -> None:
    assert word_tables('WORDS = {"ok": "OK", "suppressed": "Withheld"}') == [1]
    assert word_tables('W = {Judgement.BETTER: "Better", Judgement.WORSE: f"Worse {x}"}') == [1]
    # Colours keyed by codes, and words keyed by other things, are not word tables.
    assert word_tables('C = {"better": theme.BETTER, "worse": theme.WORSE}') == []
    assert word_tables('L = {"map": "Map", "tiles": "Equal-area tiles"}') == []


def test_no_module_outside_the_owners_writes_its_own_words_for_codes() -> None:
    offenders = []
    for path in product_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in OWNERS | STYLING:
            continue
        offenders += [f"{relative}:{line}" for line in word_tables(path.read_text("utf-8"))]
    assert offenders == []


@pytest.mark.parametrize(
    ("words", "codes"),
    [
        (STATUS_LABELS, Status),
        (glossary.JUDGEMENT_WORDS, Judgement),
        (glossary.JUDGEMENT_AGAINST, Judgement),
        (glossary.CHANGE_WORDS, Judgement),
        (glossary.CHANGE_NOUNS, Judgement),
        (glossary.TRACK_STATUS_WORDS, TrackStatus),
        (glossary.POLARITY_WORDS, Polarity),
        (glossary.FREQUENCY_WORDS, Frequency),
        (glossary.GEOGRAPHY_WORDS, Geography),
        (glossary.TARGET_COMPARISON_WORDS, Comparison),
    ],
)
def test_every_code_has_its_own_words(words: dict[StrEnum, str], codes: type[StrEnum]) -> None:
    assert set(words) == set(codes)
    assert all(w.strip() for w in words.values())
    assert len(set(words.values())) == len(words)  # no two codes read the same


def test_every_unit_has_a_label_and_a_description() -> None:
    for unit in Unit:
        assert unit.label and unit.description


def test_a_status_reads_the_same_on_every_surface() -> None:
    # About (the explanations), the grids (status_words) and the downloads (status_label).
    for status in Status:
        assert glossary.STATUS_EXPLANATIONS[status].label == STATUS_LABELS[status]
        assert glossary.status_words(status.value) == status_label(status.value)


def test_the_rank_heading_is_named_once() -> None:
    places = []
    for path in product_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value == RANK_HEADING:
                places.append(path.relative_to(ROOT).as_posix())
    assert places == ["indicators/ranking.py"]
