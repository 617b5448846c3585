"""Query parameters are parsed purely: unknown values give a message and the default."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_sources.snapshot import load_snapshot
from geo.council_areas import SCOTLAND_CODE, council_areas
from indicators.catalogue import Catalogue
from metadata.registry import load_registry
from ui.url_state import (
    MAX_LIST_ITEMS,
    Parsed,
    parse_area,
    parse_areas,
    parse_indicator,
    parse_indicators,
    parse_period,
    parse_year,
)

COUNCIL_CODES = {a.code for a in council_areas()}
ALLOWED_INDICATORS = ("claimant_rate", "employment_rate")
PERIODS = {
    "2021-01-01/P1Y": "2021",
    "2022-01-01/P1Y": "2022",
    "2020-04-01/P1Y": "2020-21",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(load_registry(), load_snapshot())


# --- indicator -------------------------------------------------------------------------------


def test_indicator_round_trip(catalogue: Catalogue) -> None:
    for slug in ALLOWED_INDICATORS:
        assert parse_indicator(slug, catalogue, ALLOWED_INDICATORS) == Parsed(slug)


@pytest.mark.parametrize("raw", [None, ""])
def test_indicator_absent_is_default_without_message(catalogue: Catalogue, raw: str | None) -> None:
    assert parse_indicator(raw, catalogue, ALLOWED_INDICATORS) == Parsed(None)


def test_unknown_indicator_slug(catalogue: Catalogue) -> None:
    parsed = parse_indicator("claimant_rates", catalogue, ALLOWED_INDICATORS)
    assert parsed.value is None
    assert len(parsed.messages) == 1
    assert "claimant_rates" not in parsed.messages[0]  # never quoted: messages are Markdown
    assert "do not publish" in parsed.messages[0]
    assert "default is shown" in parsed.messages[0]


def test_indicator_not_allowed_on_the_page(catalogue: Catalogue) -> None:
    parsed = parse_indicator("disability_employment_gap", catalogue, ALLOWED_INDICATORS)
    assert parsed.value is None
    assert parsed.messages == (
        "“Disability employment gap” is not available on this page, so the default is shown.",
    )


def test_indicator_is_matched_exactly(catalogue: Catalogue) -> None:
    for raw in ("Claimant_Rate", " claimant_rate", "claimant_rate/"):
        parsed = parse_indicator(raw, catalogue, ALLOWED_INDICATORS)
        assert parsed.value is None
        assert len(parsed.messages) == 1


def test_long_garbage_indicator_is_not_quoted(catalogue: Catalogue) -> None:
    raw = "x" * 500
    parsed = parse_indicator(raw, catalogue, ALLOWED_INDICATORS)
    assert parsed.value is None
    assert "xx" not in parsed.messages[0]


# --- area ------------------------------------------------------------------------------------


def test_area_round_trip() -> None:
    for code in COUNCIL_CODES:
        assert parse_area(code) == Parsed(code)
    assert parse_area(SCOTLAND_CODE, allow_scotland=True) == Parsed(SCOTLAND_CODE)


def test_area_case_and_spaces_are_forgiven_silently() -> None:
    assert parse_area(" s12000049 ") == Parsed("S12000049")


@pytest.mark.parametrize("raw", [None, ""])
def test_area_absent_is_default(raw: str | None) -> None:
    assert parse_area(raw) == Parsed(None)


def test_old_code_is_mapped_with_a_message() -> None:
    parsed = parse_area("S12000046")
    assert parsed.value == "S12000049"
    assert parsed.messages == (
        "S12000046 is an old code; showing Glasgow City under its current code S12000049.",
    )


def test_scotland_not_allowed_where_a_council_is_needed() -> None:
    parsed = parse_area(SCOTLAND_CODE, allow_scotland=False)
    assert parsed.value is None
    assert parsed.messages == ("Choose a council area here; Scotland is shown alongside it.",)
    assert parse_area(SCOTLAND_CODE).value is None  # not allowed by default


@pytest.mark.parametrize(
    "raw",
    [
        "Glasgow",
        "S12000000",
        "S12000099",
        "E06000001",
        "S1200004",
        "S120000499",
        "<script>alert(1)</script>",
        "S12000049,S12000005",
        "../../etc/passwd",
        "   ",
    ],
)
def test_garbage_area(raw: str) -> None:
    parsed = parse_area(raw, allow_scotland=True)
    assert parsed.value is None
    assert len(parsed.messages) == 1
    assert "not a Scottish council area" in parsed.messages[0]


# --- several areas ---------------------------------------------------------------------------


def test_areas_round_trip_keeps_order_and_drops_duplicates() -> None:
    codes, messages = parse_areas("S12000049,S92000003,S12000005,S12000049")
    assert codes == ["S12000049", SCOTLAND_CODE, "S12000005"]
    assert messages == ()


def test_areas_drop_unknown_entries_with_one_message() -> None:
    codes, messages = parse_areas("S12000005,nonsense,S12000046,,S12000049,more nonsense")
    # The old Glasgow code and the current one are the same area: listed once.
    assert codes == ["S12000005", "S12000049"]
    assert messages == (
        "2 entries in the link's list of areas were left out: not Scottish council areas. "
        "S12000046 is an old code; showing Glasgow City under its current code S12000049.",
    )


def test_a_huge_list_is_capped_with_one_message() -> None:
    raw = ",".join(f"XQ{i}" for i in range(40_000))
    codes, messages = parse_areas(raw + ",S12000049")
    assert codes == []
    assert messages == (
        f"The link's list of areas is too long; only its first {MAX_LIST_ITEMS} entries were "
        f"read. {MAX_LIST_ITEMS} entries in the link's list of areas were left out: not Scottish "
        "council areas.",
    )


def test_shortcuts_are_kept_in_order() -> None:
    assert parse_areas("S12000049,ALL,all", shortcuts=("all",)) == (["S12000049", "all"], ())


@pytest.mark.parametrize("raw", [None, ""])
def test_areas_absent(raw: str | None) -> None:
    assert parse_areas(raw) == ([], ())


# --- period ----------------------------------------------------------------------------------


def test_period_by_id_and_by_label() -> None:
    for period, label in PERIODS.items():
        assert parse_period(period, PERIODS) == Parsed(period)
        assert parse_period(label, PERIODS) == Parsed(period)


def test_period_from_the_real_catalogue(catalogue: Catalogue) -> None:
    allowed = {p.period: p.label for p in catalogue.periods("participation_16_19")}
    parsed = parse_period("2025 (Apr 2024 to Mar 2025)", allowed)
    assert parsed == Parsed("2024-04-01/P1Y")


@pytest.mark.parametrize("raw", ["2030", "2023-01-01/P1Y", "2021 ", "latest"])
def test_unknown_period(raw: str) -> None:
    parsed = parse_period(raw, PERIODS)
    assert parsed.value is None
    assert len(parsed.messages) == 1
    assert "no figures for the period" in parsed.messages[0]
    assert "the latest is shown" in parsed.messages[0]
    assert raw.strip() == "latest" or raw not in parsed.messages[0]


@pytest.mark.parametrize("raw", [None, ""])
def test_period_absent(raw: str | None) -> None:
    assert parse_period(raw, PERIODS) == Parsed(None)


# --- several indicators ----------------------------------------------------------------------


def test_indicators_keep_order_and_summarise_what_is_left_out(catalogue: Catalogue) -> None:
    chosen, messages = parse_indicators(
        "employment_rate,[x](https://evil.example),disability_employment_gap,claimant_rate,"
        "employment_rate",
        catalogue,
        ALLOWED_INDICATORS,
    )
    assert chosen == ["employment_rate", "claimant_rate"]
    assert messages == (
        "1 entry in the link's list of indicators was left out: not indicators we publish. "
        "Not available on this page: “Disability employment gap”.",
    )


def test_indicators_list_is_capped(catalogue: Catalogue) -> None:
    chosen, messages = parse_indicators("claimant_rate," * 5_000, catalogue, ALLOWED_INDICATORS)
    assert chosen == ["claimant_rate"]
    assert len(messages) == 1 and "too long" in messages[0]


# --- years -----------------------------------------------------------------------------------


def test_year_round_trip() -> None:
    assert parse_year(" 2021 ", [2020, 2021]) == (2021, ())
    assert parse_year(None, [2021]) == (None, ())
    assert parse_year("", [2021]) == (None, ())


@pytest.mark.parametrize(
    "raw", ["²", "２０２１", "٢٠٢١", "2021.0", "+2021", "1e3", "9" * 5_000, "2030", "20 21"]
)
def test_year_is_parsed_strictly(raw: str) -> None:
    """Only four ASCII digits: '²'.isdigit() is True but int('²') raises, and int() refuses
    more than 4,300 digits."""
    value, messages = parse_year(raw, [2021, 2030 - 1])
    assert value is None
    assert len(messages) == 1 and raw not in messages[0]


# --- never raises ----------------------------------------------------------------------------

# Arbitrary text, plus text built from the pieces of real values so near-misses are common.
near_codes = st.builds(
    lambda prefix, digits, pad: f"{pad}{prefix}{digits}{pad}",
    st.sampled_from(["S12", "s12", "S92", "S", "", "E06", "ſ12"]),
    st.text(alphabet="0123456789٠١٢", max_size=8),
    st.sampled_from(["", " ", "\t", "\n"]),
)
raw_text = st.one_of(st.none(), st.text(max_size=80), near_codes)


def _valid(parsed: Parsed) -> None:
    assert isinstance(parsed, Parsed)
    assert isinstance(parsed.messages, tuple)
    assert all(isinstance(m, str) and m for m in parsed.messages)


@settings(max_examples=200)
@given(raw=raw_text)
def test_parse_functions_never_raise(catalogue: Catalogue, raw: str | None) -> None:
    indicator = parse_indicator(raw, catalogue, ALLOWED_INDICATORS)
    _valid(indicator)
    assert indicator.value is None or indicator.value in ALLOWED_INDICATORS

    for allow_scotland in (False, True):
        area = parse_area(raw, allow_scotland=allow_scotland)
        _valid(area)
        allowed = COUNCIL_CODES | ({SCOTLAND_CODE} if allow_scotland else set())
        assert area.value is None or area.value in allowed
        if area.value is None and raw:
            assert area.messages  # something was ignored: the user is told

    period = parse_period(raw, PERIODS)
    _valid(period)
    assert period.value is None or period.value in PERIODS

    codes, messages = parse_areas(raw)
    assert set(codes) <= COUNCIL_CODES | {SCOTLAND_CODE}
    assert len(codes) == len(set(codes))
    assert len(messages) <= 1 and all(isinstance(m, str) for m in messages)

    year, year_messages = parse_year(raw, [2021])
    assert year in (None, 2021) and len(year_messages) <= 1
