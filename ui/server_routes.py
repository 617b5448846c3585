"""HTTP routes served beside the pages (see serve.py): the Atom feeds and their index, and
the plotly.js the kept charts draw with (ui.plotly_asset).

They read the same snapshot the pages do, through reports.release_history, and answer with
the right media types; an unknown feed name is a plain 404 page, never a traceback.
"""

from __future__ import annotations

import html
from typing import Final

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from reports.feeds import ATOM_MEDIA_TYPE, atom_feed
from reports.release_history import current_releases
from reports.subscriptions import (
    DEFAULT_PUBLIC_URL,
    FEEDS_PATH,
    UnknownScopeError,
    public_url,
    scope_for,
    scopes,
)
from ui import plotly_asset

NOT_FOUND: Final = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>Feed not found</title></head><body>'
    "<h1>Feed not found</h1><p>There is no feed of that name. "
    f'<a href="/{FEEDS_PATH}/">See every feed</a>.</p></body></html>'
)


def _base_url(request: Request) -> str:
    """Links in feeds point where the reader came from, unless NOLB_PUBLIC_URL says otherwise."""
    configured = public_url()
    if configured != DEFAULT_PUBLIC_URL:
        return configured
    return str(request.base_url).rstrip("/")


async def feed(request: Request) -> Response:
    name = str(request.path_params.get("name", ""))
    if not name.endswith(".atom"):
        return HTMLResponse(NOT_FOUND, status_code=404)
    try:
        scope = scope_for(name.removesuffix(".atom"))
    except UnknownScopeError:
        return HTMLResponse(NOT_FOUND, status_code=404)
    if scope.slug != name.removesuffix(".atom"):
        return HTMLResponse(NOT_FOUND, status_code=404)
    body = atom_feed(scope, current_releases(), base_url=_base_url(request))
    return Response(body, media_type=ATOM_MEDIA_TYPE, headers={"Cache-Control": "max-age=300"})


async def feed_index(request: Request) -> Response:
    base = _base_url(request)
    items = "".join(
        f'<li><a href="{html.escape(base)}/{FEEDS_PATH}/{s.slug}.atom">'
        f"{html.escape(s.name)}</a></li>"
        for s in scopes()
    )
    page = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        "<title>Feeds: what's new in Scotland's labour-market figures</title></head><body>"
        "<h1>Feeds of what's new</h1><p>One Atom feed for Scotland, each council area and each "
        "Regional Economic Partnership. Add a feed's address to your feed reader.</p>"
        f"<ul>{items}</ul></body></html>"
    )
    return HTMLResponse(page)


async def plotly_js(request: Request) -> Response:
    """plotly.js, compressed once and cacheable for a year (its address names its version)."""
    headers = {"Cache-Control": plotly_asset.CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        body = plotly_asset.gzipped()
    else:
        body = plotly_asset.plain()
    return Response(body, media_type="text/javascript", headers=headers)


ROUTES: list[BaseRoute] = [
    Route(plotly_asset.PATH, plotly_js, methods=["GET"]),
    Route(f"/{FEEDS_PATH}/", feed_index, methods=["GET"]),
    Route(f"/{FEEDS_PATH}/{{name}}", feed, methods=["GET"]),
]
