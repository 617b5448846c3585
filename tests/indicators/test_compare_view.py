"""The Compare page's view of one choice: the group ranked with its judgement words."""

from __future__ import annotations

from indicators.catalogue import Catalogue
from indicators.comparators import neighbour_group
from indicators.compare_view import (
    GROUP_RANK,
    VS_SCOTLAND,
    best_in_group,
    compare_view,
    not_drawn,
    peer_verdict,
    vs_area_column,
)

GLASGOW = "S12000049"
ORKNEY = "S12000023"
YEAR_2022 = "2022-01-01/P1Y"


def test_the_group_is_ranked_with_the_page_words(catalogue: Catalogue) -> None:
    group = neighbour_group(GLASGOW)
    view = compare_view(catalogue, "employment_rate", GLASGOW, "Glasgow City", group, YEAR_2022)
    own = view.ranking[view.ranking["is_area"]].iloc[0]
    assert own[GROUP_RANK] == "5"
    assert own[vs_area_column("Glasgow City")] == "Selected area"
    better = view.ranking[
        view.ranking[vs_area_column("Glasgow City")] == "Better than Glasgow City"
    ]
    assert better["area_name"].tolist() == ["South Lanarkshire"]
    assert own[VS_SCOTLAND] == "Not significantly different"
    assert "Glasgow City (selected area)" in view.chart_rows["area_name"].tolist()
    assert "Glasgow City" not in view.chart_rows["area_name"].tolist()
    assert peer_verdict(view.summary) == "worse compared with the peer median"
    assert best_in_group(view).startswith("Best in the group: South Lanarkshire ")
    assert not_drawn(view.summary, "Glasgow City") == []


def test_a_missing_area_is_named_first_among_those_not_drawn(catalogue: Catalogue) -> None:
    group = neighbour_group(ORKNEY)
    view = compare_view(
        catalogue, "youth_employment_rate", ORKNEY, "Orkney Islands", group, YEAR_2022
    )
    assert not_drawn(view.summary, "Orkney Islands")[0] == "Orkney Islands"
