"""The sections of About the data, in reading order: every indicator, target, event, source
release and method, drawn from the registry and the snapshot manifest (nothing typed twice)."""

from __future__ import annotations

import streamlit as st

from geo.boundaries import ATTRIBUTION
from geo.council_areas import OLD_TO_CURRENT_CODES, area_name, council_areas
from indicators.catalogue import Catalogue
from indicators.feedback_contact import feedback_contact
from indicators.freshness import cadence_words
from indicators.glossary import (
    FREQUENCY_WORDS,
    GEOGRAPHY_WORDS,
    POLARITY_WORDS,
    RANKING_NOTES,
    SIGNIFICANCE_RULES,
    STATUS_EXPLANATIONS,
    TARGET_PATH_NOTE,
    plain_words,
)
from indicators.similar_areas import METHOD_NOTE as SIMILAR_AREAS_METHOD
from indicators.snapshot_holdings import (
    figures_held,
    period_span,
    periods_held,
    short_fingerprint,
    snapshot_kind,
)
from indicators.target_sentences import target_facts
from metadata.registry import COMPLIANCE_WORDS, Indicator
from ui.markdown_tables import markdown_table
from ui.prose import prose
from ui.trend_figures import event_dates_words


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def introduction() -> None:
    st.title("About the data")
    st.markdown(prose("about_introduction"))
    st.markdown(prose("about_contents"))


def indicators(catalogue: Catalogue) -> None:
    """Every declared indicator in one table, then each one's definition, caveats and sources."""
    st.header("Indicators", anchor="indicators")
    declared = catalogue.indicators(include_empty=True)
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
                    periods_held(catalogue, i.id),
                    f"{len(catalogue.observations(i.id)):,}",
                ]
                for i in declared
            ],
        )
    )
    st.caption("Open an indicator below for its definition, caveats and sources.")
    for indicator in declared:
        with st.expander(indicator.title):
            _indicator_details(catalogue, indicator)


def _indicator_details(catalogue: Catalogue, indicator: Indicator) -> None:
    registry = catalogue.registry
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
        f"**Periods held:** {periods_held(catalogue, indicator.id)}",
        f"**Figures held:** {figures_held(catalogue, indicator.id) or 'none'}",
    ]
    st.markdown(_bullets(facts))
    used = {r.source_id for r in catalogue.releases_for(indicator.id)}
    source_lines = []
    for source_id in indicator.sources:
        source = registry.sources[source_id]
        role = "" if source_id in used else " (declared, but no figures in this snapshot)"
        source_lines.append(
            f"{source.publisher}: [{source.title}]({source.url}), published "
            f"{source.published or 'when fetched (a live source)'}. "
            f"Licence: {source.licence}.{role} "
            f"Release timetable: {cadence_words(registry.cadence(source_id))}"
        )
    st.markdown("**Sources** (in order of preference)\n\n" + _bullets(source_lines))
    events = registry.events_for(indicator.id)
    if events:
        st.markdown("**Events marked on its charts:** " + "; ".join(e.title for e in events) + ".")
    targets = registry.targets_for(indicator.id)
    if targets:
        st.markdown("**Targets:** " + "; ".join(t.title for t in targets) + ".")


def targets_and_benchmarks(catalogue: Catalogue) -> None:
    registry = catalogue.registry
    st.header("Targets and benchmarks", anchor="targets")
    for target in registry.targets.values():
        st.subheader(target.title)
        lines = [f"**Policy:** [{target.policy}]({target.url})"] + [
            f"**{label}:** {words}" for label, words in target_facts(catalogue, target)
        ]
        st.markdown(_bullets(lines))
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


def events(catalogue: Catalogue) -> None:
    st.header("Events and series breaks", anchor="events")
    st.markdown(prose("about_events"))
    lines = []
    for event in catalogue.registry.events.values():
        kind = "period" if event.kind == "period" else "series break"
        affects = ", ".join(catalogue.indicator(i).title for i in event.indicators)
        lines.append(
            f"**{event.title}** ({kind}, {event_dates_words(event)}). {event.detail} "
            f"[Source]({event.url}). *Affects:* {affects}."
        )
    st.markdown(_bullets(lines))


def sources_and_releases(catalogue: Catalogue) -> None:
    """The releases read, their files and licences, where sources disagreed, and what the
    build that made this snapshot changed."""
    registry, manifest = catalogue.registry, catalogue.manifest
    st.header("Sources and releases", anchor="sources")
    st.markdown(
        prose(
            "about_sources",
            kind=snapshot_kind(manifest),
            rows=f"{manifest.rows:,}",
            releases=len(manifest.releases),
            version=manifest.snapshot_version,
            fingerprint=short_fingerprint(manifest.observations_sha256),
        )
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
                    period_span(r.first_period, r.last_period),
                    r.release_id,
                ]
                for r in manifest.releases
            ],
        )
    )
    st.subheader("Licences, files and notes")
    release_lines = []
    for r in manifest.releases:
        files = "; ".join(
            f"{f.path.rsplit('/', 1)[-1]} ({short_fingerprint(f.sha256)})" for f in r.files
        )
        notes = " ".join(plain_words(n, registry) for n in r.notes)
        release_lines.append(
            f"**{r.title}** ({r.publisher}). Licence: {r.licence}. Indicators: "
            f"{', '.join(catalogue.indicator(i).title for i in r.indicators)}. Files read, with "
            f"SHA-256 fingerprint shortened: {files}.{' ' + notes if notes else ''}"
        )
    if (delivery := registry.delivery) is not None:
        files = "; ".join(
            f"{f.path.rsplit('/', 1)[-1]} ({short_fingerprint(f.sha256 or '')})"
            for f in (delivery.scotland_file, delivery.council_file)
        )
        release_lines.append(
            f"**{delivery.title}** ({delivery.publisher}; "
            f"[{delivery.collection}]({delivery.url})): {len(catalogue.delivery()):,} figures "
            "held beside the others, each with its edition, as official statistics in "
            "development (see the No One Left Behind delivery page). Licence: "
            f"{delivery.licence} Files read, with SHA-256 fingerprint shortened: {files}. "
            f"{delivery.origin}"
        )
    st.markdown(_bullets(release_lines))
    st.subheader("Where sources disagreed")
    if manifest.resolution_notes:
        st.markdown(prose("about_disagreements"))
        st.markdown(_bullets([plain_words(n, registry) for n in manifest.resolution_notes]))
    else:
        st.markdown(
            "No two sources gave different figures for the same indicator, area and period."
        )
    st.subheader("What changed in this data update")
    changes = catalogue.changes.removeprefix("# Changes in this snapshot build").strip()
    if changes:
        st.markdown(prose("about_changes"))
        st.markdown(plain_words(changes, registry))
    else:
        st.markdown("This snapshot carries no record of what its build changed.")


def statuses() -> None:
    st.header("What the statuses mean", anchor="statuses")
    st.markdown(prose("about_statuses"))
    st.markdown(
        markdown_table(
            ["Status", "Figure shown?", "What it means"],
            [
                [e.label, "Yes" if e.shown else "No, left as a gap", e.meaning]
                for e in STATUS_EXPLANATIONS.values()
            ],
        )
    )


def methods() -> None:
    st.header("Methods", anchor="methods")
    st.subheader("When a difference counts")
    st.markdown(_bullets(list(SIGNIFICANCE_RULES)))
    st.subheader("Rankings and the plausible rank range")
    st.markdown(_bullets(list(RANKING_NOTES)))
    st.subheader("Progress to targets")
    st.markdown(TARGET_PATH_NOTE)
    st.subheader("Similar areas")
    st.markdown(SIMILAR_AREAS_METHOD)


def geography() -> None:
    st.header("Geography", anchor="geography")
    st.markdown(prose("about_geography", areas=len(council_areas())))
    st.markdown(
        markdown_table(
            ["Council area", "Old code", "Current code"],
            [[area_name(new), old, new] for old, new in OLD_TO_CURRENT_CODES.items()],
        )
    )
    st.markdown(prose("about_map_boundaries", attribution=ATTRIBUTION))


MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|~<>$")


def _escaped(text: str) -> str:
    """Markdown's special characters shown as themselves (an address may hold _ or ~)."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in text)


def _write_to_us(catalogue: Catalogue) -> str:
    """The sentence giving this deployment's feedback address, or saying none is set."""
    feedback = catalogue.registry.service.feedback
    contact = feedback_contact()
    if contact is None:
        return feedback.unset
    return f"Write to [{_escaped(contact.label)}]({contact.href}). {feedback.reply}"


def citation_and_feedback(catalogue: Catalogue) -> None:
    service = catalogue.registry.service
    st.header("How to cite these figures", anchor="cite")
    st.markdown(
        service.citation.format(title=service.title, snapshot=catalogue.manifest.snapshot_version)
    )
    st.header("Feedback and contact", anchor="feedback")
    st.markdown(f"{service.feedback.words} {_write_to_us(catalogue)}")


def accessibility_statement(catalogue: Catalogue) -> None:
    """What is accessible, what is not and why, and how to report a problem."""
    service = catalogue.registry.service
    statement = service.accessibility
    st.header("Accessibility statement", anchor="accessibility")
    st.markdown(statement.applies_to)
    st.subheader("How accessible this dashboard is")
    st.markdown(prose("about_accessibility_aim"))
    st.markdown(prose("about_accessibility_what_we_do"))
    st.subheader("Compliance status")
    st.markdown(
        f"This dashboard is {COMPLIANCE_WORDS[statement.compliance]} the Web Content "
        "Accessibility Guidelines version 2.2 AA standard"
        + (", due to the non-compliances listed below." if statement.non_accessible else ".")
    )
    st.subheader("Non-accessible content")
    if statement.non_accessible:
        st.markdown("**Non-compliance with the accessibility regulations**")
        st.markdown(
            _bullets(
                [
                    f"{item.problem} This fails WCAG 2.2 success criterion {item.criteria}. "
                    f"What you can do instead: {item.workaround}"
                    for item in statement.non_accessible
                ]
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
        prose(
            "about_reporting_problems",
            write_to_us=_write_to_us(catalogue),
        )
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
