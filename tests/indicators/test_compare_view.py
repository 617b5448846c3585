"""Compare areas' words about one area against its group, on the real snapshot."""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from indicators.compare_view import (
    area_figure_help,
    bar_rows,
    bars_alt,
    not_drawn,
    not_drawn_note,
    peer_median_help,
    peer_verdict,
)
from indicators.glossary import COUNT_NOT_COMPARED
from indicators.peer_comparison import PeerSummary, group_ranking, peer_summary
from tests.areas import GLASGOW, ORKNEY, YEAR_2022


def _choice(
    catalogue: Catalogue, indicator_id: str, area_code: str
) -> tuple[PeerSummary, pd.DataFrame]:
    members = neighbour_group(area_code).members
    return (
        peer_summary(catalogue, indicator_id, area_code, members, YEAR_2022),
        group_ranking(catalogue, indicator_id, YEAR_2022, area_code, members),
    )


def test_glasgow_employment_against_its_neighbours_in_words(catalogue: Catalogue) -> None:
    summary, ranking = _choice(catalogue, "employment_rate", GLASGOW)
    assert peer_verdict(summary) == "worse compared with the peer median"
    assert (area_figure_help(summary) or "").startswith("95% interval ")
    assert peer_median_help(summary, "neighbouring areas").startswith(
        f"Median of the {summary.peer_count} of {len(summary.peer_codes)} neighbouring areas"
    )
    assert not_drawn(summary, "Glasgow City") == []
    assert not_drawn_note(summary, "Glasgow City", "2022") is None
    alt = bars_alt(summary, ranking, "Glasgow City", "neighbouring areas", "2022")
    assert "Best in the group: South Lanarkshire " in alt
    marked = bar_rows(ranking, "Glasgow City")
    assert "Glasgow City (selected area)" in marked["area_name"].tolist()
    assert "Glasgow City" not in marked["area_name"].tolist()


def test_a_missing_area_is_named_first_among_those_not_drawn(catalogue: Catalogue) -> None:
    summary, _ = _choice(catalogue, "youth_employment_rate", ORKNEY)
    assert area_figure_help(summary) is None
    assert not_drawn(summary, "Orkney Islands")[0] == "Orkney Islands"
    note = not_drawn_note(summary, "Orkney Islands", "2022") or ""
    assert note.startswith("Not drawn, because there is no usable figure for 2022: Orkney Islands")


def test_a_count_is_not_judged_against_the_peer_median(catalogue: Catalogue) -> None:
    summary = peer_summary(
        catalogue, "youth_claimant_count", GLASGOW, neighbour_group(GLASGOW).members
    )
    assert peer_verdict(summary) == COUNT_NOT_COMPARED
