"""Map and ranking's sentences about one measure across the council areas, on the real snapshot."""

from __future__ import annotations

from indicators.catalogue import Catalogue
from indicators.map_notes import bars_alt, headline, map_alt, selected_note
from indicators.ranking import rank_against_scotland
from indicators.units import format_value
from tests.areas import GLASGOW, YEAR_2022


def test_the_headline_and_map_alt_name_scotland_the_count_and_the_best(
    catalogue: Catalogue,
) -> None:
    indicator = catalogue.indicator("employment_rate")
    ranked, scotland = rank_against_scotland(catalogue, indicator.id, YEAR_2022)
    text = headline(indicator, "2022", ranked, scotland)
    ranked_count = int(ranked["ranked_count"].iloc[0])
    assert text.startswith(
        f"**{indicator.title}, 2022.** Scotland: {format_value(scotland, indicator)}. "
    )
    assert f"{ranked_count} of 32 council areas have a reliable estimate." in text
    assert text.endswith(indicator.question)
    best = ranked.iloc[0]
    assert f"Best: {best['area_name']} {format_value(best['value'], indicator)}." in map_alt(
        indicator, "2022", ranked
    )
    assert bars_alt(indicator, "2022").endswith("Select a bar to choose that area.")


def test_the_selected_note_gives_the_areas_figure_and_rank(catalogue: Catalogue) -> None:
    indicator = catalogue.indicator("employment_rate")
    ranked, _ = rank_against_scotland(catalogue, indicator.id, YEAR_2022)
    glasgow = ranked[ranked["area_code"] == GLASGOW].iloc[0]
    assert selected_note(indicator, ranked, GLASGOW, "Glasgow City") == (
        f"**Selected: Glasgow City**, {format_value(glasgow['value'], indicator)}, "
        f"rank {glasgow['rank_label']} of {int(glasgow['ranked_count'])}."
    )
