"""The PDF, opened with pypdf: tagged (PDF/UA-1), en-GB, titled, alt text, real text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from reports.document import Briefing


@pytest.fixture(scope="module")
def pdf(glasgow_pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(glasgow_pdf))


def text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def elements(node: Any) -> Iterator[DictionaryObject]:
    """Every structure element under a node of the structure tree, depth first."""
    node = node.get_object()
    kids = node.get("/K") if isinstance(node, DictionaryObject) else node
    if kids is None:
        return
    if not isinstance(kids, list):
        kids = [kids]
    for kid in kids:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from elements(kid)


def test_the_pdf_is_tagged_with_language_and_title(pdf: PdfReader) -> None:
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/Lang"] == "en-GB"
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Glasgow City: labour market briefing"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    xmp = pdf.xmp_metadata
    assert xmp is not None and b"pdfuaid" in xmp.stream.get_data()


def test_headings_tables_and_figures_are_in_the_structure_tree(
    pdf: PdfReader, glasgow: Briefing
) -> None:
    tags = [str(e["/S"]) for e in elements(pdf.trailer["/Root"]["/StructTreeRoot"])]
    assert tags.count("/H1") == 1
    assert tags.count("/H2") == 7
    assert tags.count("/Table") >= 4 and "/TH" in tags
    figures = [e for e in elements(pdf.trailer["/Root"]["/StructTreeRoot"]) if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == [f.alt for f in glasgow.figures()]


def test_real_text_with_the_snapshot_figures_and_scotland(pdf: PdfReader) -> None:
    assert 2 <= len(pdf.pages) <= 4
    content = text(pdf)
    assert "Glasgow City: labour market briefing" in content
    # ONS Explore local statistics, claimant rate 2025: Glasgow City 4.6%, Scotland 3.0%.
    assert "Claimant rate 2025 4.6% 3.0% 32 of 32 Worse" in content
    assert "Made 1 December 2026." in content


def test_a_suppressed_figure_reads_as_suppressed(shetland_pdf: bytes) -> None:
    content = text(PdfReader(io.BytesIO(shetland_pdf)))
    assert "Suppressed" in content
    flat = " ".join(content.split())
    assert "24) 2022 Suppressed 57.9% Not ranked No comparison" in flat
