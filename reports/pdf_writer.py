"""A briefing as a tagged PDF (PDF/UA-1) through HTML and WeasyPrint: real text, vector charts.

The HTML carries the structure a screen reader needs (lang, title, headings, table headers,
figures with alt text and captions); WeasyPrint's PDF/UA variant turns it into a structure
tree with marked content, /Lang and the document title shown in the window.
"""

from __future__ import annotations

import base64
from html import escape

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

STYLESHEET = """
@page {
  size: A4;
  margin: 13mm 14mm 14mm 14mm;
  @bottom-left { content: string(doc-title); font-size: 7.5pt; color: #4d4d4d; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
                  font-size: 7.5pt; color: #4d4d4d; }
}
html { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; color: #1b1b1b;
       line-height: 1.28; }
h1 { font-size: 17pt; color: #0065bd; margin: 0 0 4pt 0; string-set: doc-title content(); }
h2 { font-size: 12.5pt; color: #0065bd; margin: 10pt 0 3pt 0; break-after: avoid; }
h3 { font-size: 10pt; margin: 7pt 0 2pt 0; break-after: avoid; }
p { margin: 0 0 4pt 0; }
p.small, ul.small, ol.small { font-size: 7.5pt; color: #333333; }
ul.small, ol.small { font-size: 7pt; }
.notes { columns: 2; column-gap: 6mm; font-size: 6.8pt; color: #333333; }
.notes p { break-inside: avoid; margin-bottom: 3pt; }
ol, ul { margin: 0 0 4pt 0; padding-left: 14pt; }
li { margin-bottom: 2pt; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 6pt 0; font-size: 7pt; }
table.small { font-size: 7pt; }
table.small td, table.small th { padding: 0.8pt 3pt; }
caption { caption-side: top; text-align: left; font-weight: bold; font-size: 8pt;
          padding-bottom: 2pt; }
th { background: #e8eef7; text-align: left; vertical-align: bottom; }
th, td { border: 0.5pt solid #9e9e9e; padding: 1.5pt 3pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
figure { margin: 3pt 0 6pt 0; break-inside: avoid; }
figure.map { float: right; width: 42mm; margin: -6pt 0 2pt 6pt; }
figure img { display: block; }
figcaption { font-size: 7.5pt; color: #333333; margin-top: 2pt; }
"""


def _figure_html(block: Figure) -> str:
    width, height = size_inches(block.chart)
    svg = base64.b64encode(render(block.chart, "svg")).decode("ascii")
    kind = "map" if width < 4 else "trend"
    shown_width = "42mm" if kind == "map" else "100%"
    return (
        f'<figure class="{kind}"><img src="data:image/svg+xml;base64,{svg}" '
        f'alt="{escape(block.alt)}" style="width: {shown_width}">'
        f"<figcaption>{escape(block.caption)}</figcaption></figure>"
    )


def _table_html(block: Table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in block.rows
    )
    css = ' class="small"' if block.small else ""
    return (
        f"<table{css}><caption>{escape(block.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def to_html(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML page (charts inline as SVG)."""
    parts: list[str] = []
    for block in briefing.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            css = ' class="small"' if block.small else ""
            parts.append(f"<p{css}>{escape(block.text)}</p>")
        elif isinstance(block, Bullets):
            tag = "ol" if block.numbered else "ul"
            css = ' class="small"' if block.small else ""
            items = "".join(f"<li>{escape(item)}</li>" for item in block.items)
            parts.append(f"<{tag}{css}>{items}</{tag}>")
        elif isinstance(block, Notes):
            notes = "".join(
                f"<p><strong>{escape(term)}.</strong> {escape(text)}</p>"
                for term, text in block.items
            )
            parts.append(f'<div class="notes">{notes}</div>')
        elif isinstance(block, Table):
            parts.append(_table_html(block))
        elif isinstance(block, Figure):
            parts.append(_figure_html(block))
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(briefing.title)}</title>"
        f'<meta name="description" content="{escape(briefing.subject)}">'
        '<meta name="author" content="No One Left Behind labour-market dashboard">'
        f'<meta name="keywords" content="labour market, {escape(briefing.area_name)}">'
        f"<style>{STYLESHEET}</style></head><body>{''.join(parts)}</body></html>"
    )


def to_pdf(briefing: Briefing) -> bytes:
    """The tagged PDF's bytes (PDF/UA-1)."""
    from weasyprint import HTML  # imported on first use: it loads Pango (about 0.4 s)

    document = HTML(string=to_html(briefing))
    pdf = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    assert pdf is not None
    return bytes(pdf)
