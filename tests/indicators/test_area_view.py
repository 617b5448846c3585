"""The Area profile's words around its charts and the rows behind their downloads."""

from __future__ import annotations

from indicators.area_profile import area_profile_rows, spine_rows
from indicators.area_view import chart_observations, peers_alt, spine_alt, spine_note
from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from tests.areas import GLASGOW


def test_the_spine_note_names_the_measures_it_cannot_draw(catalogue: Catalogue) -> None:
    rows = area_profile_rows(catalogue, GLASGOW, neighbour_group(GLASGOW).members)
    drawn = spine_rows(rows)
    left_out = [r.indicator.title for r in rows if r not in drawn]
    assert left_out, "counts are never drawn on the spine"
    note = spine_note("Glasgow City", rows, drawn)
    assert note.startswith("Each row shows the spread of the 32 council areas")
    assert f"Not drawn: {', '.join(left_out)} (a count, or no figure for Glasgow City)." in note
    assert "Not drawn" not in spine_note("Glasgow City", drawn, drawn)


def test_the_spine_alt_names_where_the_area_is_worse(catalogue: Catalogue) -> None:
    rows = spine_rows(area_profile_rows(catalogue, GLASGOW, neighbour_group(GLASGOW).members))
    worse = [r.indicator.title.lower() for r in rows if r.summary.vs_scotland_judgement == "worse"]
    alt = spine_alt("Glasgow City", rows)
    assert alt.startswith(f"Spine chart of {len(rows)} measures for Glasgow City")
    if worse:
        assert f"Glasgow City is worse than Scotland on: {', '.join(worse)}." in alt
    else:
        assert alt.endswith("Glasgow City is not worse than Scotland on any measure shown.")
    assert peers_alt("Glasgow City", "neighbours", ["Fife", "Angus"], 3) == (
        "Dot and range chart of 3 measures: Glasgow City against the median and range of its "
        "neighbours (Fife, Angus) and Scotland."
    )


def test_a_charts_rows_hold_only_its_measures_at_the_period_shown(catalogue: Catalogue) -> None:
    rows = area_profile_rows(catalogue, GLASGOW, neighbour_group(GLASGOW).members)
    chosen = rows[0]
    assert chosen.summary.period is not None
    frame = chart_observations(catalogue, rows, [chosen.indicator.id])
    assert set(frame["indicator_id"]) == {chosen.indicator.id}
    assert set(frame["period"]) == {chosen.summary.period.period}
    assert chart_observations(catalogue, rows, []).empty
