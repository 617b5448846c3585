"""How current the figures are: ages, expected releases and staleness, on injected dates."""

from __future__ import annotations

from datetime import date

import pytest

from data_sources.snapshot import load_snapshot
from indicators import freshness
from indicators.catalogue import Catalogue
from indicators.freshness import (
    SourceOutlook,
    add_months_to_end,
    age_words,
    assess,
    month_words,
    published_date,
    source_outlook,
    whole_months,
)
from metadata.registry import Frequency, Registry, ReleaseCadence, ReleaseEvery, load_registry

TODAY = date(2026, 12, 1)  # the day the embedded snapshot is judged on below

MONTHLY = ReleaseCadence(every=ReleaseEvery.MONTHLY, lag_days=18, note="mid-month")
YEARLY_APRIL = ReleaseCadence(every=ReleaseEvery.ANNUAL, lag_days=106, note="mid-April")
PAUSED = ReleaseCadence(
    every=ReleaseEvery.ANNUAL, lag_days=107, paused="updates are suspended.", note="paused"
)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def catalogue(registry: Registry) -> Catalogue:
    return Catalogue(registry, load_snapshot())


# --- calendar arithmetic and words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("period_end", "today", "months", "words"),
    [
        (date(2021, 3, 31), TODAY, 68, "5 years 8 months old"),
        (date(2025, 12, 31), TODAY, 11, "11 months old"),
        (date(2025, 11, 30), TODAY, 12, "1 year old"),
        (date(2026, 10, 31), date(2026, 12, 1), 1, "1 month old"),
        (date(2026, 10, 31), date(2026, 11, 30), 0, "less than a month old"),
        (date(2026, 12, 31), TODAY, 0, "less than a month old"),  # a period not yet over
    ],
)
def test_age_counts_whole_months_since_the_period_ended(
    period_end: date, today: date, months: int, words: str
) -> None:
    assert whole_months(period_end, today) == months
    assert age_words(months) == words


def test_period_ends_step_by_whole_months() -> None:
    assert add_months_to_end(date(2021, 3, 31), 12) == date(2022, 3, 31)
    assert add_months_to_end(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months_to_end(date(2026, 12, 31), 1) == date(2027, 1, 31)
    assert add_months_to_end(date(2026, 1, 31), -1) == date(2025, 12, 31)


def test_release_dates_as_precise_as_published_are_read_at_their_earliest() -> None:
    assert published_date("2025-12-17") == date(2025, 12, 17)
    assert published_date("2021-08") == date(2021, 8, 1)
    assert published_date("2023") == date(2023, 1, 1)
    assert published_date("2026-08-18 07:00:00") == date(2026, 8, 18)
    assert published_date("when fetched") is None
    assert published_date("2026-02-30") is None
    assert month_words(date(2027, 1, 20)) == "January 2027"


# --- one source ---------------------------------------------------------------------------


def outlook(
    cadence: ReleaseCadence,
    held_end: date | None,
    today: date,
    *,
    frequency: Frequency = Frequency.MONTHLY,
    last_published: date | None = None,
) -> SourceOutlook:
    return source_outlook(
        "source",
        cadence,
        live=True,
        frequency=frequency,
        held_end=held_end,
        last_published=last_published,
        today=today,
    )


def test_monthly_count_is_next_due_mid_month_after_the_month_ends() -> None:
    september = date(2026, 9, 30)
    # October's count is expected on about 18 November.
    before = outlook(MONTHLY, september, date(2026, 11, 10))
    assert before.next_release == date(2026, 11, 18)
    assert before.newest_expected_end == september  # nothing newer is out yet
    after = outlook(MONTHLY, september, TODAY)
    # On 1 December October's count is out; November's is not due until mid-December.
    assert after.newest_expected_end == date(2026, 10, 31)


def test_next_release_is_never_sooner_than_a_step_after_the_sources_own_last_release() -> None:
    # The Sub-Scotland database of 17 December 2025 holds estimates to 2023: its next edition
    # is not expected before December 2026, even though 2024 ended long ago.
    slow = ReleaseCadence(every=ReleaseEvery.ANNUAL, lag_days=106, note="assumed")
    held = outlook(
        slow,
        date(2023, 12, 31),
        TODAY,
        frequency=Frequency.ANNUAL,
        last_published=date(2025, 12, 17),
    )
    assert held.next_release == date(2026, 12, 17)
    assert held.newest_expected_end == date(2023, 12, 31)


def test_a_paused_source_expects_no_release() -> None:
    paused = outlook(PAUSED, date(2023, 12, 31), TODAY, frequency=Frequency.ANNUAL)
    assert paused.next_release is None and paused.newest_expected_end is None


@pytest.mark.parametrize(
    ("frequency", "cadence", "newest"),
    [
        (Frequency.MONTHLY, MONTHLY, date(2026, 10, 31)),
        (Frequency.ANNUAL, YEARLY_APRIL, date(2025, 12, 31)),
        (Frequency.PARTICIPATION_YEAR, YEARLY_APRIL, date(2026, 3, 31)),
    ],
)
def test_a_series_with_nothing_held_expects_the_newest_period_already_out(
    frequency: Frequency, cadence: ReleaseCadence, newest: date
) -> None:
    assert outlook(cadence, None, TODAY, frequency=frequency).newest_expected_end == newest


# --- one indicator ------------------------------------------------------------------------


def test_an_indicator_is_due_when_its_earliest_source_is_due(registry: Registry) -> None:
    # Employment rate: the Scottish Government's database (offline) and NOMIS (live).
    state = assess(
        registry.indicator("employment_rate"),
        held_label="2023",
        held_end=date(2023, 12, 31),
        cadences=registry.release_cadences,
        sources=registry.sources,
        last_published={"sg_sub_scotland_economic_statistics": date(2025, 12, 17)},
        today=TODAY,
    )
    # NOMIS: the 2024 estimate 106 days after the year ended (the database waits to December).
    assert state.next_release == date(2025, 4, 16)
    assert state.is_overdue
    assert state.refresh_brings_label == "2025"
    assert state.sentence() == (
        "Latest figures held: 2023, 2 years 11 months old. A newer release was due by April "
        "2025 and is not included here, so this is not the latest published figure."
    )


def test_an_indicator_that_is_up_to_date_says_when_the_next_release_is_due(
    registry: Registry,
) -> None:
    state = assess(
        registry.indicator("claimant_rate"),
        held_label="2025",
        held_end=date(2025, 12, 31),
        cadences=registry.release_cadences,
        sources=registry.sources,
        last_published={"ons_claimant_count": date(2026, 1, 20)},
        today=TODAY,
    )
    assert not state.is_overdue
    assert state.refresh_brings_to is None  # an offline source: a refresh cannot bring it
    assert state.sentence() == (
        "Latest figures held: 2025, 11 months old. Next release expected: January 2027."
    )
    # The same figures a year and a month later are overdue.
    later = assess(
        registry.indicator("claimant_rate"),
        held_label="2025",
        held_end=date(2025, 12, 31),
        cadences=registry.release_cadences,
        sources=registry.sources,
        last_published={"ons_claimant_count": date(2026, 1, 20)},
        today=date(2027, 2, 1),
    )
    assert later.is_overdue
    assert "1 year 1 month old. A newer release was due by January 2027" in later.sentence()


def test_an_indicator_whose_sources_have_all_paused_says_so(registry: Registry) -> None:
    state = assess(
        registry.indicator("unemployment_rate"),
        held_label="2023",
        held_end=date(2023, 12, 31),
        cadences=registry.release_cadences,
        sources=registry.sources,
        last_published={},
        today=TODAY,
    )
    assert not state.is_overdue
    assert state.release_sentence() == (
        "No newer release is expected: ONS has suspended updates of the model-based estimates "
        "until the 2026 APS reweighting."
    )


# --- the embedded snapshot on 1 December 2026 ------------------------------------------------

EXPECTED_HEADLINES = {
    "claimant_rate": "Latest figures held: 2025, 11 months old. Next release expected: "
    "January 2027.",
    "youth_claimant_rate": "Latest figures held: March 2021, 5 years 8 months old. A newer "
    "release was due by January 2023",
    "employment_rate": "Latest figures held: 2023, 2 years 11 months old. A newer release was "
    "due by April 2025",
    "youth_employment_rate": "Latest figures held: 2023, 2 years 11 months old. A newer release "
    "was due by April 2025",
    "unemployment_rate": "Latest figures held: 2023, 2 years 11 months old. No newer release is "
    "expected",
    "disability_employment_gap": "Latest figures held: 2022, 3 years 11 months old. A newer "
    "release was due by May 2024",
    "participation_16_19": "Latest figures held: 2025 (Apr 2024 to Mar 2025), 1 year 8 months "
    "old. A newer release was due by August 2026",
}


@pytest.mark.parametrize(("indicator_id", "expected"), EXPECTED_HEADLINES.items())
def test_embedded_headlines_say_how_old_they_are(
    catalogue: Catalogue, indicator_id: str, expected: str
) -> None:
    state = freshness.indicator_freshness(catalogue, indicator_id, TODAY, area_code="S92000003")
    assert state.sentence().startswith(expected)


def test_embedded_snapshot_is_behind_its_sources_in_december_2026(catalogue: Catalogue) -> None:
    state = freshness.snapshot_freshness(catalogue, TODAY)
    assert state.is_stale
    brought = {f.indicator.id: f.refresh_brings_label for f in state.refresh_would_bring}
    assert brought == {
        "employment_rate": "2025",
        "youth_employment_rate": "2025",
        "claimant_rate_monthly": "October 2026",
    }
    assert {f.indicator.id for f in state.needs_new_files} == {
        "youth_claimant_rate",
        "disability_employment_gap",
        "youth_unemployment_rate_excl_ft_students",
        "participation_16_19",
    }
    up_to_date = {f.indicator.id for f in state.headlines} - {f.indicator.id for f in state.behind}
    assert up_to_date == {"claimant_rate", "unemployment_rate"}


def test_stale_notice_names_what_a_refresh_would_bring(catalogue: Catalogue) -> None:
    notice = freshness.stale_notice(catalogue, TODAY)
    assert notice is not None
    assert notice.startswith("**These are not the latest published figures.**")
    assert "newest source release is from 20 January 2026" in notice
    assert "for 7 of the 9 headline measures" in notice
    title = {i: catalogue.indicator(i).title for i in catalogue.registry.indicators}
    assert f"- {title['employment_rate']}: figures up to 2025 (2023 held)" in notice
    assert f"- {title['claimant_rate_monthly']}: figures up to October 2026 (none held)" in notice
    assert (
        f"- {title['youth_claimant_rate']}: March 2021 held, newer expected since January 2023"
    ) in notice


def test_no_notice_when_every_headline_is_up_to_date(
    catalogue: Catalogue, registry: Registry
) -> None:
    # The same snapshot judged on the day after its newest release, with only the headline
    # that release carries: nothing newer is due yet, so there is nothing to warn about.
    claimant = freshness.indicator_freshness(
        catalogue, "claimant_rate", date(2026, 1, 21), area_code="S92000003"
    )
    state = freshness.SnapshotFreshness((claimant,))
    assert not state.is_stale and state.behind == ()
    assert claimant.release_sentence() == "Next release expected: January 2027."
