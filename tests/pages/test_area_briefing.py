"""The Area profile's "Download briefing" buttons serve the area's briefing, built on click."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import MediaFiles
from tests.pages.test_area_and_compare import open_area

FIFE = "S12000047"


def test_area_page_offers_the_briefing_in_word_and_pdf_built_on_click(
    open_page: Callable[..., AppTest], media_files: MediaFiles
) -> None:
    app = open_area(open_page, area=FIFE, compare="partnership")
    buttons = {b.label: b for b in app.get("download_button")}
    assert {"Briefing (Word)", "Briefing (PDF)"} <= set(buttons)
    assert all(
        buttons[label].proto.deferred_file_id for label in ("Briefing (Word)", "Briefing (PDF)")
    )
    assert [h.value for h in app.subheader if h.value == "Download briefing"] == [
        "Download briefing"
    ]
    file = media_files.downloaded(app, "briefing_docx")
    assert file.filename == "nolb-briefing_fife_snapshot-2026-01-20.docx"
    document = Document(io.BytesIO(file.content))
    assert document.core_properties.title == "Fife: labour market briefing"
    text = "\n".join(p.text for p in document.paragraphs)
    # The comparator chosen on the page is the briefing's comparator group.
    assert "Claimant rate: Fife against its partnership areas" in text
    assert document.inline_shapes[0]._inline.docPr.get("descr").startswith("Map of Scotland")
