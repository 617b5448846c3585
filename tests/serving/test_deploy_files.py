"""The deployment files are checked, not just written: HAProxy's own check mode on the
configuration make cluster runs, a Kubernetes schema validator (offline, strict) on every
manifest, systemd's calendar parser on the timer, and the promises each file must keep."""

from __future__ import annotations

import base64
import configparser
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import streamlit
import yaml

from serving import cluster
from tests.conftest import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
KUBERNETES = DEPLOY / "kubernetes"
KUBERNETES_VERSION = "1.37.0"


def manifests() -> list[Path]:
    return sorted(KUBERNETES.glob("*.yaml"))


def resource(kind: str) -> dict:
    for path in manifests():
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document and document["kind"] == kind:
                return document
    raise AssertionError(f"no {kind} in {KUBERNETES}")


def haproxy_config() -> str:
    return (DEPLOY / "haproxy.cfg").read_text(encoding="utf-8")


# --- HAProxy -------------------------------------------------------------------------------


@pytest.mark.parametrize("replicas", [1, 2, 4, cluster.MAX_REPLICAS])
def test_haproxy_accepts_the_configuration_for_each_cluster_size(tmp_path, replicas) -> None:
    plan = cluster.make_plan(replicas=replicas, port=8501, run_dir=tmp_path, data_dir=tmp_path)
    cluster.check_haproxy_config(plan)  # raises with haproxy's complaint if it is rejected


def test_haproxy_check_mode_would_catch_a_broken_configuration(tmp_path, monkeypatch) -> None:
    broken = tmp_path / "haproxy.cfg"
    broken.write_text(haproxy_config().replace("balance leastconn", "balance fastest"))
    monkeypatch.setattr(cluster, "HAPROXY_CONFIG", broken)
    plan = cluster.make_plan(replicas=2, port=8501, run_dir=tmp_path, data_dir=tmp_path)
    with pytest.raises(cluster.ClusterError, match="rejected"):
        cluster.check_haproxy_config(plan)


def test_more_replicas_than_the_configuration_names_are_refused(tmp_path) -> None:
    with pytest.raises(cluster.ClusterError, match="between 1 and 8"):
        cluster.make_plan(replicas=9, port=8501, run_dir=tmp_path)
    servers = re.findall(
        r'server (r\d+) "\$\{NOLB_REPLICA_(\d+)\}" cookie (r\d+)', haproxy_config()
    )
    assert [(f"r{n}", n, f"r{n}") for n in map(str, range(1, 9))] == servers


def content_security_policy(text: str) -> str:
    found = re.findall(r"Content-Security-Policy \"([^\"]+)\"", text)
    assert len(found) == 1, found
    return found[0]


def test_the_policy_allows_exactly_streamlits_inline_script() -> None:
    """The hash in the policy is that of the one inline script in the installed Streamlit's
    index.html; upgrading Streamlit changes it, and this test says so before users see a
    blank page."""
    index = Path(streamlit.__file__).parent / "static" / "index.html"
    scripts = re.findall(r"<script>(.*?)</script>", index.read_text(encoding="utf-8"), re.S)
    hashes = {
        "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts
    }
    policy = content_security_policy(haproxy_config())
    allowed = set(re.findall(r"'(sha256-[^']+)'", policy))
    assert allowed == hashes
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy.split("style-src")[0]


def test_the_ingress_sends_the_same_policy_and_headers_as_make_cluster() -> None:
    ingress = resource("Ingress")["metadata"]["annotations"]
    headers = ingress["haproxy.org/response-set-header"]
    assert content_security_policy(headers) == content_security_policy(haproxy_config())
    for line in ("X-Frame-Options DENY", "X-Content-Type-Options nosniff",
                 "Referrer-Policy strict-origin-when-cross-origin"):  # fmt: skip
        assert line in headers and f"set-header {line}" in haproxy_config()
    metrics_rule = "http-request deny deny_status 403 if { path_beg /_stcore/metrics }"
    assert metrics_rule in ingress["haproxy.org/frontend-config-snippet"]
    assert metrics_rule in haproxy_config()


# --- Kubernetes ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", manifests(), ids=lambda p: p.name)
def test_every_manifest_is_valid_kubernetes(path: Path) -> None:
    documents = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    assert documents
    for document in documents:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_the_validator_would_catch_a_misspelt_field() -> None:
    deployment = resource("Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["readinessProbes"] = container.pop("readinessProbe")
    with pytest.raises(kubernetes_validate.ValidationError, match="readinessProbes"):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_replicas_are_probed_on_streamlits_health_endpoint() -> None:
    pod = resource("Deployment")["spec"]["template"]["spec"]
    dashboard = next(c for c in pod["containers"] if c["name"] == "dashboard")
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert dashboard[probe]["httpGet"] == {"path": "/_stcore/health", "port": "http"}
    assert "cookie-secret" in str(dashboard["env"])
    assert dashboard["args"][:3] == ["streamlit", "run", "serve.py"]  # the pages and the feeds


def mounts_of_store(pod: dict) -> list[dict]:
    claim = {v["name"]: v for v in pod["volumes"] if "persistentVolumeClaim" in v}
    assert claim, "no store volume"
    return [
        {"mount": m, "volume": claim[m["name"]]}
        for c in pod["containers"]
        for m in c["volumeMounts"]
        if m["name"] in claim
    ]


def test_replicas_read_the_store_read_only_and_only_the_job_writes_it() -> None:
    pvc = resource("PersistentVolumeClaim")
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]
    web = mounts_of_store(resource("Deployment")["spec"]["template"]["spec"])
    assert len(web) == 2  # the dashboard and the static file server
    for entry in web:
        assert entry["mount"]["readOnly"] is True
        assert entry["volume"]["persistentVolumeClaim"] == {
            "claimName": pvc["metadata"]["name"],
            "readOnly": True,
        }
    job = resource("CronJob")["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (writer,) = mounts_of_store(job)
    assert not writer["mount"].get("readOnly", False)
    assert writer["volume"]["persistentVolumeClaim"] == {"claimName": pvc["metadata"]["name"]}
    assert writer["mount"]["mountPath"] == web[0]["mount"]["mountPath"]


def test_the_ingress_keeps_sessions_on_their_pod_and_websockets_open() -> None:
    ingress = resource("Ingress")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["haproxy.org/cookie-persistence"] == "NOLB_REPLICA"
    assert annotations["haproxy.org/timeout-tunnel"] == "1h"
    paths = {
        p["path"]: p["backend"]["service"]["port"]["name"]
        for p in ingress["spec"]["rules"][0]["http"]["paths"]
    }
    assert paths == {"/downloads/": "files", "/": "http"}
    service_ports = {p["name"] for p in resource("Service")["spec"]["ports"]}
    assert service_ports == {"http", "files"}


# --- the refresh schedule ------------------------------------------------------------------


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "systemd" / name, encoding="utf-8")
    return parser


def test_the_cronjob_and_the_timer_run_at_0730_uk_time_on_days_10_to_21() -> None:
    cronjob = resource("CronJob")["spec"]
    assert cronjob["schedule"] == "30 7 10-21 * *"
    assert cronjob["timeZone"] == "Europe/London"
    assert cronjob["concurrencyPolicy"] == "Forbid"
    calendar = unit("nolb-refresh.timer")["Timer"]["OnCalendar"]
    assert calendar == "Mon..Fri *-*-10..21 07:30:00 Europe/London"
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze missing: .ci/run installs systemd"
    result = subprocess.run(
        [analyze, "calendar", "--iterations=40", calendar],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    days = [int(d) for d in re.findall(r"\d{4}-\d\d-(\d\d) 0\d:30:00", result.stdout)]
    assert len(days) == 40 and min(days) >= 10 and max(days) <= 21


def test_the_job_and_the_unit_run_the_same_refresh_into_the_shared_store() -> None:
    service = unit("nolb-refresh.service")["Service"]
    job = resource("CronJob")["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (container,) = job["containers"]
    assert container["args"] == ["python", "-m", "data_sources.live.refresh", "--dest",
                                 "/var/lib/nolb-dashboard"]  # fmt: skip
    assert service["ExecStart"].endswith(" ".join(container["args"][1:]))
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["NOLB_CACHE_TTL"] == "3600"
    assert (
        "Environment=NOLB_CACHE_TTL=3600"
        in (DEPLOY / "systemd" / "nolb-refresh.service").read_text()
    )


# --- the image ------------------------------------------------------------------------------


def test_the_image_holds_every_package_the_app_imports() -> None:
    containerfile = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    copied = {name for line in re.findall(r"^COPY (.+) \S+$", containerfile, re.M)
              for name in line.split()}  # fmt: skip
    packages = {
        p.name
        for p in REPO_ROOT.iterdir()
        if p.is_dir() and (p / "__init__.py").exists() and p.name not in {"tests", "scripts"}
    }
    assert packages | {"app.py", "serve.py", ".streamlit", "pages", "requirements.txt"} <= copied
    assert 'CMD ["streamlit", "run", "serve.py"' in containerfile
