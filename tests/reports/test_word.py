"""The Word file, opened with python-docx: real headings, header rows, alt text, a title."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from reports.document import Briefing


@pytest.fixture(scope="module")
def document(glasgow_docx: bytes) -> DocxDocument:
    return Document(io.BytesIO(glasgow_docx))


def headings(document: DocxDocument) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")
    ]


def test_the_document_has_a_title_and_language(document: DocxDocument) -> None:
    assert document.core_properties.title == "Glasgow City: labour market briefing"
    assert document.core_properties.language == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_headings_use_word_styles_in_order(document: DocxDocument) -> None:
    found = headings(document)
    assert found[0] == ("Title", "Glasgow City: labour market briefing")
    level_one = [text for style, text in found if style == "Heading 1"]
    assert level_one == [
        "Key messages",
        "Headline figures",
        "Progress to targets",
        "No One Left Behind delivery",
        "Trends",
        "Sources, definitions and caveats",
        "Appendix: the data behind the charts",
    ]
    assert ("Heading 2", "Disability employment gap: at least halve it by 2038") in found
    assert ("Heading 2", "How to cite") in found


def test_every_image_has_alt_text(document: DocxDocument, glasgow: Briefing) -> None:
    shapes = document.inline_shapes
    assert len(shapes) == len(glasgow.figures()) == 4
    described = [shape._inline.docPr.get("descr") for shape in shapes]
    assert described == [f.alt for f in glasgow.figures()]
    assert all(d and len(d) > 40 for d in described)


def test_tables_have_repeating_header_rows(document: DocxDocument) -> None:
    assert len(document.tables) >= 4
    for table in document.tables:
        first = table.rows[0]._tr
        header = first.trPr.find(qn("w:tblHeader")) if first.trPr is not None else None
        assert header is not None and header.get(qn("w:val")) == "true"


def test_the_headline_table_holds_glasgows_claimant_rate_and_scotlands(
    document: DocxDocument,
) -> None:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Measure")
    header = [c.text for c in table.rows[0].cells]
    assert header[2] == "Glasgow City (95% interval)"
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    # ONS Explore local statistics, claimant rate 2025: Glasgow City 4.6%, Scotland 3.0%.
    assert rows["Claimant rate"][1:6] == ["2025", "4.6%", "3.0%", "32 of 32", "Worse"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Glasgow City is worse than Scotland on: claimant rate (4.6% against 3.0%, 2025)" in text
