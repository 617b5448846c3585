"""Every code a user can meet has plain words, written once."""

from __future__ import annotations

import indicators.significance
from data_sources.schema import USABLE_STATUSES, Status
from indicators import glossary
from metadata.registry import Frequency, Geography, Polarity, Unit, load_registry


def test_every_status_has_an_explanation() -> None:
    assert set(glossary.STATUS_EXPLANATIONS) == set(Status)
    for explanation in glossary.STATUS_EXPLANATIONS.values():
        assert explanation.label and explanation.meaning.endswith(".")


def test_usable_and_cautioned_statuses_are_shown() -> None:
    # An unreliable estimate the publisher printed "treat with caution" is shown, greyed.
    shown = {s for s, e in glossary.STATUS_EXPLANATIONS.items() if e.shown}
    assert shown == set(USABLE_STATUSES) | {Status.UNRELIABLE}


def test_missing_statuses_say_they_are_never_zero_or_are_gaps() -> None:
    for status in set(Status) - set(USABLE_STATUSES):
        assert "gap" in glossary.STATUS_EXPLANATIONS[status].meaning


def test_every_polarity_frequency_unit_and_geography_has_words() -> None:
    assert set(glossary.POLARITY_WORDS) == set(Polarity)
    assert set(glossary.FREQUENCY_WORDS) == set(Frequency)
    assert all(unit.label and unit.description for unit in Unit)
    assert set(glossary.GEOGRAPHY_WORDS) == set(Geography)


def test_status_words() -> None:
    assert glossary.status_words("not_available") == "Not available"
    assert glossary.status_words("ok") == "Published"
    assert glossary.status_words("suppressed", "Sample too small") == "Suppressed: Sample too small"
    assert glossary.status_words("ok", "ignored for a usable figure") == "Published"
    assert glossary.status_words("missing") == "No figure held"
    assert glossary.status_words("something_new") == "Something new"
    assert glossary.is_usable("provisional") and not glossary.is_usable("suppressed")


def test_judged_against_names_the_reference_only_for_a_difference() -> None:
    assert glossary.judged_against("better", "Scotland") == "Better than Scotland"
    assert glossary.judged_against("worse", "Fife") == "Worse than Fife"
    assert glossary.judged_against("not_different", "Fife") == "Not significantly different"
    assert glossary.judged_against("unknown", "Fife") == "No comparison"


def test_significance_rules_match_the_module_that_applies_them() -> None:
    raw = indicators.significance.__doc__ or ""
    assert len(glossary.SIGNIFICANCE_RULES) == raw.count("\n- ")
    doc = " ".join(raw.split())
    assert "excludes the comparator's value" in doc
    assert "excludes that value" in glossary.SIGNIFICANCE_RULES[0]
    assert "do not overlap" in doc and "do not overlap" in glossary.SIGNIFICANCE_RULES[1]
    assert "compared as exact numbers" in doc
    assert "compared as exact numbers" in glossary.SIGNIFICANCE_RULES[2]


def test_plain_words_replaces_ids_with_titles() -> None:
    registry = load_registry()
    note = (
        "participation_16_19, Scotland, 2016: kept 90.4 from sds_annual_participation_measure; "
        "sg_rural_scotland_apm gives 90.3"
    )
    words = glossary.plain_words(note, registry)
    assert words.startswith("Participation of 16 to 19 year olds, Scotland, 2016: kept 90.4 from “")
    assert "sds_annual_participation_measure" not in words
    assert "sg_rural_scotland_apm" not in words
    assert registry.sources["sg_rural_scotland_apm"].title in words
    # Ids inside longer words are left alone.
    assert glossary.plain_words("youth_claimant_rate_x", registry) == "youth_claimant_rate_x"
