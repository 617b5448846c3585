"""A shared link is input from anyone: every URL parameter of every page, with hostile values.

Streamlit renders messages as Markdown, so a link that was quoted back could put a live link,
an outside image, a heading or a formula inside the dashboard's own box. Whatever the link says,
a page must run without an exception, say at most one thing per parameter, and show nothing of
what the link said.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from tests.pages.test_every_page import TESTED_PAGES
from ui import url_state

# Each value carries a marker that no page ever shows on its own. The Markdown attacks share
# one value (any one of them quoted back would show its marker): a live link, an outside image
# fetched with the dashboard's address as referrer, a forged heading, KaTeX and HTML.
MARKDOWN = (
    "[Session expired, sign in](https://evil.example/login) ![t](http://evil.example/px.png) "
    r"$\sum_{evil}^{2} x$ <img src=x onerror=alert('evil')><b>evil</b>"
    "\n# OFFICIAL NOTICE from evil"
)
HOSTILE = {
    "Markdown, KaTeX and HTML": MARKDOWN,
    "3,000 unknown items": ",".join(f"evil{i}" for i in range(3_000)),
    "40,000 unknown items": ",".join(f"evil{i}" for i in range(40_000)),
    "superscript two": "²",
    "5,000-digit number": "1234567890" * 500,
}
MARKERS = ("evil", "OFFICIAL NOTICE", "²", "1234567890" * 2, "onerror")

# The parameters each page reads, and what else the URL must say for a parameter to be read
# (a custom group's areas are read only when the comparison is "custom").
PAGE_PARAMS: dict[str, dict[str, dict[str, str]]] = {
    "pages/overview.py": {},
    "pages/map.py": {"indicator": {}, "period": {}, "layout": {}, "area": {}},
    "pages/area.py": {"area": {}, "compare": {}, "areas": {"compare": "custom"}},
    "pages/compare.py": {
        "area": {},
        "compare": {},
        "areas": {"compare": "custom"},
        "indicator": {},
        "period": {},
    },
    "pages/trends.py": {"indicator": {}, "areas": {}, "from": {}, "to": {}, "zoom": {}},
    "pages/targets.py": {},
    "pages/delivery.py": {},
    "pages/data.py": {"indicators": {}, "areas": {}, "from": {}, "to": {}},
    "pages/about.py": {},
    "pages/whats_new.py": {"area": {}, "partnership": {}, "indicator": {}, "since": {}},
}
EVERY_PARAM = sorted({name for params in PAGE_PARAMS.values() for name in params})
MESSAGE_KINDS = ("info", "warning", "error", "success", "exception", "toast")


def run(page: str, params: dict[str, str]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page(page)
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    return app


def elements(app: AppTest) -> Iterator[object]:
    stack: list[object] = [app._tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(getattr(node, "children", {}).values())


def shown_text(app: AppTest) -> str:
    """Everything the page sends to the browser, element by element, as protobuf text."""
    return "\n".join(str(getattr(e, "proto", "")) for e in elements(app))


def messages(app: AppTest) -> list[str]:
    return [str(m.value) for kind in MESSAGE_KINDS for m in app.get(kind)]


@pytest.fixture(scope="module")
def baseline() -> dict[tuple[str, str], int]:
    """How many messages each page shows from each base URL (no hostile parameter)."""
    bases = {
        (page, tuple(base.items())) for page, ps in PAGE_PARAMS.items() for base in ps.values()
    }
    counts = {(page, str(dict(base))): len(messages(run(page, dict(base)))) for page, base in bases}
    return counts | {(page, "{}"): len(messages(run(page, {}))) for page in PAGE_PARAMS}


def test_the_table_names_every_parameter_each_page_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record what each page asks `url_state.get` for, so a new parameter cannot go untested."""
    assert set(PAGE_PARAMS) == TESTED_PAGES
    read: set[str] = set()
    real_get = url_state.get

    def recording_get(name: str) -> str | None:
        read.add(name)
        return real_get(name)

    monkeypatch.setattr(url_state, "get", recording_get)
    for page, params in PAGE_PARAMS.items():
        read.clear()
        run(page, {"compare": "custom"} if "compare" in params else {})
        assert read == set(params), page


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize(
    ("page", "param"),
    [(page, name) for page, params in PAGE_PARAMS.items() for name in params],
)
def test_a_hostile_parameter_is_never_shown(
    page: str, param: str, kind: str, baseline: dict[tuple[str, str], int]
) -> None:
    started = time.monotonic()
    base = PAGE_PARAMS[page][param]
    app = run(page, base | {param: HOSTILE[kind]})
    took = time.monotonic() - started
    assert not app.exception, [e.value for e in app.exception]
    said = messages(app)
    assert len(said) <= baseline[(page, str(base))] + 1, said
    text = shown_text(app)
    assert not [m for m in MARKERS if m in text], said
    assert took < 10, f"{page}?{param}={kind} took {took:.1f} s"


@pytest.mark.parametrize("kind", list(HOSTILE))
@pytest.mark.parametrize("page", [p for p, params in PAGE_PARAMS.items() if not params])
def test_pages_without_parameters_ignore_every_hostile_one(
    page: str, kind: str, baseline: dict[tuple[str, str], int]
) -> None:
    app = run(page, dict.fromkeys(EVERY_PARAM, HOSTILE[kind]))
    assert not app.exception, [e.value for e in app.exception]
    assert len(messages(app)) == baseline[(page, "{}")]
    assert not [m for m in MARKERS if m in shown_text(app)]
