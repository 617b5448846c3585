"""The pages say how current their figures are: the Overview on the embedded snapshot in
December 2026 (behind its sources), and the source note under a chart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui.freshness
from metadata.registry import load_registry

DECEMBER_2026 = date(2026, 12, 1)


@pytest.fixture
def on_1_december_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages reckon ages and expected releases from this day instead of the real date."""
    monkeypatch.setattr(ui.freshness, "today", lambda: DECEMBER_2026)


def texts(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown]


def walk(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def metric_panels(app: AppTest) -> dict[str, list[str]]:
    """Each bordered panel's metric label, with the Markdown lines in the same panel."""
    panels = {}
    for block in walk(app.main):
        children = list(getattr(block, "children", {}).values())
        for metric in (c for c in children if c.type == "metric"):
            panels[metric.label] = [c.value for c in children if c.type == "markdown"]
    return panels


# Each headline (indicator and period), and how old its figure is, with when a newer one is due.
HEADLINE_AGES: dict[tuple[str, str], str] = {
    ("claimant_rate", "2025"): (
        "Latest figures held: 2025, 11 months old. Next release expected: January 2027."
    ),
    ("youth_claimant_rate", "March 2021"): (
        "Latest figures held: March 2021, 5 years 8 months old. A newer release was due by "
        "January 2023 and is not included here, so this is not the latest published figure."
    ),
    ("employment_rate", "2023"): (
        "Latest figures held: 2023, 2 years 11 months old. A newer release was due by April "
        "2025 and is not included here, so this is not the latest published figure."
    ),
    ("youth_employment_rate", "2023"): (
        "Latest figures held: 2023, 2 years 11 months old. A newer release was due by April "
        "2025 and is not included here, so this is not the latest published figure."
    ),
    ("unemployment_rate", "2023"): (
        "Latest figures held: 2023, 2 years 11 months old. No newer release is expected: ONS "
        "has suspended updates of the model-based estimates until the 2026 APS reweighting."
    ),
    ("disability_employment_gap", "2022"): (
        "Latest figures held: 2022, 3 years 11 months old. A newer release was due by May 2024 "
        "and is not included here, so this is not the latest published figure."
    ),
    ("youth_unemployment_rate_excl_ft_students", "2021"): (
        "Latest figures held: 2021, 4 years 11 months old. A newer release was due by January "
        "2024 and is not included here, so this is not the latest published figure."
    ),
    ("participation_16_19", "2025 (Apr 2024 to Mar 2025)"): (
        "Latest figures held: 2025 (Apr 2024 to Mar 2025), 1 year 8 months old. A newer release "
        "was due by August 2026 and is not included here, so this is not the latest published "
        "figure."
    ),
}


def headline_label(indicator_id: str, period: str) -> str:
    """The metric's label, with the indicator's title as the registry declares it."""
    return f"{title(indicator_id)}, Scotland, {period}"


def title(indicator_id: str) -> str:
    return load_registry().indicator(indicator_id).title


def test_overview_says_how_old_each_headline_is(
    on_1_december_2026: None, open_page: Callable[..., AppTest]
) -> None:
    app = open_page()
    labels = [m.label for m in app.metric]
    expected = {headline_label(*key): age for key, age in HEADLINE_AGES.items()}
    assert set(expected) <= set(labels), labels
    assert len(labels) == len(HEADLINE_AGES) + 2  # and the two target panels
    # Each headline's age line is inside its own panel, beside its figure.
    panels = metric_panels(app)
    for label, age in expected.items():
        assert f":small[:material/schedule: {age}]" in panels[label], label


def test_overview_target_panels_say_how_old_their_figure_is(
    on_1_december_2026: None, open_page: Callable[..., AppTest]
) -> None:
    page = " ".join(texts(open_page()))
    assert "Newest figure held: 31.9 pp in 2022" in page
    assert "Newest figure held: 10.2% in 2021" in page


def test_overview_says_plainly_that_the_embedded_snapshot_is_behind(
    on_1_december_2026: None, open_page: Callable[..., AppTest]
) -> None:
    app = open_page()
    # At the top: the first thing after the title.
    notice = app.warning[0].value
    top = list(app.main.children.values())[:2]
    assert [e.type for e in top] == ["title", "warning"]
    assert top[1].value == notice
    assert notice.startswith("**These are not the latest published figures.** The dashboard is")
    assert "embedded snapshot, whose newest source release is from 20 January 2026" in notice
    assert "newer figures should have been published since for 7 of the 9 headline" in notice
    refresh, files = notice.split("A refresh from the live sources")[1].split("These would still")
    assert f"- {title('employment_rate')}: figures up to 2025 (2023 held)" in refresh
    assert f"- {title('youth_employment_rate')}: figures up to 2025 (2023 held)" in refresh
    assert f"- {title('claimant_rate_monthly')}: figures up to October 2026 (none held)" in refresh
    youth_claimants = f"- {title('youth_claimant_rate')}: March 2021 held"
    assert youth_claimants not in refresh and youth_claimants in files
    assert f"- {title('disability_employment_gap')}: 2022 held, newer expected since May" in files
    # Nothing presents the old figures as "the latest".
    assert not any("The latest official figure" in t for t in texts(app))
    assert any(t.startswith("The newest official figure held") for t in texts(app))


def test_the_notice_follows_the_day_the_page_is_read(
    monkeypatch: pytest.MonkeyPatch, open_page: Callable[..., AppTest]
) -> None:
    # Even then the embedded snapshot lacks the live-only monthly claimant count and the old
    # LGBF series, so it is still behind: the notice stays, with the monthly months it lacks.
    monkeypatch.setattr(ui.freshness, "today", lambda: date(2026, 1, 21))
    notice = open_page().warning[0].value
    assert f"- {title('claimant_rate_monthly')}: figures up to December 2025 (none held)" in notice
    assert f"- {title('employment_rate')}: figures up to 2024 (2023 held)" in notice


def test_a_chart_source_note_says_how_old_the_newest_figures_are(
    on_1_december_2026: None, open_page: Callable[..., AppTest]
) -> None:
    app = open_page("pages/map.py", indicator="youth_employment_rate")
    notes = [t for t in texts(app) if t.startswith(":small[Period:")]
    assert notes, texts(app)
    assert notes[0].endswith(
        "Latest figures held: 2023, 2 years 11 months old. A newer release was due by April "
        "2025 and is not included here, so this is not the latest published figure.]"
    )


def test_about_gives_each_sources_release_timetable(open_page: Callable[..., AppTest]) -> None:
    page = " ".join(texts(open_page("pages/about.py")))
    assert (
        "Release timetable: New figures every year, usually about 20 days after the period "
        "ends. The yearly rate for 2025 was published on 20 January 2026"
    ) in page
    assert (
        "Release timetable: Updates paused: ONS has suspended updates of the model-based "
        "estimates until the 2026 APS reweighting."
    ) in page
