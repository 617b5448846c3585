"""What a briefing says about one area, in the dashboard's own words, from the same catalogue.

Every sentence that respects significance comes from the domain functions the pages use
(`summaries.headline`, `comparators.profile_row`, `target_progress`, `benchmark_view`); this
module chooses and orders them. Missing figures keep their status words, never a zero.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pandas as pd

from data_sources.schema import Status
from geo.boundaries import ATTRIBUTION
from geo.council_areas import SCOTLAND_CODE, area_name, is_council_area, normalise_code
from indicators.area_notes import disability_gap_note, no_youth_measures, youth_guarantee_note
from indicators.area_profile import (
    ProfileRow,
    area_profile_rows,
    change_words,
    plausible_range_words,
    rank_words,
    withheld_notes,
    youth_against_benchmark,
    youth_table,
)
from indicators.catalogue import USABLE, Catalogue
from indicators.comparator_groups import ComparatorGroup, join_names, neighbour_group, possessive
from indicators.delivery import (
    CUMULATIVE_JOB_ENTRIES,
    CUMULATIVE_STARTS,
    council_delivery,
    cumulative_figures,
)
from indicators.glossary import (
    CHANGE_WORDS,
    COUNT_NOT_COMPARED,
    JUDGEMENT_WORDS,
    NO_EARLIER_FIGURE,
    NO_FIGURE_HELD,
    STATUS_EXPLANATIONS,
    TRACK_STATUS_WORDS,
    UNCHANGED,
    status_words,
)
from indicators.peer_comparison import is_comparable
from indicators.significance import Comparison, Judgement
from indicators.summaries import Headline, headline
from indicators.target_progress import benchmark_view, milestone_sentence, target_progress
from indicators.units import axis_title, format_change, format_value
from metadata.registry import Indicator, slugify
from reports.charts import Line, MapChart, Shading, TrendChart, decimal_year
from reports.document import (
    Block,
    Briefing,
    Bullets,
    Figure,
    Heading,
    Notes,
    Paragraph,
    Table,
)

FIRST_CHART_YEAR = 2016  # trend charts start here: ten years, and the tables fit the page
MAX_KEY_MESSAGES = 5
FILE_PREFIX = "nolb-briefing"

# The Area profile page's rules, in its words.
COMPARISON_RULE = (
    "An area is called better or worse only when its 95% confidence interval excludes the "
    "figure it is compared with; figures published without an interval are compared as exact "
    "numbers."
)
RANK_RULE = (
    "Each measure is shown for its latest period with council-area figures. Rank 1 is the best "
    "of the 32 council areas; the plausible range is the best and worst rank the 95% intervals "
    "allow. Missing figures stay missing, with the publisher's reason."
)
CHANGE_RULE = "A change is called significant only when the 95% confidence intervals support it."


def date_words(day: date) -> str:
    """'1 December 2026'."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def file_name(area_code: str, snapshot_version: str, extension: str) -> str:
    """'nolb-briefing_glasgow-city_snapshot-2026-01-20.pdf'."""
    name = area_name(area_code)
    return f"{FILE_PREFIX}_{slugify(name)}_snapshot-{slugify(snapshot_version)}.{extension}"


def build_briefing(
    catalogue: Catalogue,
    area_code: str,
    *,
    made: date,
    group: ComparatorGroup | None = None,
) -> Briefing:
    """The briefing for Scotland or a council area (old codes accepted). `group` is the
    comparator group for a council area (its neighbouring areas unless given)."""
    code = normalise_code(area_code)
    name = area_name(code)
    council = is_council_area(code)
    if council and (group is None or not group.members or group.area_code != code):
        group = neighbour_group(code)
    rows = area_profile_rows(catalogue, code, group.members) if council and group else []
    blocks: list[Block] = []
    blocks += _front(catalogue, name, made)
    blocks.append(_map(code, name, catalogue.boundaries_path))
    blocks += _key_messages(catalogue, code, name, rows)
    blocks += _headline_section(catalogue, code, name, rows)
    charts, appendix = _charts(catalogue, code, name, group if council else None)
    blocks += _targets(catalogue, code, name)
    blocks += _delivery(catalogue, code, name)
    blocks += charts
    blocks += _about_the_figures(catalogue, code, name, made, rows)
    blocks += appendix
    return Briefing(
        title=f"{name}: labour market briefing",
        area_code=code,
        area_name=name,
        made=made,
        snapshot_version=catalogue.manifest.snapshot_version,
        subject=(
            f"Official labour-market statistics for {name} from the No One Left Behind "
            f"dashboard, snapshot {catalogue.manifest.snapshot_version}"
        ),
        blocks=tuple(blocks),
    )


# --- front --------------------------------------------------------------------------------


def _front(catalogue: Catalogue, name: str, made: date) -> list[Block]:
    version = catalogue.manifest.snapshot_version
    published = date.fromisoformat(version)
    age = (made - published).days
    kind = "embedded snapshot" if catalogue.origin == "embedded" else "refreshed snapshot"
    return [
        Heading(f"{name}: labour market briefing", 1),
        Paragraph(
            "No One Left Behind: Scotland's labour-market dashboard. Official statistics for "
            f"{name}, with Scotland for comparison."
        ),
        Paragraph(
            f"Made {date_words(made)}. Latest figures held: sources published up to "
            f"{date_words(published)} ({kind} {version}), {age} days before this briefing was "
            "made. Each figure below gives its own period."
        ),
    ]


# --- key messages -----------------------------------------------------------------------------


def _judged_list(rows: Sequence[ProfileRow], judgement: Judgement) -> list[str]:
    return [
        f"{r.indicator.title.lower()} ({format_value(r.summary.area.value, r.indicator)} "
        f"against {format_value(r.summary.scotland, r.indicator)}, "
        f"{'' if r.summary.period is None else r.summary.period.label})"
        for r in rows
        if is_comparable(r.indicator) and r.summary.vs_scotland_judgement is judgement
    ]


def _headlines(catalogue: Catalogue, code: str) -> list[Headline]:
    """Headline sentences for the headline measures held for this area."""
    found = []
    for indicator in catalogue.indicators(headline_only=True):
        if code != SCOTLAND_CODE and not indicator.has_council_areas:
            continue
        summary = headline(catalogue, indicator.id, code)
        if summary.latest is not None:
            found.append(summary)
    return found


def _target_messages(catalogue: Catalogue) -> list[str]:
    """Each target's status in the Overview's words."""
    messages = []
    for target in catalogue.registry.targets.values():
        progress = target_progress(catalogue, target)
        if progress is None:
            continue
        indicator = catalogue.indicator(target.indicator)
        messages.append(
            f"{target.title}: {TRACK_STATUS_WORDS[progress.judged.status].lower()}. Latest: "
            f"{format_value(progress.latest_value, indicator)} in {progress.latest_year}; "
            f"target {format_value(target.target.value, indicator)} by "
            f"{target.target.period}. {progress.judged.rule}"
        )
    return messages


def key_messages(
    catalogue: Catalogue, code: str, name: str, rows: Sequence[ProfileRow]
) -> list[str]:
    """At most five sentences, most important first: for Scotland the targets' status (as on
    the Overview); then differences from Scotland and changes the intervals support, worse
    before better; then the rest."""
    summaries = _headlines(catalogue, code)
    by_judgement = {
        j: [h.sentence for h in summaries if h.judgement is j]
        for j in (Judgement.WORSE, Judgement.BETTER)
    }
    messages: list[str] = []
    if code == SCOTLAND_CODE:
        # As on the Overview: "Are we on track?" comes first for Scotland.
        messages += _target_messages(catalogue)
    worse = _judged_list(rows, Judgement.WORSE)
    better = _judged_list(rows, Judgement.BETTER)
    if worse:
        messages.append(f"{name} is worse than Scotland on: {join_names(worse)}.")
    messages += by_judgement[Judgement.WORSE]
    if better:
        messages.append(f"{name} is better than Scotland on: {join_names(better)}.")
    messages += by_judgement[Judgement.BETTER]
    messages += [
        h.sentence for h in summaries if h.judgement not in (Judgement.WORSE, Judgement.BETTER)
    ]
    return messages[:MAX_KEY_MESSAGES]


def _key_messages(
    catalogue: Catalogue, code: str, name: str, rows: Sequence[ProfileRow]
) -> list[Block]:
    messages = key_messages(catalogue, code, name, rows)
    return [
        Heading("Key messages", 2),
        Bullets(tuple(messages) or ("No figures are held for this area.",), numbered=True),
    ]


# --- headline table ---------------------------------------------------------------------------


def value_cell(
    value: float | None,
    lower: float | None,
    upper: float | None,
    status: str,
    indicator: Indicator,
) -> str:
    """'14.2% (12.1% to 16.3%)', or the status in words when there is no usable figure. An
    estimate the publisher marks unreliable keeps its value, marked as unreliable."""
    missing = value is None or pd.isna(value)
    unreliable = status == Status.UNRELIABLE.value and not missing
    if missing or (status not in USABLE and not unreliable):
        return status_words(status)
    assert value is not None
    text = format_value(value, indicator)
    if lower is not None and upper is not None and not (pd.isna(lower) or pd.isna(upper)):
        text += f" ({format_value(lower, indicator)} to {format_value(upper, indicator)})"
    if status == Status.PROVISIONAL.value:
        text += " (provisional)"
    if unreliable:
        text += " (unreliable)"
    return text


def _youth_table(youth: pd.DataFrame, catalogue: Catalogue, year: int, name: str) -> Table:
    """The grid's youth table (`area_profile.youth_table`) with each figure in its unit and
    period, as a briefing prints it."""
    grid = youth_table(youth, catalogue, year)
    records = []
    for row, measure in zip(grid.itertuples(index=False), youth["indicator_id"], strict=True):
        indicator = catalogue.indicator(str(measure))
        base, base_period, latest, latest_period = row[1], row[2], row[3], row[4]
        records.append(
            (
                row[0],
                base_period if pd.isna(base) else f"{format_value(base, indicator)}, {base_period}",
                latest_period
                if pd.isna(latest)
                else f"{format_value(latest, indicator)}, {latest_period}",
                format_change(None if pd.isna(row[6]) else float(row[6]), indicator),
                row[7],
            )
        )
    return Table(
        caption=f"{possessive(name)} youth measures against its own {year} level",
        header=("Measure", f"{year} figure", "Latest figure", "Change", f"Compared with {year}"),
        rows=tuple(records),
    )


def _council_table(rows: Sequence[ProfileRow], name: str) -> Table:
    records = []
    for row in rows:
        s = row.summary
        rank = rank_words(row)
        plausible = plausible_range_words(row)
        records.append(
            (
                row.indicator.title,
                "–" if s.period is None else s.period.label,
                value_cell(s.area.value, s.area.lower_95, s.area.upper_95, s.status, row.indicator),
                format_value(s.scotland, row.indicator),
                f"{rank} ({plausible})" if plausible else rank,
                COUNT_NOT_COMPARED
                if not is_comparable(row.indicator)
                else JUDGEMENT_WORDS[s.vs_scotland_judgement],
                change_words(row),
            )
        )
    return Table(
        caption=f"Headline figures for {name}, each for its latest period with council-area "
        "figures",
        header=(
            "Measure",
            "Period",
            f"{name} (95% interval)",
            "Scotland",
            "Rank (1 = best; plausible range)",
            "Compared with Scotland",
            "Change on the previous period",
        ),
        rows=tuple(records),
    )


def _scotland_table(catalogue: Catalogue) -> Table:
    records = []
    for indicator in catalogue.indicators():
        summary = headline(catalogue, indicator.id, SCOTLAND_CODE)
        latest = summary.latest
        if latest is None:
            continue
        change = (
            NO_EARLIER_FIGURE
            if summary.previous is None or summary.change is None
            else f"{format_change(summary.change, indicator)} on "
            f"{summary.previous['period_label']}: "
            + (
                UNCHANGED
                if summary.comparison is Comparison.SAME
                else CHANGE_WORDS[summary.judgement]
            )
        )
        records.append(
            (
                indicator.title,
                str(latest["period_label"]),
                value_cell(
                    float(latest["value"]),
                    None if pd.isna(latest["lower_95"]) else float(latest["lower_95"]),
                    None if pd.isna(latest["upper_95"]) else float(latest["upper_95"]),
                    str(latest["status"]),
                    indicator,
                ),
                change,
            )
        )
    return Table(
        caption="Headline figures for Scotland, each for its latest period",
        header=("Measure", "Period", "Scotland (95% interval)", "Change on the previous period"),
        rows=tuple(records),
    )


def _headline_section(
    catalogue: Catalogue, code: str, name: str, rows: Sequence[ProfileRow]
) -> list[Block]:
    if code == SCOTLAND_CODE:
        return [
            Heading("Headline figures", 2),
            Paragraph(
                "The latest official figure for each measure, with the change on the previous "
                f"period. {CHANGE_RULE}",
                small=True,
            ),
            _scotland_table(catalogue),
        ]
    return [
        Heading("Headline figures", 2),
        Paragraph(f"{RANK_RULE} {COMPARISON_RULE}", small=True),
        _council_table(rows, name),
    ]


# --- map and trend charts ---------------------------------------------------------------------


def _points(catalogue: Catalogue, indicator_id: str, code: str) -> pd.DataFrame:
    rows = catalogue.series(indicator_id, code)
    return rows[rows["period_end"].str[:4].astype(int) >= FIRST_CHART_YEAR]


def _line(frame: pd.DataFrame, label: str, role: str, periods: Sequence[str]) -> Line:
    xs, ys, lower, upper = [], [], [], []
    ends = dict(zip(frame["period"], frame["period_end"], strict=True))
    for period in periods:
        if period not in ends:
            continue
        row = frame[frame["period"] == period].iloc[0]
        usable = str(row["status"]) in USABLE and pd.notna(row["value"])
        xs.append(decimal_year(str(ends[period])))
        ys.append(float(row["value"]) if usable else None)
        lower.append(float(row["lower_95"]) if usable and pd.notna(row["lower_95"]) else None)
        upper.append(float(row["upper_95"]) if usable and pd.notna(row["upper_95"]) else None)
    has_band = any(v is not None for v in lower)
    return Line(
        label,
        role,  # type: ignore[arg-type]
        tuple(xs),
        tuple(ys),
        tuple(lower) if has_band else (),
        tuple(upper) if has_band else (),
    )


def _cell(frame: pd.DataFrame, period: str, indicator: Indicator) -> str:
    rows = frame[frame["period"] == period]
    if rows.empty:
        return NO_FIGURE_HELD
    row = rows.iloc[0]
    lower = None if pd.isna(row["lower_95"]) else float(row["lower_95"])
    upper = None if pd.isna(row["upper_95"]) else float(row["upper_95"])
    value = None if pd.isna(row["value"]) else float(row["value"])
    return value_cell(value, lower, upper, str(row["status"]), indicator)


def _frames(
    catalogue: Catalogue, indicator_id: str, areas: Sequence[tuple[str, str, str]]
) -> list[tuple[str, str, pd.DataFrame]]:
    return [(label, role, _points(catalogue, indicator_id, c)) for c, label, role in areas]


def _periods(frames: Sequence[tuple[str, str, pd.DataFrame]]) -> pd.DataFrame:
    rows = pd.concat([f for _, _, f in frames])
    return rows.drop_duplicates("period").sort_values("period_end")


def _data_table(
    catalogue: Catalogue,
    indicator_id: str,
    areas: Sequence[tuple[str, str, str]],
    table_id: str,
    heading: str,
    figures: str,
) -> Table:
    """The figures behind one or more charts of the same measure, every status in words."""
    indicator = catalogue.indicator(indicator_id)
    frames = _frames(catalogue, indicator_id, areas)
    ordered = _periods(frames)
    return Table(
        caption=f"Table {table_id}. {heading} (data for {figures})",
        header=("Period", *[label for label, _, _ in frames]),
        rows=tuple(
            (str(label), *[_cell(frame, str(p), indicator) for _, _, frame in frames])
            for p, label in zip(ordered["period"], ordered["period_label"], strict=True)
        ),
        small=True,
    )


def _trend(
    catalogue: Catalogue,
    indicator_id: str,
    areas: Sequence[tuple[str, str, str]],
    number: int,
    table_id: str,
    heading: str,
    alt_lead: str,
) -> list[Block]:
    """A trend chart of (code, label, role) areas; empty if the first area has no data."""
    indicator = catalogue.indicator(indicator_id)
    frames = _frames(catalogue, indicator_id, areas)
    if frames[0][2].empty:
        return []
    ordered = _periods(frames)
    periods = list(ordered["period"])
    labels = dict(zip(ordered["period"], ordered["period_label"], strict=True))
    lines = tuple(_line(frame, label, role, periods) for label, role, frame in frames)
    shown_from = decimal_year(str(ordered["period_end"].iloc[0]))
    shown_to = decimal_year(str(ordered["period_end"].iloc[-1]))
    shadings = tuple(
        Shading(
            event.title,
            decimal_year(event.start),
            None if event.end is None else decimal_year(event.end),
        )
        for event in catalogue.registry.events_for(indicator_id)
        if decimal_year(event.start) <= shown_to
        and (event.end is None or decimal_year(event.end) >= shown_from)
    )
    first, last = labels[periods[0]], labels[periods[-1]]
    latest = [f"{label} {_cell(frame, periods[-1], indicator)}" for label, _, frame in frames[:1]]
    scotland = [
        f"Scotland {_cell(frame, periods[-1], indicator)}"
        for _, role, frame in frames
        if role == "scotland"
    ]
    marked = [s.label for s in shadings]
    alt = (
        f"{alt_lead}, {first} to {last}. In {last}: {join_names(latest + scotland)}."
        + (f" Marked: {join_names(marked)}." if marked else "")
        + f" The figures are in table {table_id}."
    )
    figure = Figure(
        TrendChart(axis_title(indicator), lines, shadings),
        alt=alt,
        caption=f"Figure {number}. {heading}, {first} to {last}. Data: table {table_id} in the "
        "appendix.",
    )
    return [Heading(heading, 3), figure]


def _map(code: str, name: str, boundaries_path: Path | None) -> Figure:
    is_scotland = code == SCOTLAND_CODE
    return Figure(
        MapChart(None if is_scotland else code, boundaries_path),
        alt=(
            "Map of Scotland's 32 council areas, all shaded: the figures are for Scotland as "
            "a whole."
            if is_scotland
            else f"Map of Scotland's 32 council areas with {name} shaded in blue and outlined."
        ),
        caption=f"{name} on the map of Scotland's council areas. {ATTRIBUTION}",
    )


def _charts(
    catalogue: Catalogue, code: str, name: str, group: ComparatorGroup | None
) -> tuple[list[Block], list[Block]]:
    """Two or three trend charts; and the appendix with their data (one table per measure)."""
    is_scotland = code == SCOTLAND_CODE
    own = [(code, name, "area")]
    scotland = [] if is_scotland else [(SCOTLAND_CODE, "Scotland", "scotland")]
    peers = [] if group is None else [(m, area_name(m), "peer") for m in group.members]
    and_scotland = "" if is_scotland else " and Scotland"
    blocks: list[Block] = [Heading("Trends", 2)]
    appendix: list[Block] = [Heading("Appendix: the data behind the charts", 2)]
    claimant = _trend(
        catalogue, "claimant_rate", own + scotland, 1, "A1",
        f"Claimant rate: {name}{and_scotland}",
        f"Line chart of the claimant rate for {name}{and_scotland}",
    )  # fmt: skip
    youth = _trend(
        catalogue, "youth_claimant_rate", own + scotland, 2, "A2",
        f"Youth claimant rate (16 to 24): {name}{and_scotland}",
        f"Line chart of the youth claimant rate (16 to 24) for {name}{and_scotland}",
    )  # fmt: skip
    against_group: list[Block] = []
    if group is not None and peers:
        against_group = _trend(
            catalogue, "claimant_rate", own + peers + scotland, 3, "A1",
            f"Claimant rate: {name} against its {group.short_label}",
            f"Line chart of the claimant rate for {name} (blue), its {group.short_label} "
            f"({join_names(list(group.member_names))}, grey) and Scotland (dashed)",
        )  # fmt: skip
    blocks += claimant + youth + against_group
    if against_group and group is not None:
        blocks.append(Paragraph(group.description, small=True))
    if claimant:
        figures = "figures 1 and 3" if against_group else "figure 1"
        areas = own + peers + scotland if against_group else own + scotland
        heading = f"Claimant rate: {name}" + (
            f", its {group.short_label} and Scotland" if against_group and group else and_scotland
        )
        appendix.append(_data_table(catalogue, "claimant_rate", areas, "A1", heading, figures))
    if youth:
        appendix.append(
            _data_table(
                catalogue,
                "youth_claimant_rate",
                own + scotland,
                "A2",
                f"Youth claimant rate (16 to 24): {name}{and_scotland}",
                "figure 2",
            )  # fmt: skip
        )
    return blocks, appendix


# --- targets ----------------------------------------------------------------------------------


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


def _targets(catalogue: Catalogue, code: str, name: str) -> list[Block]:
    registry = catalogue.registry
    blocks: list[Block] = [Heading("Progress to targets", 2)]
    deg_target = registry.targets["halve_disability_employment_gap"]
    deg = catalogue.indicator(deg_target.indicator)
    blocks.append(Heading("Disability employment gap: at least halve it by 2038", 3))
    blocks.append(
        Paragraph(
            f"Target: {deg_target.title.lower()}, from "
            f"{format_value(deg_target.baseline.value, deg)} in {deg_target.baseline.period} to "
            f"at most {format_value(deg_target.target.value, deg)} by {deg_target.target.period}."
            f" Source: {deg_target.policy} ({deg_target.url})."
        )
    )
    progress = target_progress(catalogue, deg_target)
    if progress is None:
        blocks.append(Paragraph("No published figure for the disability employment gap is held."))
    else:
        blocks.append(
            Paragraph(
                f"Scotland, status against the straight-line path: "
                f"{TRACK_STATUS_WORDS[progress.judged.status]}. Latest: "
                f"{format_value(progress.latest_value, deg)} in {progress.latest_year}; target "
                f"{format_value(deg_target.target.value, deg)} by {deg_target.target.period}. "
                f"{progress.judged.rule}"
            )
        )
        milestones = [milestone_sentence(m) for m in progress.milestones]
        shown = [_plain(m) for m in milestones if m is not None]
        if shown:
            blocks.append(Paragraph("Milestones: the employment rate of disabled people."))
            blocks.append(Bullets(tuple(shown)))
    if code != SCOTLAND_CODE:
        blocks.append(Paragraph(disability_gap_note(catalogue)))

    ypg_target = registry.targets["young_persons_guarantee_pre_covid"]
    ypg = catalogue.indicator(ypg_target.indicator)
    benchmark = registry.benchmarks["young_persons_guarantee_2019"]
    blocks.append(Heading("Young Person's Guarantee: back to pre-COVID levels", 3))
    blocks.append(Paragraph(f"{benchmark.note} Source: {benchmark.policy} ({benchmark.url})."))
    ypg_progress = target_progress(catalogue, ypg_target)
    if ypg_progress is not None:
        met = ypg_progress.latest_value <= ypg_target.target.value
        blocks.append(
            Paragraph(
                f"Scotland: {ypg.title.lower()}, {format_value(ypg_progress.latest_value, ypg)} "
                f"in {ypg_progress.latest_year}; pre-COVID level ({ypg_target.baseline.period}) "
                f"{format_value(ypg_target.target.value, ypg)}. Back to the pre-COVID level? "
                f"{'Yes' if met else 'Not yet'}. No interval is published for this measure, so "
                "the point estimate is compared."
            )
        )
    if code == SCOTLAND_CODE:
        for indicator_id in benchmark.indicators[1:]:
            indicator = catalogue.indicator(indicator_id)
            view = benchmark_view(catalogue, benchmark, indicator_id)
            sentences = [s for s in (view.scotland_sentence, view.council_sentence) if s]
            blocks.append(Paragraph(f"{indicator.title}: {' '.join(sentences)}"))
        return blocks
    blocks.append(Paragraph(youth_guarantee_note(name, benchmark)))
    youth = youth_against_benchmark(catalogue, code)
    if youth.empty:
        blocks.append(Paragraph(no_youth_measures(name)))
    else:
        blocks.append(Bullets(tuple(f"{r.indicator}: {r.sentence}" for r in youth.itertuples())))
        blocks.append(_youth_table(youth, catalogue, benchmark.year, name))
    scotland_only = [
        catalogue.indicator(i).title
        for i in benchmark.indicators
        if not catalogue.indicator(i).has_council_areas
    ]
    if scotland_only:
        blocks.append(
            Paragraph(
                f"Not held for council areas: {join_names(scotland_only)}. "
                f"{'It is' if len(scotland_only) == 1 else 'They are'} shown for Scotland only."
            )
        )
    return blocks


# --- No One Left Behind delivery -------------------------------------------------------------


def _delivery(catalogue: Catalogue, code: str, name: str) -> list[Block]:
    """No One Left Behind's own figures: the council's row of the council table (or why it is
    not held), or for Scotland the newest cumulative totals, each with its edition."""
    blocks: list[Block] = [Heading("No One Left Behind delivery", 2)]
    declared = catalogue.registry.delivery
    if declared is None or catalogue.delivery().empty:
        blocks.append(
            Paragraph(
                "No One Left Behind's own delivery statistics are not held in the data behind "
                f"this briefing, so none are shown for {name}."
            )
        )
        return blocks
    measures = catalogue.delivery_measures()
    row = council_delivery(catalogue, code)
    if row is None:
        totals = cumulative_figures(catalogue, (CUMULATIVE_STARTS, CUMULATIVE_JOB_ENTRIES))
        newest = totals.groupby("Measure", sort=False).tail(1)
        blocks.append(
            Table(
                caption=f"No One Left Behind delivery figures for {name}, newest totals held",
                header=("Measure", "Period", name, "Edition"),
                rows=tuple(
                    (str(r.Measure), str(r.Period), str(r.Figure), str(r.Edition))
                    for r in newest.itertuples(index=False)
                ),
            )
        )
    elif not row.held:
        blocks.append(
            Paragraph(
                f"{name} is not in the published council table held here (Table 1 of a "
                f"Scottish Parliament written answer, {row.period_label}): the stored text of "
                "the answer ends after Renfrewshire, so its figures are not held and none are "
                "shown."
            )
        )
    else:
        blocks.append(
            Table(
                caption=f"No One Left Behind delivery figures for {name}",
                header=("Measure", "Period", name, "Status"),
                rows=tuple(
                    (
                        measures[measure].title,
                        f"{row.period_label} (cumulative)",
                        "–" if value is None else f"{value:,.0f}",
                        row.status_words,
                    )
                    for measure, value in row.figures.items()
                ),
            )
        )
    blocks.append(Paragraph(" ".join(declared.caveats), small=True))
    return blocks
    records = []
    for indicator in measures:
        rows = catalogue.series(indicator.id, code)
        if rows.empty:
            records.append((indicator.title, "–", NO_FIGURE_HELD, ""))
            continue
        row = rows.iloc[-1]
        value = None if pd.isna(row["value"]) else float(row["value"])
        detail = row["status_detail"] if isinstance(row["status_detail"], str) else None
        records.append(
            (
                indicator.title,
                str(row["period_label"]),
                value_cell(value, None, None, str(row["status"]), indicator),
                status_words(str(row["status"]), detail),
            )
        )
    blocks.append(
        Table(
            caption=f"No One Left Behind delivery figures for {name}",
            header=("Measure", "Period", name, "Status"),
            rows=tuple(records),
        )
    )
    return blocks


# --- sources, definitions, statuses, citation --------------------------------------------------


def _used_indicators(catalogue: Catalogue, code: str) -> list[Indicator]:
    """The measures a briefing shows: for a council area, those with council figures and the
    Scotland-only target measures it quotes."""
    if code == SCOTLAND_CODE:
        return catalogue.indicators()
    quoted = {
        "disability_employment_gap",
        "disabled_employment_rate",
        "youth_unemployment_rate_excl_ft_students",
    }
    return [i for i in catalogue.indicators() if i.has_council_areas or i.id in quoted]


def _about_the_figures(
    catalogue: Catalogue, code: str, name: str, made: date, rows: Sequence[ProfileRow]
) -> list[Block]:
    indicators = _used_indicators(catalogue, code)
    blocks: list[Block] = [Heading("Sources, definitions and caveats", 2)]
    blocks.append(
        Notes(tuple((i.title, f"{i.definition} Caveats: {i.caveats}") for i in indicators))
    )
    releases = {}
    for indicator in indicators:
        for release in catalogue.releases_for(indicator.id):
            releases[release.release_id] = release
    blocks.append(Heading("Sources", 3))
    blocks.append(
        Bullets(
            tuple(
                f"{r.publisher}, {r.title} (published {r.published}). {r.url}. Licence: "
                f"{r.licence}."
                for r in releases.values()
            ),
            small=True,
        )
    )
    blocks.append(Heading("Statuses", 3))
    present = _statuses_shown(catalogue, code, indicators)
    blocks.append(
        Bullets(
            tuple(
                f"{explanation.label}: {explanation.meaning}"
                for status, explanation in STATUS_EXPLANATIONS.items()
                if status.value in present
            )
            or ("Every figure in this briefing is published as it stands.",),
            small=True,
        )
    )
    not_shown = [
        f"{r.indicator.title}, {r.summary.period.label}: "
        f"{status_words(r.summary.status, r.summary.status_detail)}"
        for r in rows
        if r.summary.period is not None and r.summary.status not in USABLE
    ]
    if not_shown:
        blocks.append(Paragraph(f"Figures for {name} not published, in the publisher's words:"))
        blocks.append(Bullets(tuple(not_shown), small=True))
    withheld = _grouped_notes(withheld_notes(rows))
    if withheld:
        blocks.append(Paragraph("Newer periods not published for council areas:"))
        blocks.append(Bullets(tuple(withheld), small=True))
    publishers = sorted({r.publisher for r in releases.values()})
    blocks.append(Heading("How to cite", 3))
    blocks.append(
        Paragraph(
            f"{name}: labour market briefing. No One Left Behind labour-market dashboard, made "
            f"{date_words(made)} from the data snapshot of {catalogue.manifest.snapshot_version}. "
            f"Figures: the {len(publishers)} official publishers listed under Sources. Contains "
            "public sector information licensed under the Open Government Licence v3.0 unless a "
            "source above says otherwise."
        )
    )
    return blocks


def _statuses_shown(catalogue: Catalogue, code: str, indicators: Sequence[Indicator]) -> set[str]:
    """The statuses other than OK among this area's and Scotland's figures for these measures."""
    codes = [code] if code == SCOTLAND_CODE else [code, SCOTLAND_CODE]
    found: set[str] = set()
    for indicator in indicators:
        found |= set(catalogue.observations(indicator.id, area_codes=codes)["status"])
    return found - {Status.OK.value}


def _grouped_notes(notes: Sequence[str]) -> list[str]:
    """Notes that share the publisher's explanation are listed once, measures joined."""
    grouped: dict[str, list[str]] = {}
    for note in notes:
        head, _, detail = note.partition(". ")
        grouped.setdefault(detail, []).append(head.rstrip("."))
    return [
        f"{'; '.join(heads)}." + (f" {detail}" if detail else "")
        for detail, heads in grouped.items()
    ]
