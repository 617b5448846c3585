"""Who a change concerns: Scotland, one council area, or one Regional Economic Partnership.

Feeds, the digest and the What's new page's filters share these scopes, so a partnership's feed
holds exactly the items its page filter shows.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from geo.council_areas import SCOTLAND_CODE, council_areas
from geo.partnerships import partnerships
from indicators.release_news import NewsItem, Release
from metadata.registry import slugify

DEFAULT_PUBLIC_URL: Final = "http://localhost:8501"
FEEDS_PATH: Final = "feeds"


@dataclass(frozen=True)
class Scope:
    """A place someone can subscribe to: its slug (feed file name), name and member codes."""

    slug: str
    name: str
    codes: tuple[str, ...]
    kind: str  # "scotland", "council_area" or "partnership"

    def wants(self, item: NewsItem) -> bool:
        return any(code in self.codes for code in item.area_codes)

    def items(self, release: Release) -> list[NewsItem]:
        return [item for item in release.items if self.wants(item)]

    @property
    def whats_new_query(self) -> str:
        if self.kind == "partnership":
            return f"partnership={self.slug}"
        return f"area={self.codes[0]}"


def scopes() -> list[Scope]:
    """Scotland, the 32 council areas, then the eight partnerships (41 in all)."""
    found = [Scope("scotland", "Scotland", (SCOTLAND_CODE,), "scotland")]
    found += [Scope(slugify(a.name), a.name, (a.code,), "council_area") for a in council_areas()]
    found += [
        Scope(slugify(name), name, members, "partnership")
        for name, members in sorted(partnerships().items())
    ]
    return found


class UnknownScopeError(ValueError):
    """Not Scotland, a council area or a partnership; the message lists what is."""


def scope_for(text: str) -> Scope:
    """A scope by slug, area code or name (case-insensitive)."""
    wanted = text.strip().lower()
    for scope in scopes():
        if wanted in (scope.slug, scope.name.lower()) or (
            scope.kind != "partnership" and wanted == scope.codes[0].lower()
        ):
            return scope
    raise UnknownScopeError(
        "not a known area: use S92000003 (Scotland), a council area code such as S12000049, or "
        "a feed name such as glasgow-city or glasgow-city-region"
    )


def public_url() -> str:
    """Where readers reach the dashboard ($NOLB_PUBLIC_URL), for links in feeds and digests."""
    return os.environ.get("NOLB_PUBLIC_URL", DEFAULT_PUBLIC_URL).rstrip("/")


def feed_url(base: str, scope: Scope) -> str:
    return f"{base}/{FEEDS_PATH}/{scope.slug}.atom"


def item_url(base: str, item: NewsItem) -> str:
    query = "&".join(f"{k}={v}" for k, v in item.query.items())
    return f"{base}/{item.page}" + (f"?{query}" if query else "")


def releases_since(releases: Sequence[Release], since: date | None) -> list[Release]:
    """Releases newest first, on or after `since` (all with None)."""
    return [r for r in releases if since is None or r.released_on >= since]
