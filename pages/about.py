"""About the data: every indicator, target, event, source release and method, from the registry
and the snapshot manifest (nothing here is typed twice)."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from geo.boundaries import ATTRIBUTION
from geo.council_areas import OLD_TO_CURRENT_CODES, area_name, council_areas
from indicators.comparator_groups import METHOD_NOTE as SIMILAR_AREAS_METHOD
from indicators.freshness import cadence_words
from indicators.glossary import (
    FREQUENCY_WORDS,
    GEOGRAPHY_WORDS,
    POLARITY_WORDS,
    RANKING_NOTES,
    SIGNIFICANCE_RULES,
    STATUS_EXPLANATIONS,
    TARGET_COMPARISON_WORDS,
    TARGET_PATH_NOTE,
    plain_words,
    status_words,
)
from indicators.units import format_value
from metadata.registry import COMPLIANCE_WORDS
from ui import session, vintages
from ui.markdown_tables import markdown_table
from ui.trend_figures import event_dates_words

catalogue = session.catalogue()
registry = catalogue.registry
manifest = catalogue.manifest


def short_hash(sha256: str) -> str:
    return f"{sha256[:12]}…"


def periods_held(indicator_id: str) -> str:
    periods = catalogue.periods(indicator_id)
    if not periods:
        return "none in this snapshot"
    if len(periods) == 1:
        return periods[0].label
    return f"{periods[0].label} to {periods[-1].label}"


def status_counts(indicator_id: str) -> str:
    counts = Counter(catalogue.observations(indicator_id)["status"])
    return ", ".join(f"{n:,} {status_words(s).lower()}" for s, n in counts.most_common())


st.title("About the data")
st.markdown(
    "Where every figure comes from, what it means and how the dashboard treats it. All of this "
    "page is drawn from the project's registry of sources and indicators and from the record of "
    "the data snapshot, the same records the charts and downloads use."
)
st.markdown(
    "**On this page:** [Indicators](#indicators) · [Vintages](#vintages) · "
    "[Targets and benchmarks](#targets) · "
    "[Events and series breaks](#events) · [Sources and releases](#sources) · "
    "[What the statuses mean](#statuses) · [Methods](#methods) · [Geography](#geography) · "
    "[How to cite](#cite) · [Feedback](#feedback) · [Accessibility statement](#accessibility)"
)

# --- Indicators ---------------------------------------------------------------------------
st.header("Indicators", anchor="indicators")
indicators = catalogue.indicators(include_empty=True)
st.markdown(
    markdown_table(
        [
            "Indicator",
            "Question it answers",
            "Better when",
            "Areas",
            "How often",
            "Periods held",
            "Figures",
        ],
        [
            [
                i.title,
                i.question,
                POLARITY_WORDS[i.polarity].replace(" is better", ""),
                " and ".join(GEOGRAPHY_WORDS[g] for g in i.geographies),
                FREQUENCY_WORDS[i.frequency],
                periods_held(i.id),
                f"{len(catalogue.observations(i.id)):,}",
            ]
            for i in indicators
        ],
    )
)
st.caption("Open an indicator below for its definition, caveats and sources.")
for indicator in indicators:
    with st.expander(indicator.title):
        st.markdown(f"*{indicator.question}*")
        st.markdown(f"**Definition.** {indicator.definition}")
        st.markdown(f"**Caveats.** {indicator.caveats}")
        facts = [
            f"**Unit:** {indicator.unit.description}",
            f"**Direction:** {POLARITY_WORDS[indicator.polarity]}",
            f"**How often:** {FREQUENCY_WORDS[indicator.frequency]}",
            f"**Each figure covers:** {indicator.period_words}",
            "**Areas:** " + " and ".join(GEOGRAPHY_WORDS[g] for g in indicator.geographies),
            "**95% confidence intervals:** "
            + (
                "shown, as published"
                if indicator.has_interval
                else "not shown (none published, or an administrative count)"
            ),
            f"**Periods held:** {periods_held(indicator.id)}",
            f"**Figures held:** {status_counts(indicator.id) or 'none'}",
        ]
        st.markdown("\n".join(f"- {fact}" for fact in facts))
        used = {r.source_id for r in catalogue.releases_for(indicator.id)}
        source_lines = []
        for source_id in indicator.sources:
            source = registry.sources[source_id]
            role = "" if source_id in used else " (declared, but no figures in this snapshot)"
            source_lines.append(
                f"- {source.publisher}: [{source.title}]({source.url}), published "
                f"{source.published or 'when fetched (a live source)'}. "
                f"Licence: {source.licence}.{role} "
                f"Release timetable: {cadence_words(registry.cadence(source_id))}"
            )
        st.markdown("**Sources** (in order of preference)\n\n" + "\n".join(source_lines))
        events = registry.events_for(indicator.id)
        if events:
            st.markdown(
                "**Events marked on its charts:** " + "; ".join(e.title for e in events) + "."
            )
        targets = registry.targets_for(indicator.id)
        if targets:
            st.markdown("**Targets:** " + "; ".join(t.title for t in targets) + ".")

vintages.vintages_section(catalogue)

# --- Targets and benchmarks ------------------------------------------------------------------
st.header("Targets and benchmarks", anchor="targets")
for target in registry.targets.values():
    indicator = catalogue.indicator(target.indicator)
    comparison = TARGET_COMPARISON_WORDS[target.target.comparison]
    st.subheader(target.title)
    lines = [
        f"**Policy:** [{target.policy}]({target.url})",
        f"**Measure:** {indicator.title}, {area_name(target.area)}",
        f"**Baseline:** {format_value(target.baseline.value, indicator)} in "
        f"{target.baseline.period}",
        f"**Target:** {comparison} {format_value(target.target.value, indicator)} by "
        f"{target.target.period}",
    ]
    for milestone in target.milestones:
        measure = catalogue.indicator(milestone.indicator)
        lines.append(
            f"**Milestone:** {measure.title} {TARGET_COMPARISON_WORDS[milestone.comparison]} "
            f"{format_value(milestone.value, measure)} by {milestone.period}"
        )
    st.markdown("\n".join(f"- {line}" for line in lines))
    if target.note:
        st.markdown(target.note)
    if target.context is not None:
        st.markdown(
            f"{target.context.text} Source: [{target.context.source}]({target.context.url})."
        )
for benchmark in registry.benchmarks.values():
    st.subheader(f"Benchmark: {benchmark.title}")
    measures = ", ".join(catalogue.indicator(i).title for i in benchmark.indicators)
    st.markdown(
        f"**Policy:** [{benchmark.policy}]({benchmark.url}). **Year compared with:** "
        f"{benchmark.year}. **Measures:** {measures}.\n\n{benchmark.note}"
    )
st.markdown("How progress is judged against a target is explained under [Methods](#methods).")

# --- Events -----------------------------------------------------------------------------------
st.header("Events and series breaks", anchor="events")
st.markdown(
    "Marked on the trend charts of the indicators they affect: a period as a shaded band, a "
    "series break as a dashed vertical line."
)
event_lines = []
for event in registry.events.values():
    kind = "period" if event.kind == "period" else "series break"
    affects = ", ".join(catalogue.indicator(i).title for i in event.indicators)
    event_lines.append(
        f"- **{event.title}** ({kind}, {event_dates_words(event)}). {event.detail} "
        f"[Source]({event.url}). *Affects:* {affects}."
    )
st.markdown("\n".join(event_lines))

# --- Sources and releases --------------------------------------------------------------------
st.header("Sources and releases", anchor="sources")
kind = "embedded snapshot" if manifest.kind == "embedded" else "refreshed snapshot"
st.markdown(
    f"The dashboard reads one {kind} of {manifest.rows:,} figures from "
    f"{len(manifest.releases)} official releases; the latest was published "
    f"{manifest.snapshot_version}. Each input file's SHA-256 fingerprint is recorded, so every "
    f"figure can be traced to the exact file it came from. The figures file itself has "
    f"fingerprint {short_hash(manifest.observations_sha256)}. The release ID is the one in the "
    "“Release” column of every download."
)
st.markdown(
    markdown_table(
        ["Source", "Published", "Retrieved", "Figures", "Periods", "Release ID"],
        [
            [
                f"{r.publisher}: [{r.title}]({r.url})",
                r.published,
                r.retrieved,
                f"{r.rows:,}",
                r.first_period
                if r.first_period == r.last_period
                else f"{r.first_period} to {r.last_period}",
                r.release_id,
            ]
            for r in manifest.releases
        ],
    )
)
st.subheader("Licences, files and notes")
release_lines = []
for r in manifest.releases:
    files = "; ".join(f"{f.path.rsplit('/', 1)[-1]} ({short_hash(f.sha256)})" for f in r.files)
    notes = " ".join(plain_words(n, registry) for n in r.notes)
    release_lines.append(
        f"- **{r.title}** ({r.publisher}). Licence: {r.licence}. Indicators: "
        f"{', '.join(catalogue.indicator(i).title for i in r.indicators)}. Files read, with "
        f"SHA-256 fingerprint shortened: {files}.{' ' + notes if notes else ''}"
    )
st.markdown("\n".join(release_lines))
st.subheader("Where sources disagreed")
if manifest.resolution_notes:
    st.markdown(
        "Where two sources give a figure for the same indicator, area and period, the registry "
        "says which is preferred. These are the figures where they differed:"
    )
    st.markdown("\n".join(f"- {plain_words(n, registry)}" for n in manifest.resolution_notes))
else:
    st.markdown("No two sources gave different figures for the same indicator, area and period.")

st.subheader("What changed in this data update")
changes = catalogue.changes.removeprefix("# Changes in this snapshot build").strip()
if changes:
    st.markdown(
        "Written by the build that made this snapshot: new indicators and periods, and any "
        "figure revised since the previous build (so a number in an earlier briefing can be "
        "traced)."
    )
    st.markdown(plain_words(changes, registry))
else:
    st.markdown("This snapshot carries no record of what its build changed.")

# --- Statuses ---------------------------------------------------------------------------------
st.header("What the statuses mean", anchor="statuses")
st.markdown(
    "Every figure has a status. Where the publisher explained a missing figure, its own words "
    "are kept beside it in tables and downloads."
)
st.markdown(
    markdown_table(
        ["Status", "Figure shown?", "What it means"],
        [
            [e.label, "Yes" if e.shown else "No, left as a gap", e.meaning]
            for e in STATUS_EXPLANATIONS.values()
        ],
    )
)

# --- Methods ----------------------------------------------------------------------------------
st.header("Methods", anchor="methods")
st.subheader("When a difference counts")
st.markdown("\n".join(f"- {rule}" for rule in SIGNIFICANCE_RULES))
st.subheader("Rankings and the plausible rank range")
st.markdown("\n".join(f"- {note}" for note in RANKING_NOTES))
st.subheader("Progress to targets")
st.markdown(TARGET_PATH_NOTE)
st.subheader("Similar areas")
st.markdown(SIMILAR_AREAS_METHOD)

# --- Geography --------------------------------------------------------------------------------
st.header("Geography", anchor="geography")
st.markdown(
    f"Figures are for Scotland and its {len(council_areas())} council areas, identified by their "
    "current official area codes. Four councils were given new codes after small boundary "
    "changes in 2018 and 2019. Older files still carry the old codes, which the dashboard reads "
    "as the current ones (a link with an old code also works):"
)
st.markdown(
    markdown_table(
        ["Council area", "Old code", "Current code"],
        [[area_name(new), old, new] for old, new in OLD_TO_CURRENT_CODES.items()],
    )
)
st.markdown(
    "The map is drawn from boundaries simplified for display, with no map tiles or internet "
    f"connection needed. {ATTRIBUTION}"
)

# --- Citing and feedback ---------------------------------------------------------------------
service = registry.service
feedback = service.feedback
feedback_link = f"[the issue tracker]({feedback.url})" + (
    " (a placeholder address until the project's public tracker is published)"
    if feedback.placeholder
    else ""
)
st.header("How to cite these figures", anchor="cite")
st.markdown(service.citation.format(title=service.title, snapshot=manifest.snapshot_version))
st.header("Feedback and contact", anchor="feedback")
st.markdown(f"{feedback.words} Write to us on {feedback_link}. {feedback.reply}")

# --- Accessibility statement ------------------------------------------------------------------
statement = service.accessibility
st.header("Accessibility statement", anchor="accessibility")
st.markdown(statement.applies_to)
st.subheader("How accessible this dashboard is")
st.markdown(
    "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. What we do:"
)
st.markdown(
    "\n".join(
        [
            "- Every chart has a text description for screen readers and a data table behind it, "
            "with the same figures as a CSV download.",
            "- Nothing is shown by colour alone: lines also differ in marker shape and line "
            "pattern, comparisons are written in words, and missing areas on the map are "
            "hatched as well as grey.",
            "- Colours come from palettes chosen to be told apart with common forms of colour "
            "blindness (Okabe-Ito for lines; purple and orange, never red and green, for "
            "better and worse), and text meets the AA contrast ratio.",
            "- Every control can be reached and used with the keyboard (an area can be chosen "
            "on the map page from its ranked table), and every view has a web address that can "
            "be shared or bookmarked.",
            "- Missing figures are described in words with the reason, never shown as zero.",
        ]
    )
)
st.subheader("Compliance status")
st.markdown(
    f"This dashboard is {COMPLIANCE_WORDS[statement.compliance]} the Web Content Accessibility "
    "Guidelines version 2.2 AA standard"
    + (", due to the non-compliances listed below." if statement.non_accessible else ".")
)
st.subheader("Non-accessible content")
if statement.non_accessible:
    st.markdown("**Non-compliance with the accessibility regulations**")
    st.markdown(
        "\n".join(
            f"- {item.problem} This fails WCAG 2.2 success criterion {item.criteria}. "
            f"What you can do instead: {item.workaround}"
            for item in statement.non_accessible
        )
    )
st.markdown(f"**Disproportionate burden.** {statement.disproportionate_burden}")
st.markdown(
    f"**Content that is not within the scope of the accessibility regulations.** "
    f"{statement.out_of_scope}"
)
st.subheader("What we are doing to improve accessibility")
st.markdown(statement.improvements)
st.subheader("Reporting accessibility problems")
st.markdown(
    "If you find a problem not listed on this page, or need the figures in another format "
    f"(for example a spreadsheet, large print or plain text), write to us on {feedback_link}. "
    f"{feedback.reply}"
)
st.subheader("Enforcement procedure")
st.markdown(
    f"{statement.enforcement} [Equality Advisory and Support Service (EASS)]"
    f"({statement.enforcement_url})."
)
st.subheader("Preparation of this accessibility statement")
st.markdown(
    f"This statement was prepared on {statement.prepared}. It was last reviewed on "
    f"{statement.reviewed}. {statement.tested}"
)
