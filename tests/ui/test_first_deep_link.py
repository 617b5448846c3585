"""A deep link opened first on a fresh process runs inside app.py's navigation.

Guards `ui.session.use_app_navigation`, the one place that touches a private Streamlit switch:
if an upgrade renames it or stops honouring it, these tests fail.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO_ROOT
from ui import session

APP = str(REPO_ROOT / "app.py")


def _first_visit(page: str) -> AppTest:
    """A page's URL as the first request a fresh server sees (AppTest resets the switch)."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page(page)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _footer_shown(app: AppTest) -> bool:
    return any("embedded snapshot" in caption.value for caption in app.caption)


def test_streamlit_still_starts_a_pages_folder_app_the_old_way() -> None:
    """The reason for the workaround: a `pages/` folder beside app.py sets the switch."""
    PagesManager.uses_pages_directory = None
    try:
        PagesManager(APP, setup_watcher=False)
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = None


def test_a_first_deep_link_gets_the_apps_navigation_and_footer() -> None:
    app = _first_visit("pages/about.py")
    assert [t.value for t in app.title] == ["About the data"]
    assert _footer_shown(app)  # drawn by app.py after the page, so app.py ran
    assert PagesManager.uses_pages_directory is False


def test_without_the_switch_the_page_would_run_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shows the test above can fail: with the workaround off, app.py never runs."""
    monkeypatch.setattr(session, "use_app_navigation", lambda: None)
    app = _first_visit("pages/about.py")
    assert [t.value for t in app.title] == ["About the data"]
    assert not _footer_shown(app)
