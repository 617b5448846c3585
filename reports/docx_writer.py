"""A briefing as an editable Word file: real heading styles, header rows, alt text, a title.

Officials paste briefings into their own templates, so everything uses Word's built-in styles
(Title, Heading 1-3, List Number, List Bullet, Caption) rather than direct formatting.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.table import Table as DocxTable

from reports.charts import render, size_inches
from reports.document import (
    Briefing,
    Bullets,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Table,
)

BODY_PT = 10
SMALL_PT = 8
TABLE_PT = 8


def _repeat_header(table: DocxTable) -> None:
    """Mark the first row as a header row, repeated on each page (w:tblHeader)."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _add_table(document: DocxDocument, block: Table) -> None:
    document.add_paragraph(block.caption, style="Caption")
    table = document.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(SMALL_PT if block.small else TABLE_PT)
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = size
    _repeat_header(table)
    for values in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = size


def _add_figure(document: DocxDocument, block: Figure, number: int) -> None:
    width, _ = size_inches(block.chart)
    document.add_picture(io.BytesIO(render(block.chart, "png")), width=Inches(width))
    # python-docx has no alt-text API: the picture's wp:docPr carries it (descr and title).
    inline = document.inline_shapes[-1]._inline
    properties = inline.docPr
    properties.set("descr", block.alt)
    properties.set("title", block.caption.split(". ")[0])
    properties.set("name", f"Figure {number}")
    document.add_paragraph(block.caption, style="Caption")


def _set_language(document: DocxDocument, language: str) -> None:
    """The proofing language of the document's default run style, so Word spell-checks and
    screen readers speak it as British English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run_properties = defaults.find(qn("w:rPrDefault"))
    if run_properties is None:
        run_properties = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_properties)
    properties = run_properties.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_properties.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def to_docx(briefing: Briefing) -> bytes:
    """The Word file's bytes."""
    document = Document()
    core = document.core_properties
    core.title = briefing.title
    core.subject = briefing.subject
    core.author = "No One Left Behind labour-market dashboard"
    core.language = "en-GB"
    core.keywords = f"labour market; {briefing.area_name}; {briefing.area_code}"
    core.comments = f"Snapshot {briefing.snapshot_version}"
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(BODY_PT)
    _set_language(document, "en-GB")
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(0.8)
    section.top_margin = section.bottom_margin = Inches(0.7)
    figures = 0
    for block in briefing.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                document.add_heading(block.text, level=0)  # the Title style
            else:
                document.add_heading(block.text, level=block.level - 1)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            if block.small:
                for run in paragraph.runs:
                    run.font.size = Pt(SMALL_PT + 1)
        elif isinstance(block, Bullets):
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                paragraph = document.add_paragraph(item, style=style)
                if block.small:
                    for run in paragraph.runs:
                        run.font.size = Pt(SMALL_PT)
        elif isinstance(block, Notes):
            for term, text in block.items:
                paragraph = document.add_paragraph()
                lead = paragraph.add_run(f"{term}. ")
                lead.bold = True
                rest = paragraph.add_run(text)
                for run in (lead, rest):
                    run.font.size = Pt(SMALL_PT)
        elif isinstance(block, Table):
            _add_table(document, block)
        elif isinstance(block, Figure):
            figures += 1
            _add_figure(document, block, figures)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
