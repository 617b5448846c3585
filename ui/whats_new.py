"""The What's new page's sections: filters, the releases' changes in plain words, feeds.

Filters and the date come from the URL (`area`, `partnership`, `indicator`, `since`) and are
parsed strictly: an unknown value gets one plain message and the default, never an echo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import streamlit as st

from geo.council_areas import SCOTLAND_CODE, area_name, council_areas
from geo.partnerships import partnerships
from indicators.catalogue import Catalogue
from indicators.release_news import NewsItem, Release
from reports.release_history import releases_for
from reports.subscriptions import FEEDS_PATH, Scope, item_url, scope_for, scopes
from ui import session, url_state
from ui.url_synced import keep_in_step_with_url

ALL = ""


@dataclass(frozen=True)
class Filters:
    area: str  # area code, or ALL
    partnership: str  # partnership name, or ALL
    indicator: str  # indicator id, or ALL
    since: date | None


def releases() -> list[Release]:
    """Every release traced back from the snapshot in use, newest first (cached per snapshot)."""
    return releases_for(session.catalogue())


def parse_since(raw: str | None, *, today: date | None = None) -> tuple[date | None, str | None]:
    """A `since` date from the URL, or None with a message saying what went wrong."""
    if raw is None or raw == "":
        return None, None
    today = today or datetime.now(UTC).date()
    try:
        since = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        since = None
    if since is None:
        return (
            None,
            "The link's date is not a date written YYYY-MM-DD, so the latest release is shown.",
        )
    if since > today:
        return None, "The link's date is in the future, so the latest release is shown."
    return since, None


def filters(catalogue: Catalogue) -> Filters:
    """The three pickers and the date, following the URL."""
    messages: list[str] = []
    areas = {ALL: "All areas", SCOTLAND_CODE: "Scotland"} | {
        a.code: a.name for a in council_areas()
    }
    groups = {ALL: "Any partnership"} | {name: name for name in sorted(partnerships())}
    indicators = {ALL: "All indicators"} | {i.id: i.title for i in catalogue.indicators()}

    def from_url(param: str, allowed: dict[str, str]) -> str:
        raw = url_state.get(param)
        if raw is None or raw == "" or raw in allowed:
            return raw or ALL
        if param == "area":
            parsed = url_state.parse_area(raw, allow_scotland=True)
            if parsed.value in allowed:
                return str(parsed.value)
        if param == "partnership":
            try:
                scope = scope_for(raw)
                if scope.kind == "partnership":
                    return scope.name
            except ValueError:
                pass
        messages.append(f"The link's {param} is not recognised, so all are shown.")
        return ALL

    url_area = from_url("area", areas)
    url_group = from_url("partnership", groups)
    url_indicator = from_url("indicator", indicators)
    since, since_message = parse_since(url_state.get("since"))
    if since_message:
        messages.append(since_message)
    for message in messages:
        st.info(message, icon=":material/info:")

    def picker(label: str, options: dict[str, str], param: str, url_value: str) -> str:
        """One filter kept in step with the URL ("all" is the default and leaves the URL)."""
        key = f"whats_new_{param}"
        to_param = _partnership_slug if param == "partnership" else str
        return keep_in_step_with_url(
            lambda: st.selectbox(label, list(options), key=key, format_func=options.__getitem__),
            key=key,
            from_url=None if url_value == ALL else url_value,
            default=ALL,
            clean=lambda current: current if current in options else ALL,
            to_params=lambda value: {param: to_param(value) if value else None},
        )

    columns = st.columns(3)
    with columns[0]:
        area = picker("Area", areas, "area", url_area)
    with columns[1]:
        group = picker("Regional Economic Partnership", groups, "partnership", url_group)
    with columns[2]:
        indicator = picker("Indicator", indicators, "indicator", url_indicator)
    return Filters(area, group, indicator, since)


def _partnership_slug(name: str) -> str:
    return scope_for(name).slug


def matching(items: Sequence[NewsItem], chosen: Filters) -> list[NewsItem]:
    kept = list(items)
    if chosen.area:
        kept = [i for i in kept if chosen.area in i.area_codes]
    if chosen.partnership:
        members = set(partnerships()[chosen.partnership])
        kept = [i for i in kept if members & set(i.area_codes)]
    if chosen.indicator:
        kept = [i for i in kept if i.indicator_id == chosen.indicator]
    return kept


def release_heading(release: Release) -> str:
    kind = "embedded snapshot" if release.release.startswith("embedded-") else "refresh"
    return f"Release of {release.released_on:%-d %B %Y} ({kind} {release.release})"


def release_items(release: Release, items: Sequence[NewsItem]) -> None:
    """One release's changes, most important first, each with a link to the right view."""
    st.subheader(release_heading(release))
    if not items:
        st.write("This release changed nothing that matches the filters.")
        return
    for item in items:
        link = item_url("", item)
        st.markdown(f"**{item.kind_words}.** {_plain(item.text)} [Open]({link})")


def _plain(text: str) -> str:
    """Our own sentences, escaped so nothing in a name or label acts as Markdown."""
    for character in "\\`*_{}[]<>()#+!|$~":
        text = text.replace(character, "\\" + character)
    return text


def releases_section(chosen: Filters) -> None:
    """The latest release, or every release since the chosen date, newest first."""
    on_record = releases()
    shown = [r for r in on_record if chosen.since is None or r.released_on >= chosen.since]
    if chosen.since is None:
        shown = shown[:1]
    if not shown:
        if chosen.since is not None:
            st.info(f"No release since {chosen.since:%-d %B %Y}.", icon=":material/info:")
        else:
            st.info("No release is on record for the snapshot in use.", icon=":material/info:")
    for release in shown:
        if release.previous_release is None:
            st.subheader(release_heading(release))
            st.info(
                "This is the first release on record, so there is nothing to compare it with. "
                "The next release will be compared with it.",
                icon=":material/info:",
            )
            continue
        release_items(release, matching(release.items, chosen))


def feeds_section(chosen: Filters) -> None:
    """Subscribe: the feed for the chosen place first, then every feed."""
    st.subheader("Subscribe")
    st.markdown(
        "Each place has an Atom feed with one entry per release that changed its figures. Add "
        "its address to a feed reader, or ask your mailing list tool to follow it."
    )
    wanted = _chosen_scope(chosen)
    if wanted is not None:
        st.markdown(f"[Feed for {wanted.name}](/{FEEDS_PATH}/{wanted.slug}.atom)")
    with st.expander("Every feed"):
        st.markdown("\n".join(f"- [{s.name}](/{FEEDS_PATH}/{s.slug}.atom)" for s in scopes()))


def _chosen_scope(chosen: Filters) -> Scope | None:
    if chosen.partnership:
        return scope_for(chosen.partnership)
    if chosen.area:
        return scope_for(chosen.area)
    return scope_for(SCOTLAND_CODE)


def subscribe_link(area_code: str) -> None:
    """The Area profile's link to the area's feed."""
    scope = scope_for(area_code)
    st.markdown(
        f":material/rss_feed: [Subscribe to {area_name(area_code)}'s updates]"
        f"(/{FEEDS_PATH}/{scope.slug}.atom) (Atom feed) · "
        f"[What's new for {area_name(area_code)}](/whats_new?area={area_code})"
    )
