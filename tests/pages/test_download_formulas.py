"""End to end through /data: a snapshot whose text holds formulas gives downloads that cannot run.

A refreshed snapshot carries text from live services (area names, period labels, publishers'
notes, release titles). Here every text field the downloads carry is poisoned, with each
trigger character, and both files the /data page serves are read back cell by cell.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data_sources.snapshot import load_snapshot
from indicators.catalogue import Catalogue
from metadata import registry as registry_module
from metadata.registry import load_registry
from tests.data_sources.test_export_formulas import PAYLOAD, TEXT_COLUMNS, TRIGGERS, formula_like
from tests.pages.conftest import MediaFiles
from ui import downloads, session

# Text the snapshot's rows carry, and text that only the registry, the manifest or the
# snapshot's validated ids carry (ids cannot hold a formula in a validated snapshot; they are
# poisoned in the table the page hands to the download).
ROW_TEXT = ["area_name", "period_label", "status_detail", "note"]
RELEASE_TEXT = ["publisher", "title", "url", "licence", "published"]
# Columns set from codes or declared words rather than catalogue text: poisoned after export.
ID_COLUMNS = [
    "Indicator ID",
    "Area code",
    "Period (ISO 8601)",
    "Status",
    "Release",
    "Period covers",
]


def poisoned_catalogue(cell: str) -> Catalogue:
    snapshot = load_snapshot()
    registry = load_registry()
    observations = snapshot.observations.copy()
    for column in ROW_TEXT:
        observations[column] = pd.Series([cell] * len(observations), dtype="str")
    manifest = snapshot.manifest.model_copy(
        update={
            "releases": [
                r.model_copy(update=dict.fromkeys(RELEASE_TEXT, cell))
                for r in snapshot.manifest.releases
            ]
        }
    )
    indicators = {
        slug: i.model_copy(update={"title": cell}) if slug == "claimant_rate" else i
        for slug, i in registry.indicators.items()
    }
    return Catalogue(
        registry.model_copy(update={"indicators": indicators}),
        dataclasses.replace(snapshot, observations=observations, manifest=manifest),
    )


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_data_page_downloads_neutralise_every_text_column(
    trigger: str,
    monkeypatch: pytest.MonkeyPatch,
    media_files: MediaFiles,
    open_page: Callable[..., AppTest],
) -> None:
    cell = trigger + PAYLOAD
    expected = dict.fromkeys(TEXT_COLUMNS, "'" + cell) | {"Source": f"'{cell}: {cell}"}
    poisoned = poisoned_catalogue(cell)
    monkeypatch.setattr(session, "_load_catalogue", lambda _pointer: poisoned)
    monkeypatch.setitem(registry_module.UNIT_LABELS, poisoned.indicator("claimant_rate").unit, cell)
    real_tidy_export = downloads.tidy_export

    def with_poisoned_ids(*args: object, **kwargs: object) -> pd.DataFrame:
        table = real_tidy_export(*args, **kwargs)  # type: ignore[arg-type]
        for column in ID_COLUMNS:
            table[column] = pd.Series([cell] * len(table), dtype="str")
        return table

    monkeypatch.setattr(downloads, "tidy_export", with_poisoned_ids)
    app = open_page("pages/data.py")  # claimant rate, Scotland and all 32 council areas

    body = media_files.downloaded(app, "data_csv").content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body)))
    header = rows[0]
    assert len(rows) == 826
    for column in TEXT_COLUMNS:
        assert {row[header.index(column)] for row in rows[1:]} == {expected[column]}, column
    assert not [c for row in rows[1:] for c in row if formula_like(c)]

    workbook = openpyxl.load_workbook(io.BytesIO(media_files.downloaded(app, "data_xlsx").content))
    sheet = workbook["Data"]
    names = [c.value for c in sheet[1]]
    for column in TEXT_COLUMNS:
        cells = next(sheet.iter_cols(min_col=names.index(column) + 1, min_row=2))
        values = {str(c.value).replace("_x000D_", "\r") for c in cells}
        assert values == {expected[column]}, column
    for name in workbook.sheetnames:
        for line in workbook[name].iter_rows():
            for c in line:
                assert c.data_type != "f"
                assert not (isinstance(c.value, str) and formula_like(c.value))
