"""`make cluster` for real: HAProxy and two Streamlit replicas on loopback, driven in Chromium.

One cluster serves the whole module (about half a minute in all): security headers and closed
paths at the balancer, a content security policy Streamlit renders under, a browser that
survives its replica being killed, new sessions kept off a dead replica, a restarted replica
rejoining, and every replica switching to a newly published store version within its check
interval while no reader ever gets part of a version.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from serving import cluster
from tests.browser.conftest import free_port, svg_map, wait_until_settled
from tests.serving.store_versions import publish_version, version_files

pytestmark = pytest.mark.browser

CHECK_SECONDS = 1.0
FIRST, SECOND = "2026-12-01", "2026-12-02"
FIFE_HEADING = "Where Fife sits among Scotland's council areas"
VISIBLE_MS = 30_000  # generous: the 2-core machine may be busy with other work


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[cluster.ClusterPlan]:
    store = tmp_path_factory.mktemp("store")
    publish_version(store, FIRST)
    plan = cluster.make_plan(
        replicas=2,
        port=free_port(),
        run_dir=tmp_path_factory.mktemp("cluster"),
        data_dir=store,
        replica_ports=(free_port(), free_port()),
        static_port=free_port(),
        store_check_seconds=CHECK_SECONDS,
    )
    cluster.start(plan, timeout=90)
    yield plan
    stopped = cluster.stop(plan.run_dir)
    assert stopped[:2] == ["haproxy", "static"]
    for name in ("haproxy", "replica-1", "replica-2"):
        log = (plan.run_dir / f"{name}.log").read_text()
        assert "Traceback" not in log, log


def serving_replica(page: Page) -> int:
    """Which replica HAProxy pinned this browser to (its sticky cookie, r1 or r2)."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return int(cookies["NOLB_REPLICA"].removeprefix("r"))


def ensure_all_running(plan: cluster.ClusterPlan) -> None:
    for number in (1, 2):
        if cluster.server_states(plan).get(cluster.replica_server(number)) != "UP":
            cluster.kill_replica(plan, number)
            cluster.start_replica(plan, number)
    cluster.wait_for_states(plan, {"r1": "UP", "r2": "UP"}, timeout=60)


def test_the_balancer_sets_security_headers_and_keeps_metrics_private(plan) -> None:
    with urllib.request.urlopen(plan.url + "/", timeout=10) as response:
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'self'" in policy
    assert "'unsafe-eval'" not in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Server"] is None
    assert "NOLB_REPLICA=r" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    for path in ("/_stcore/metrics", "/_stcore/metrics?format=proto"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(plan.url + path, timeout=10)
        assert refused.value.code == 403
    # The front end is compressed at the balancer (Streamlit sends it uncompressed).
    with urllib.request.urlopen(plan.url + "/", timeout=10) as response:
        script = re.search(rb'src="\./(static/js/[^"]+\.js)"', response.read())
    assert script is not None
    request = urllib.request.Request(
        plan.url + "/" + script.group(1).decode(), headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
    # The feeds come from the replicas (serve.py's routes), with the same headers.
    with urllib.request.urlopen(plan.url + "/feeds/", timeout=10) as response:
        assert response.status == 200
        assert response.headers["X-Frame-Options"] == "DENY"
        assert b".atom" in response.read()
    # The replicas themselves still answer their health checks through the balancer.
    with urllib.request.urlopen(plan.url + "/_stcore/health", timeout=10) as response:
        assert response.read() == b"ok"


def test_the_balancer_serves_the_stores_files_read_only(plan) -> None:
    with urllib.request.urlopen(plan.url + "/downloads/observations.csv", timeout=10) as response:
        body = response.read()
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Content-Disposition"].startswith("attachment")
    assert body.endswith(f"# version {FIRST}\n".encode())
    post = urllib.request.Request(plan.url + "/downloads/README.txt", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(post, timeout=10)
    assert refused.value.code == 405


def watch_policy_violations(page: Page) -> list[str]:
    """Page errors and content-security-policy violations, as they happen."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return problems


def test_streamlit_renders_under_the_content_security_policy(plan, browser: Browser) -> None:
    """The map page: tables, widgets, the SVG map and the bars. (The area profile's line
    charts are watched the same way in the failover test below.)"""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems = watch_policy_violations(page)
    try:
        page.goto(plan.url + "/map")
        wait_until_settled(page)
        heading = page.get_by_role("heading", name="Map and ranking of council areas")
        expect(heading).to_be_visible(timeout=VISIBLE_MS)
        expect(svg_map(page, timeout_ms=VISIBLE_MS)).to_be_visible(timeout=VISIBLE_MS)
        page.wait_for_timeout(500)  # let late violations (workers, fonts) arrive
    finally:
        context.close()
    assert problems == []


def footer_retrieved(page: Page, url: str) -> str:
    page.goto(url + "/about")
    wait_until_settled(page)
    footer = page.get_by_text("refreshed snapshot (sources retrieved up to ", exact=False)
    expect(footer).to_be_visible(timeout=VISIBLE_MS)
    assert page.get_by_text("The refreshed data could not be used").count() == 0
    text = footer.inner_text()
    return text.split("retrieved up to ", 1)[1][:10]


def test_every_replica_switches_to_a_new_version_within_its_check_interval(
    plan, browser: Browser
) -> None:
    ensure_all_running(plan)
    context = browser.new_context()
    page = context.new_page()
    assert [footer_retrieved(page, plan.replica_url(n)) for n in (1, 2)] == [FIRST, FIRST]

    # While the replicas serve, readers of the balancer's downloads hammer the store; every
    # body they get must be one whole version, never a mixture or a fragment.
    versions = {version_files(day)["downloads/observations.csv"] for day in (FIRST, SECOND)}
    seen: list[bytes] = []
    done = threading.Event()

    def read_downloads() -> None:
        while not done.is_set():
            with urllib.request.urlopen(plan.url + "/downloads/observations.csv") as response:
                seen.append(response.read())

    readers = [threading.Thread(target=read_downloads) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.3)
        publish_version(plan.data_dir, SECOND)
        published = time.monotonic()
        time.sleep(0.3)
    finally:
        done.set()
        for reader in readers:
            reader.join(timeout=10)
    assert seen and set(seen) <= versions, {len(body) for body in seen}
    assert seen[-1] == version_files(SECOND)["downloads/observations.csv"]

    # One check interval later, every replica builds its pages on the new version.
    time.sleep(max(0.0, CHECK_SECONDS + 0.2 - (time.monotonic() - published)))
    assert [footer_retrieved(page, plan.replica_url(n)) for n in (1, 2)] == [SECOND, SECOND]
    context.close()


def test_a_session_survives_its_replica_going_away(plan, browser: Browser) -> None:
    ensure_all_running(plan)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems = watch_policy_violations(page)
    page.goto(plan.url + "/area?area=S12000047")
    wait_until_settled(page)
    expect(page.get_by_role("heading", name=FIFE_HEADING)).to_be_visible(timeout=VISIBLE_MS)
    doomed = serving_replica(page)
    survivor = 3 - doomed
    doomed_server = cluster.replica_server(doomed)

    started = time.monotonic()
    assert cluster.kill_replica(plan, doomed)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')"
        ".getAttribute('data-test-connection-state') !== 'CONNECTED'",
        timeout=10_000,
    )
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && app.getAttribute('data-test-script-state') === 'notRunning';
        }""",
        timeout=30_000,
    )
    reconnected_after = time.monotonic() - started
    # The same view, from the other replica: the URL held the state.
    expect(page.get_by_role("heading", name=FIFE_HEADING)).to_be_visible(timeout=VISIBLE_MS)
    assert "area=S12000047" in page.url
    assert serving_replica(page) == survivor
    assert page.locator('[data-testid="stException"]').count() == 0
    assert reconnected_after < 20, reconnected_after

    # New sessions never reach the dead replica: HAProxy's checks have taken it out. A new
    # session's first request carries no cookie, and the balancer pins it to a live replica.
    cluster.wait_for_states(plan, {doomed_server: "DOWN"}, timeout=5)
    before = cluster.server_sessions(plan)[doomed_server]
    assert [new_session_replica(plan) for _ in range(6)] == [survivor] * 6
    assert cluster.server_sessions(plan)[doomed_server] == before

    # A replica that comes back rejoins: checks mark it up, and the next new session goes to
    # it (least connections: the survivor still holds this test's open session).
    cluster.start_replica(plan, doomed)
    cluster.wait_for_states(plan, {doomed_server: "UP"}, timeout=45)
    assert new_session_replica(plan) == doomed
    context.close()
    assert problems == []


def new_session_replica(plan: cluster.ClusterPlan) -> int:
    """The replica the balancer gives a browser arriving without its cookie."""
    with urllib.request.urlopen(plan.url + "/area?area=S12000047", timeout=10) as response:
        cookie = response.headers["Set-Cookie"]
    return int(cookie.split("NOLB_REPLICA=r", 1)[1].split(";", 1)[0])
