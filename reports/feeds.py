"""Atom feeds of what each release changed, one feed per place (Scotland, 32 council areas,
8 partnerships), so a partnership hears when its figures move without opening the dashboard.

One entry per release that changed the place; entry ids name the release and the place, so they
never change once published. Only aggregate official statistics go in.

Usage: python -m reports.feeds --out DIR [--base-url URL]  (writes every feed as <slug>.atom)
"""

from __future__ import annotations

import argparse
import html
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from indicators.release_news import Release
from reports.release_history import current_releases
from reports.subscriptions import (
    Scope,
    feed_url,
    item_url,
    public_url,
    scopes,
)

ATOM: Final = "http://www.w3.org/2005/Atom"
FEED_AUTHOR: Final = "No One Left Behind labour-market dashboard"
TAG_AUTHORITY: Final = "tag:nolb-dashboard.scot,2026"
ATOM_MEDIA_TYPE: Final = "application/atom+xml; charset=utf-8"


def _timestamp(released_at: str) -> str:
    """RFC 3339, as Atom requires: a bare date becomes midnight UTC."""
    if len(released_at) == 10:
        return f"{released_at}T00:00:00Z"
    return released_at.replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(scope: Scope, releases: Sequence[Release], *, base_url: str) -> bytes:
    """The feed for one place: newest release first, releases that did not touch it left out."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"})
    _sub(feed, "id", f"{TAG_AUTHORITY}:feed/{scope.slug}")
    _sub(feed, "title", f"What's new for {scope.name}: No One Left Behind labour-market figures")
    _sub(
        feed,
        "subtitle",
        "Official labour-market statistics for Scotland: new figures, revisions and the changes "
        "that matter, judged with their 95% confidence intervals.",
    )
    entries = [(release, scope.items(release)) for release in releases]
    entries = [(release, items) for release, items in entries if items]
    newest = entries[0][0].released_at if entries else (releases[0].released_at if releases else "")
    _sub(feed, "updated", _timestamp(newest or "2026-01-01"))
    author = _sub(feed, "author")
    _sub(author, "name", FEED_AUTHOR)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url(base_url, scope))
    _sub(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=f"{base_url}/whats_new?{scope.whats_new_query}",
    )
    for release, items in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{TAG_AUTHORITY}:release/{release.release}/{scope.slug}")
        count = f"{len(items)} change{'s' if len(items) != 1 else ''}"
        _sub(
            entry,
            "title",
            f"{scope.name}: {count} in the release of {release.released_on:%-d %B %Y}",
        )
        _sub(entry, "updated", _timestamp(release.released_at))
        _sub(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=f"{base_url}/whats_new?{scope.whats_new_query}&since={release.released_on}",
        )
        _sub(entry, "summary", " ".join(f"{i.kind_words}: {i.text}" for i in items[:3]))
        body = "".join(
            f"<li><strong>{html.escape(i.kind_words)}</strong>: {html.escape(i.text)} "
            f'<a href="{html.escape(item_url(base_url, i))}">Open in the dashboard</a></li>'
            for i in items
        )
        _sub(entry, "content", f"<ul>{body}</ul>", type="html")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def write_feeds(releases: Sequence[Release], out: Path, *, base_url: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for scope in scopes():
        path = out / f"{scope.slug}.atom"
        path.write_bytes(atom_feed(scope, releases, base_url=base_url))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="directory for the .atom files")
    parser.add_argument("--base-url", default=None, help="dashboard address ($NOLB_PUBLIC_URL)")
    args = parser.parse_args(argv)
    written = write_feeds(current_releases(), args.out, base_url=args.base_url or public_url())
    print(f"Wrote {len(written)} feeds to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
