"""Run the real app (app.py and its navigation) headless on the embedded snapshot."""

from __future__ import annotations

from collections.abc import Callable

import pytest
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
