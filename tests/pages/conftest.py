"""Run the real app (app.py and its navigation) headless on the embedded snapshot."""

from __future__ import annotations

from collections.abc import Callable, Iterator

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
