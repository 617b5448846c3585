"""A digest of what changed for one place since a date, for a partnership's mailing list.

Usage: python -m reports.digest --area CODE|NAME|all --since YYYY-MM-DD [--format text|html]
       [--out FILE_OR_DIR] [--base-url URL]

Writes plain words with the figures, intervals, sources and a link back; `--area all` writes
one file per place into the `--out` directory. No mail is sent: the list's own tool does that.
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from indicators.catalogue import Catalogue, load_current_catalogue
from indicators.release_news import Release
from reports.release_history import releases_for
from reports.subscriptions import (
    Scope,
    UnknownScopeError,
    feed_url,
    item_url,
    public_url,
    releases_since,
    scope_for,
    scopes,
)


class DigestInputError(ValueError):
    """A date or area the digest cannot use; the message says what to give instead."""


def parse_since(text: str, *, today: date | None = None) -> date:
    today = today or datetime.now(UTC).date()
    try:
        since = date.fromisoformat(text.strip())
    except ValueError:
        raise DigestInputError(
            "--since must be a date written YYYY-MM-DD, e.g. 2026-11-01"
        ) from None
    if since > today:
        raise DigestInputError(f"--since is in the future; give a date on or before {today}")
    return since


def _sources(catalogue: Catalogue, indicator_ids: Sequence[str]) -> list[str]:
    lines = []
    for indicator_id in sorted(set(indicator_ids)):
        for release in catalogue.releases_for(indicator_id):
            title = catalogue.indicator(indicator_id).title
            line = (
                f"{title}: {release.publisher}, {release.title} ({release.published}), "
                f"{release.url}"
            )
            if line not in lines:
                lines.append(line)
    return lines


def digest_text(
    scope: Scope, releases: Sequence[Release], catalogue: Catalogue, since: date, *, base_url: str
) -> str:
    chosen = [(r, scope.items(r)) for r in releases_since(releases, since)]
    chosen = [(r, items) for r, items in chosen if items]
    lines = [f"What's new for {scope.name} since {since:%-d %B %Y}", ""]
    if not chosen:
        lines.append(f"No release since {since:%-d %B %Y} changed the figures for {scope.name}.")
    for release, items in chosen:
        lines += [f"Release of {release.released_on:%-d %B %Y} ({release.release})", ""]
        lines += [f"- {i.kind_words}: {i.text}\n  {item_url(base_url, i)}" for i in items]
        lines.append("")
    indicator_ids = [i.indicator_id for _, items in chosen for i in items if i.indicator_id]
    if indicator_ids:
        lines += ["Sources", *[f"- {s}" for s in _sources(catalogue, indicator_ids)], ""]
    lines += [
        "Changes are judged with the figures' 95% confidence intervals: a change is called "
        "significant only when the intervals support it.",
        f"Subscribe to the feed: {feed_url(base_url, scope)}",
        f"Open the dashboard: {base_url}/whats_new?{scope.whats_new_query}",
    ]
    return "\n".join(lines) + "\n"


def digest_html(
    scope: Scope, releases: Sequence[Release], catalogue: Catalogue, since: date, *, base_url: str
) -> str:
    chosen = [(r, scope.items(r)) for r in releases_since(releases, since)]
    chosen = [(r, items) for r, items in chosen if items]
    title = f"What's new for {scope.name} since {since:%-d %B %Y}"
    parts = [
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    if not chosen:
        parts.append(
            f"<p>No release since {since:%-d %B %Y} changed the figures for "
            f"{html.escape(scope.name)}.</p>"
        )
    for release, items in chosen:
        parts.append(f"<h2>Release of {release.released_on:%-d %B %Y}</h2><ul>")
        parts += [
            f"<li><strong>{html.escape(i.kind_words)}</strong>: {html.escape(i.text)} "
            f'<a href="{html.escape(item_url(base_url, i))}">Open in the dashboard</a></li>'
            for i in items
        ]
        parts.append("</ul>")
    indicator_ids = [i.indicator_id for _, items in chosen for i in items if i.indicator_id]
    if indicator_ids:
        parts.append("<h2>Sources</h2><ul>")
        parts += [f"<li>{html.escape(s)}</li>" for s in _sources(catalogue, indicator_ids)]
        parts.append("</ul>")
    parts.append(
        "<p>Changes are judged with the figures' 95% confidence intervals: a change is called "
        "significant only when the intervals support it.</p>"
        f'<p><a href="{html.escape(feed_url(base_url, scope))}">Subscribe to the feed</a></p>'
        "</body></html>"
    )
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--area", required=True, help="area code, name, feed name, or all")
    parser.add_argument("--since", required=True, help="YYYY-MM-DD")
    parser.add_argument("--format", choices=("text", "html"), default="text")
    parser.add_argument("--out", type=Path, default=None, help="file (or directory with all)")
    parser.add_argument("--base-url", default=None, help="dashboard address ($NOLB_PUBLIC_URL)")
    args = parser.parse_args(argv)
    try:
        since = parse_since(args.since)
        chosen = scopes() if args.area.strip().lower() == "all" else [scope_for(args.area)]
    except (DigestInputError, UnknownScopeError) as error:
        print(f"digest: {error}", file=sys.stderr)
        return 2
    if len(chosen) > 1 and args.out is None:
        print("digest: --area all needs --out DIR for one file per place", file=sys.stderr)
        return 2
    catalogue = load_current_catalogue()
    releases = releases_for(catalogue)
    base_url = args.base_url or public_url()
    render = digest_html if args.format == "html" else digest_text
    suffix = "html" if args.format == "html" else "txt"
    if not releases_since(releases, since):
        print(f"digest: no release since {since}; nothing has changed since then", file=sys.stderr)
    for scope in chosen:
        body = render(scope, releases, catalogue, since, base_url=base_url)
        if len(chosen) > 1:
            assert args.out is not None
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"nolb-digest_{scope.slug}_since-{since}.{suffix}").write_text(
                body, encoding="utf-8"
            )
        elif args.out is not None:
            args.out.write_text(body, encoding="utf-8")
        else:
            sys.stdout.write(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
