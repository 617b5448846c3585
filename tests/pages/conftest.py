"""Run the real app (app.py and its navigation) headless on the embedded snapshot."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryFile, MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """Open a page of the app, optionally with query parameters, and run it once."""

    def _open(page: str | None = None, **params: str) -> AppTest:
        app = AppTest.from_file(APP, default_timeout=60)
        if page is not None:
            app.switch_page(page)
        for name, value in params.items():
            app.query_params[name] = value
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return _open


class MediaFiles:
    """AppTest's media files, so a test can read back what a download button serves."""

    def __init__(self) -> None:
        self.managers: list[MediaFileManager] = []

    def _file(self, url: str) -> MemoryFile:
        storage = self.managers[-1]._storage  # AppTest's own in-memory store
        assert isinstance(storage, MemoryMediaFileStorage)
        return storage.get_file(url.rsplit("/", 1)[-1].split(".")[0])

    def downloaded(self, app: AppTest, key: str) -> MemoryFile:
        """The file a download button serves, built on click if its data is deferred."""
        button = next(b for b in app.get("download_button") if b.proto.id.endswith(key))
        if button.proto.deferred_file_id:
            return self._file(self.managers[-1].execute_deferred(button.proto.deferred_file_id))
        return self._file(button.proto.url)


@pytest.fixture
def media_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[MediaFiles]:
    """Keep hold of AppTest's media file manager, so download bytes can be read back."""
    files = MediaFiles()

    class Recording(MediaFileManager):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            files.managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    yield files


def open_chart_table(app: AppTest, chart_key: str) -> AppTest:
    """Open the expander under a chart, which builds its data table only when opened."""
    from ui.panels import table_key

    app.session_state[table_key(chart_key)] = True
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@dataclass(frozen=True)
class ShownTable:
    """A table handed to ui.html_table, read back from the JSON the browser gets."""

    key: str
    data: dict[str, Any]

    @property
    def columns(self) -> list[str]:
        return [column["label"] for column in self.data["columns"]]

    def _cells(self, part: int) -> pd.DataFrame:
        def cell(pair: list[Any]) -> Any:
            if part == 1 and len(pair) == 1:
                return "" if pair[0] is None else str(pair[0])
            return pair[part]

        return pd.DataFrame(
            {
                label: [cell(row["cells"][position]) for row in self.data["rows"]]
                for position, label in enumerate(self.columns)
            },
            columns=self.columns,
        )

    @property
    def value(self) -> pd.DataFrame:
        """The values the columns sort by, typed as the JSON gave them: a numeric column
        holds numbers (None for missing), so a column sent as text is not numeric here."""
        return self._cells(0)

    @property
    def text(self) -> pd.DataFrame:
        """What each cell shows, formatted in Python."""
        return self._cells(1)

    @property
    def numeric(self) -> dict[str, bool]:
        """Which columns the table treats as numbers (right-aligned, sorted numerically)."""
        return {column["label"]: column["numeric"] for column in self.data["columns"]}

    @property
    def codes(self) -> list[str | None]:
        return [row["code"] for row in self.data["rows"]]


def html_tables(app: AppTest) -> list[ShownTable]:
    """Every ui.html_table on the page, in page order."""
    from ui.html_table import COMPONENT_NAME

    return [
        ShownTable(element.proto.id.rsplit("-", 1)[-1], json.loads(element.proto.json))
        for element in app.get("bidi_component")
        if element.proto.component_name.endswith(COMPONENT_NAME)
    ]


def html_table(app: AppTest, key: str) -> ShownTable:
    """The ui.html_table drawn under `key`."""
    return next(t for t in html_tables(app) if t.key == key)
