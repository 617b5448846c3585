"""python -m reports.briefing: one file, or all 33 with descriptive names and a progress bar."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from indicators.catalogue import Catalogue
from reports import briefing
from tests.reports.conftest import MADE


def test_one_area_to_a_word_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scotland.docx"
    assert briefing.main(["--area", "S92000003", "--out", str(out)]) == 0
    document = Document(str(out))
    assert document.core_properties.title == "Scotland: labour market briefing"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "At least halve the disability employment gap by 2038" in text
    assert f"Wrote {out}" in capsys.readouterr().err


def test_an_unknown_area_is_a_clear_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert briefing.main(["--area", "S99999999", "--out", str(out)]) == 2
    assert "is not the code of a Scottish council area or of Scotland" in capsys.readouterr().err
    assert not out.exists()


def test_a_file_without_a_format_asks_for_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert briefing.main(["--area", "S12000049", "--out", "briefing.txt"]) == 2
    assert "--format docx or --format pdf" in capsys.readouterr().err


def test_all_areas_writes_33_named_files_with_a_progress_bar(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []

    def fake_build(catalogue: Catalogue, code: str, fmt: str, *, made: date) -> bytes:
        built.append(code)
        return f"{code} {fmt} {made}".encode()

    # The 33 real builds are timed by `make bench`; here only the loop, names and bar.
    monkeypatch.setattr(briefing, "briefing_bytes", fake_build)
    stream = io.StringIO()
    written = briefing.write_all(catalogue, tmp_path, "pdf", made=MADE, stream=stream)
    assert len(written) == len(built) == 33
    assert built[0] == "S92000003"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 33
    assert "nolb-briefing_glasgow-city_snapshot-2026-01-20.pdf" in names
    assert "nolb-briefing_scotland_snapshot-2026-01-20.pdf" in names
    assert "nolb-briefing_na-h-eileanan-siar_snapshot-2026-01-20.pdf" in names
    assert (tmp_path / "nolb-briefing_glasgow-city_snapshot-2026-01-20.pdf").read_bytes() == (
        b"S12000049 pdf 2026-12-01"
    )
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[#---") and " 1/33 nolb-briefing_scotland_" in lines[0]
    assert lines[-1].startswith("[" + "#" * 30 + "] 33/33 ")
