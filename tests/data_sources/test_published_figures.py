"""Every curated figure is in the snapshot as published, or the registry says why not.

The curated files hold figures transcribed from official publications, each citing its source.
A minister quoting the dashboard must get the publisher's number: so for every row the snapshot
holds that exact value for that indicator, area and period, unless the registry declares the
difference (for example a later edition of the same figure) with its reason.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from data_sources.offline.readers import PUBLISHED_PERIODS
from data_sources.periods import calendar_year
from data_sources.snapshot import load_snapshot
from geo.council_areas import code_for_name, normalise_code
from geo.partnerships import partnerships
from metadata.registry import load_registry

pytestmark = pytest.mark.raw_data

FIGURE_FILES = ("curated/published_figures.csv", "curated/published_figures_2023_2024.csv")
NOLB_SCOTLAND = "curated/nolb/nolb_scotland_published_figures.csv"
NOLB_COUNCILS = "curated/nolb/nolb_participants_by_council.csv"
COUNCIL_MEASURES = ("total_participants", "entered_employment", "in_employment_at_52_weeks")


def _rows(shared_data_dir: Path, relative: str) -> list[dict[str, str]]:
    with (shared_data_dir / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_curated_file_is_checked(shared_data_dir: Path) -> None:
    """A new curated file must be added to this test (or declared as not shown)."""
    found = {
        str(p.relative_to(shared_data_dir)) for p in (shared_data_dir / "curated").rglob("*.csv")
    }
    not_shown = {entry.file for entry in load_registry().curated_files_not_shown}
    assert found == {
        *FIGURE_FILES,
        NOLB_SCOTLAND,
        NOLB_COUNCILS,
        "curated/regional_economic_partnerships.csv",
        *not_shown,
    }


@pytest.mark.parametrize("relative", FIGURE_FILES)
def test_every_published_figure_is_held_exactly_or_its_difference_declared(
    shared_data_dir: Path, relative: str
) -> None:
    registry = load_registry()
    frame = load_snapshot().observations.set_index(["indicator_id", "area_code", "period"])
    declared = {
        (d.indicator, d.area, d.period): d
        for d in registry.published_figure_differences
        if d.file == relative
    }
    rows = _rows(shared_data_dir, relative)
    assert rows, relative
    problems, used = [], set()
    for row in rows:
        indicator, area = row["indicator"], normalise_code(row["area_code"])
        period = PUBLISHED_PERIODS.get(indicator, calendar_year)(int(row["period"]))
        published = float(row["value"])
        key = (indicator, area, period.iso)
        held = frame.loc[key, "value"] if key in frame.index else None
        held = None if held is None or pd.isna(held) else float(held)
        if held == published:
            continue
        difference = declared.get((indicator, area, row["period"]))
        if difference is not None and difference.published == published and difference.held == held:
            used.add((indicator, area, row["period"]))
            continue
        problems.append(f"{indicator}, {area}, {period.label}: published {published}, held {held}")
    assert problems == [], f"{relative}: figures not held as published and not declared"
    assert set(declared) == used, "declared differences that no longer apply"


def test_no_curated_file_is_left_unshown() -> None:
    """The NOLB delivery files were the last ones held back; now every curated file is shown."""
    assert load_registry().curated_files_not_shown == ()


def test_every_nolb_scotland_figure_is_held_exactly_with_its_edition_and_sentence(
    shared_data_dir: Path,
) -> None:
    held = load_snapshot().delivery
    assert held is not None
    scotland = held[held["area_code"] == "S92000003"]
    rows = _rows(shared_data_dir, NOLB_SCOTLAND)
    assert len(rows) == 39 == len(scotland)
    problems = []
    for row in rows:
        match = scotland[
            (scotland["measure"] == row["measure"])
            & (scotland["period_label"] == " ".join(row["period"].split()))
            & (scotland["edition"] == row["edition"])
        ]
        if len(match) != 1:
            problems.append(f"{row['measure']}, {row['period']}, {row['edition']}: {len(match)}")
            continue
        figure = match.iloc[0]
        expected = (float(row["value"]), row["unit"], row["source_url"], row["quote"])
        found = (figure["value"], figure["unit"], figure["source_url"], figure["quote"])
        if found != expected or figure["status"] != "official_statistics_in_development":
            problems.append(
                f"{row['measure']}, {row['period']}: published {expected}, held {found}"
            )
    assert problems == []


def test_every_nolb_council_figure_is_held_exactly_and_blanks_stay_missing(
    shared_data_dir: Path,
) -> None:
    held = load_snapshot().delivery
    assert held is not None
    councils = held[held["area_code"] != "S92000003"].set_index(["area_code", "measure"])
    rows = _rows(shared_data_dir, NOLB_COUNCILS)
    assert len(rows) == 32
    assert len(councils) == 32 * len(COUNCIL_MEASURES)
    missing_rows = 0
    for row in rows:
        code = code_for_name(row["area_name_as_published"])
        for measure in COUNCIL_MEASURES:
            figure = councils.loc[(code, measure)]
            assert figure["period_label"] == row["period"] == "April 2019 to June 2025"
            assert figure["source_url"] == row["source_url"]
            if row[measure] == "":
                assert pd.isna(figure["value"]), (code, measure)
                assert figure["status"] == "not_in_the_stored_text", (code, measure)
                missing_rows += 1
            else:
                assert figure["value"] == float(row[measure]), (code, measure)
                assert figure["status"] == "official_statistics_in_development"
    assert missing_rows == 7 * len(COUNCIL_MEASURES)


def test_partnership_membership_matches_the_curated_file(shared_data_dir: Path) -> None:
    rows = _rows(shared_data_dir, "curated/regional_economic_partnerships.csv")
    from_file: dict[str, set[str]] = {}
    for row in rows:
        from_file.setdefault(row["partnership"], set()).add(row["area_code"])
    assert {name: set(codes) for name, codes in partnerships().items()} == from_file
