"""What a briefing says: the dashboard's own sentences and figures, in order, nothing zeroed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from indicators.area_profile import ProfileRow, area_profile_rows
from indicators.catalogue import Catalogue
from indicators.comparator_groups import neighbour_group
from indicators.summaries import headline
from reports.charts import MapChart
from reports.content import build_briefing, file_name, key_messages, value_cell
from reports.document import Briefing, Bullets, Figure, Heading, Paragraph, Table
from tests.reports.conftest import GLASGOW, MADE, SCOTLAND


def table_with(briefing: Briefing, caption_start: str) -> Table:
    return next(
        b for b in briefing.blocks if isinstance(b, Table) and b.caption.startswith(caption_start)
    )


def row_for(table: Table, measure: str) -> dict[str, str]:
    row = next(r for r in table.rows if r[0] == measure)
    return dict(zip(table.header, row, strict=True))


def text_of(briefing: Briefing) -> str:
    parts: list[str] = []
    for block in briefing.blocks:
        if isinstance(block, Heading | Paragraph):
            parts.append(block.text)
        elif isinstance(block, Bullets):
            parts += block.items
    return "\n".join(parts)


def section(briefing: Briefing, heading: str) -> list[object]:
    """The blocks after a level-2 heading, up to the next level-2 heading."""
    blocks = list(briefing.blocks)
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
    rest = blocks[start + 1 :]
    end = next(
        (i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level <= 2), len(rest)
    )
    return rest[:end]


def test_glasgow_headline_table_holds_the_snapshot_figures(glasgow: Briefing) -> None:
    table = table_with(glasgow, "Headline figures for Glasgow City")
    claimant = row_for(table, "Claimant rate (yearly average)")
    # ONS Explore local statistics: Glasgow City 4.6% in 2025, Scotland 3.0%, highest of 32.
    assert claimant["Period"] == "2025"
    assert claimant["Glasgow City (95% interval)"] == "4.6%"
    assert claimant["Scotland"] == "3.0%"
    assert claimant["Rank (1 = best; plausible range)"] == "32 of 32"
    assert claimant["Compared with Scotland"] == "Worse"
    assert claimant["Change on the previous period"] == "-0.2 pp on 2024: Improved"
    employment = row_for(table, "Employment rate (16 to 64)")
    assert employment["Glasgow City (95% interval)"] == "72.1% (68.5% to 75.7%)"
    assert employment["Rank (1 = best; plausible range)"] == "23 of 32 (4 to 32)"
    assert employment["Compared with Scotland"] == "Not significantly different"


def test_a_suppressed_figure_reads_as_suppressed_never_zero(shetland: Briefing) -> None:
    youth = row_for(table_with(shetland, "Headline figures"), "Youth employment rate (16 to 24)")
    assert youth["Shetland Islands (95% interval)"] == "Suppressed"
    assert youth["Rank (1 = best; plausible range)"] == "Not ranked"
    assert youth["Compared with Scotland"] == "No comparison"
    assert "0.0" not in youth["Shetland Islands (95% interval)"]
    # The publisher's own reason is given in the statuses.
    assert (
        "Youth employment rate (16 to 24), 2022: Suppressed: [x1]: not available since the group "
        "sample size is zero or disclosive (0-2)" in text_of(shetland)
    )


def test_key_messages_are_at_most_five_worse_first_and_claim_only_what_intervals_allow(
    catalogue: Catalogue, glasgow: Briefing
) -> None:
    messages = key_messages(catalogue, GLASGOW, "Glasgow City", _rows(catalogue))
    assert 1 <= len(messages) <= 5
    assert messages[0].startswith(
        "Glasgow City is worse than Scotland on: claimant rate (yearly average) (4.6%"
    )
    # The employment rate's interval includes Scotland's figure: it is not called worse.
    assert "employment rate (16 to 64)" not in messages[0]
    # The change sentences are the Overview's own, word for word.
    employment = headline(catalogue, "employment_rate", GLASGOW).sentence
    assert "not significantly different from 2021" in employment
    assert employment in messages
    listed = next(b for b in glasgow.blocks if isinstance(b, Bullets) and b.numbered)
    assert list(listed.items) == messages


def _rows(catalogue: Catalogue) -> list[ProfileRow]:
    return area_profile_rows(catalogue, GLASGOW, neighbour_group(GLASGOW).members)


def test_front_gives_the_date_made_and_the_snapshot_age(glasgow: Briefing) -> None:
    text = text_of(glasgow)
    assert glasgow.title == "Glasgow City: labour market briefing"
    assert "Made 1 December 2026." in text
    assert "Latest figures held: sources published up to 20 January 2026" in text
    assert "315 days before this briefing was made" in text


def test_every_chart_has_alt_text_and_a_data_table(glasgow: Briefing) -> None:
    figures = glasgow.figures()
    assert len(figures) == 4  # the map and three trend charts
    assert all(len(f.alt) > 40 for f in figures)
    appendix = section(glasgow, "Appendix: the data behind the charts")
    tables = {b.caption.split(".")[0]: b for b in appendix if isinstance(b, Table)}
    assert set(tables) == {"Table A1", "Table A2"}
    for figure in figures[1:]:
        assert any(f"table {tid[-2:]}" in figure.alt for tid in tables)
    claimant = tables["Table A1"]
    assert claimant.header == (
        "Period", "Glasgow City", "East Dunbartonshire", "East Renfrewshire",
        "North Lanarkshire", "Renfrewshire", "South Lanarkshire", "West Dunbartonshire",
        "Scotland",
    )  # fmt: skip
    assert claimant.rows[-1][0] == "2025"
    assert claimant.rows[-1][1] == "4.6%"
    assert claimant.rows[-1][-1] == "3.0%"


def test_targets_say_what_is_not_held_for_the_area(glasgow: Briefing) -> None:
    text = " ".join(
        b.text if isinstance(b, Paragraph | Heading) else " ".join(b.items)
        for b in section(glasgow, "Progress to targets")
        if isinstance(b, Paragraph | Heading | Bullets)
    )
    assert "The Young Person's Guarantee has no council-area targets." in text
    assert "council-area estimates of the employment rate of disabled people" in text
    assert "Not held for council areas: Youth unemployment rate, excluding full-time" in text
    assert (
        "Youth claimant rate (16 to 24, March): 7.9% in March 2021 against 3.3% in March 2019"
        in text
    )


def test_scotland_briefing_has_no_ranks_and_gives_the_targets(scotland: Briefing) -> None:
    table = table_with(scotland, "Headline figures for Scotland")
    assert table.header == (
        "Measure", "Period", "Scotland (95% interval)", "Change on the previous period",
    )  # fmt: skip
    assert row_for(table, "Claimant rate (yearly average)")["Scotland (95% interval)"] == "3.0%"
    assert "Disability employment gap" in {r[0] for r in table.rows}
    text = text_of(scotland)
    assert "At least halve the disability employment gap by 2038" in text
    assert len(scotland.figures()) == 3  # the map and two trend charts (no comparator group)


def test_glasgow_briefing_gives_its_row_of_the_published_council_table(glasgow: Briefing) -> None:
    # Table 1 of the Scottish Parliament written answer, April 2019 to June 2025.
    table = table_with(glasgow, "No One Left Behind delivery")
    assert row_for(table, "Participants (council table)")["Glasgow City"] == "12,930"
    assert (
        row_for(table, "Participants who entered employment (council table)")["Glasgow City"]
        == "2,991"
    )
    row = row_for(table, "Participants in employment at 52 weeks (council table)")
    assert row["Glasgow City"] == "560"
    assert row["Period"] == "April 2019 to June 2025 (cumulative)"
    assert row["Status"] == "Official statistics in development"


def test_a_council_missing_from_the_stored_text_is_said_to_be_not_held(
    catalogue: Catalogue,
) -> None:
    stirling = build_briefing(catalogue, "S12000030", made=MADE)
    blocks = section(stirling, "No One Left Behind delivery")
    assert not any(isinstance(b, Table) for b in blocks)
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    assert "Stirling is not in the published council table held here" in text
    assert "12,930" not in text


def test_scotland_briefing_gives_the_newest_cumulative_totals_with_their_edition(
    catalogue: Catalogue,
) -> None:
    scotland = build_briefing(catalogue, "S92000003", made=MADE)
    table = table_with(scotland, "No One Left Behind delivery")
    starts = row_for(table, "People starting support since April 2019 (cumulative)")
    assert (starts["Period"], starts["Scotland"]) == ("April 2019 to September 2024", "73,470")
    assert starts["Edition"].startswith("NOLB Statistical Summary February 2025")
    jobs = row_for(table, "Job entries since April 2019 (cumulative)")
    assert (jobs["Period"], jobs["Scotland"]) == ("April 2019 to September 2024", "22,782")


def test_without_the_delivery_table_the_briefing_says_so(catalogue: Catalogue) -> None:
    bare = Catalogue(catalogue.registry, replace(catalogue._snapshot, delivery=None))
    glasgow = build_briefing(bare, GLASGOW, made=MADE)
    text = " ".join(
        b.text for b in section(glasgow, "No One Left Behind delivery") if isinstance(b, Paragraph)
    )
    assert "not held in the data behind this briefing, so none are shown for Glasgow City" in text


def test_status_words_in_cells(catalogue: Catalogue) -> None:
    rate = catalogue.indicator("youth_employment_rate")
    assert value_cell(56.6, 45.7, 67.5, "ok", rate) == "56.6% (45.7% to 67.5%)"
    assert value_cell(None, None, None, "suppressed", rate) == "Suppressed"
    assert value_cell(float("nan"), None, None, "unreliable", rate) == "Unreliable"
    assert value_cell(54.1, None, None, "unreliable", rate) == "54.1% (unreliable)"
    assert value_cell(3.0, None, None, "provisional", rate) == "3.0% (provisional)"


def test_file_names_say_what_the_file_holds() -> None:
    assert (
        file_name(GLASGOW, "2026-01-20", "pdf")
        == "nolb-briefing_glasgow-city_snapshot-2026-01-20.pdf"
    )
    assert file_name(SCOTLAND, "2026-01-20", "docx") == (
        "nolb-briefing_scotland_snapshot-2026-01-20.docx"
    )
    assert file_name("S12000046", "2026-01-20", "pdf").startswith("nolb-briefing_glasgow-city_")


def test_shetland_uses_its_own_nearest_areas(shetland: Briefing) -> None:
    assert any(isinstance(b, Figure) and "nearest areas" in b.alt for b in shetland.blocks), [
        f.alt for f in shetland.figures()
    ]


def test_the_briefing_map_uses_the_catalogues_boundaries(catalogue: Catalogue) -> None:
    """A refreshed snapshot's boundaries reach the briefing map, not only the dashboard's."""
    refreshed = Path("/store/versions/2026-12-01/council_areas.geojson")
    moved = Catalogue(catalogue.registry, catalogue._snapshot, boundaries_path=refreshed)
    maps = [
        block.chart
        for block in build_briefing(moved, GLASGOW, made=MADE).blocks
        if isinstance(block, Figure) and isinstance(block.chart, MapChart)
    ]
    assert [m.boundaries_path for m in maps] == [refreshed]
    assert [m.highlight for m in maps] == [GLASGOW]
