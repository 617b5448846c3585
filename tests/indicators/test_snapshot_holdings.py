"""What the snapshot holds, in words, on the embedded snapshot."""

from __future__ import annotations

from indicators.catalogue import Catalogue
from indicators.snapshot_holdings import (
    figures_held,
    period_span,
    periods_held,
    short_fingerprint,
    snapshot_kind,
)


def test_periods_held_run_from_the_first_to_the_last(catalogue: Catalogue) -> None:
    periods = catalogue.periods("claimant_rate")
    assert len(periods) > 1
    assert periods_held(catalogue, "claimant_rate") == f"{periods[0].label} to {periods[-1].label}"


def test_an_indicator_with_no_figures_says_so(catalogue: Catalogue) -> None:
    empty = [i for i in catalogue.indicators(include_empty=True) if not catalogue.periods(i.id)]
    assert empty, "the embedded snapshot has live-only indicators with no figures"
    assert periods_held(catalogue, empty[0].id) == "none in this snapshot"
    assert figures_held(catalogue, empty[0].id) == ""


def test_figures_held_count_every_figure_by_status(catalogue: Catalogue) -> None:
    words = figures_held(catalogue, "claimant_rate")
    total = len(catalogue.observations("claimant_rate"))
    counted = sum(int(part.split(" ")[0].replace(",", "")) for part in words.split(", "))
    assert counted == total
    assert " published" in words  # in the words of the status table (STATUS_LABELS)


def test_fingerprints_and_spans() -> None:
    assert short_fingerprint("ab" * 32) == "abababababab…"
    assert period_span("2024", "2024") == "2024"
    assert period_span("2019", "2024") == "2019 to 2024"


def test_the_snapshot_kind_in_words(catalogue: Catalogue) -> None:
    assert snapshot_kind(catalogue.manifest) == "embedded snapshot"
    live = catalogue.manifest.model_copy(update={"kind": "live"})
    assert snapshot_kind(live) == "refreshed snapshot"
