"""The Area profile's "Download briefing" section: the same packs as `python -m reports.briefing`.

Each file is built only when its button is clicked (a few seconds), then kept for the day, so a
second click on the same area is instant.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from geo.council_areas import area_name
from indicators.comparator_groups import ComparatorGroup
from reports.briefing import FORMATS, MIME_TYPES, BriefingFormat, briefing_bytes, briefing_file_name
from ui import session

FORMAT_LABELS: dict[BriefingFormat, str] = {"docx": "Word", "pdf": "PDF"}


@st.cache_data(max_entries=16, show_spinner=False)
def _briefing(
    area_code: str,
    briefing_format: BriefingFormat,
    group: ComparatorGroup | None,
    made: str,
    snapshot_sha: str,
) -> bytes:
    del snapshot_sha  # part of the cache key only
    return briefing_bytes(
        session.catalogue(),
        area_code,
        briefing_format,
        made=date.fromisoformat(made),
        group=group,
    )


def download_section(area_code: str, group: ComparatorGroup | None = None) -> None:
    """A heading, one sentence and a Word and a PDF button for the area's briefing pack."""
    catalogue = session.catalogue()
    name = area_name(area_code)
    st.subheader("Download briefing")
    comparison = "" if group is None or not group.members else f" and its {group.short_label}"
    st.markdown(
        f"A briefing on {name} of two to four pages: key messages, the headline figures against "
        f"Scotland{comparison}, a map, trend charts with their data, progress to the targets, "
        "sources and how to cite. Word is editable; the PDF is tagged for screen readers."
    )
    sha = catalogue.manifest.observations_sha256
    today = date.today().isoformat()
    columns = st.columns(len(FORMATS) + 2)
    for column, briefing_format in zip(columns, FORMATS, strict=False):

        def build(fmt: BriefingFormat = briefing_format) -> bytes:
            return _briefing(area_code, fmt, group, today, sha)

        column.download_button(
            f"Briefing ({FORMAT_LABELS[briefing_format]})",
            data=build,
            file_name=briefing_file_name(catalogue, area_code, briefing_format),
            mime=MIME_TYPES[briefing_format],
            key=f"briefing_{briefing_format}",
            icon=":material/description:",
            on_click="ignore",
        )
