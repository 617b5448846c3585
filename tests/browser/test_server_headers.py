"""The running server does not let another site read its responses (no outside CORS origin)."""

from __future__ import annotations

import urllib.request

import pytest

pytestmark = pytest.mark.browser


def test_an_outside_origin_is_not_allowed(server_url: str) -> None:
    request = urllib.request.Request(
        f"{server_url}/_stcore/health", headers={"Origin": "https://evil.example"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        allowed = response.headers.get("Access-Control-Allow-Origin")
    assert allowed not in {"*", "https://evil.example"}
