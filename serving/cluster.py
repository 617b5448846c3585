"""`make cluster`: N Streamlit replicas on loopback behind HAProxy, all reading one store.

    python -m serving.cluster start [--replicas 2] [--port 8501] [--data-dir DIR]
    python -m serving.cluster status
    python -m serving.cluster stop

`start` launches the replicas (127.0.0.1, ports PORT+11, PORT+12, ...), the static file
server for /downloads/ (PORT+10), and HAProxy with deploy/haproxy.cfg on PORT,
then waits until HAProxy reports every server up. Each process runs in its own session and
is recorded in a pid file in the run directory (.cluster/ unless --run-dir) with its start
time, so `stop` signals exactly the processes it started (a pid the system has since reused
for something else is left alone). Logs sit beside the pid files.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Final

from data_sources.store import default_data_dir

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG: Final = REPO_ROOT / "deploy" / "haproxy.cfg"
DEFAULT_RUN_DIR: Final = REPO_ROOT / ".cluster"
MAX_REPLICAS: Final = 8  # deploy/haproxy.cfg names r1..r8
PLAN_FILE: Final = "cluster.json"
BACKEND: Final = "replicas"
START_TIMEOUT_SECONDS: Final = 120.0
STOP_GRACE_SECONDS: Final = 10.0
# Processes this interpreter started, so their exit is collected (no zombies in a test run).
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


class ClusterError(Exception):
    """The cluster could not be started, checked or stopped as asked."""


@dataclass(frozen=True)
class ClusterPlan:
    """Where every part of one cluster listens, and what it reads."""

    port: int
    replica_ports: tuple[int, ...]
    static_port: int
    run_dir: Path
    data_dir: Path
    bind: str = "127.0.0.1"
    store_check_seconds: float | None = None

    @property
    def url(self) -> str:
        return f"http://{self.bind}:{self.port}"

    def replica_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[number - 1]}"

    def to_json(self) -> str:
        values = asdict(self)
        values["run_dir"], values["data_dir"] = str(self.run_dir), str(self.data_dir)
        return json.dumps(values, indent=2) + "\n"

    @classmethod
    def from_run_dir(cls, run_dir: Path) -> ClusterPlan:
        try:
            values = json.loads((run_dir / PLAN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ClusterError(f"no cluster recorded in {run_dir}: {error}") from None
        values["replica_ports"] = tuple(values["replica_ports"])
        values["run_dir"], values["data_dir"] = Path(values["run_dir"]), Path(values["data_dir"])
        return cls(**values)


def make_plan(
    *,
    replicas: int,
    port: int,
    run_dir: Path = DEFAULT_RUN_DIR,
    data_dir: Path | None = None,
    replica_ports: tuple[int, ...] | None = None,
    static_port: int | None = None,
    store_check_seconds: float | None = None,
) -> ClusterPlan:
    """A plan with the default port layout (static PORT+10, replicas PORT+11...) unless given."""
    if not 1 <= replicas <= MAX_REPLICAS:
        raise ClusterError(f"REPLICAS must be between 1 and {MAX_REPLICAS}, got {replicas}")
    ports = replica_ports or tuple(port + 11 + i for i in range(replicas))
    if len(ports) != replicas:
        raise ClusterError(f"{replicas} replicas need {replicas} ports, got {ports}")
    return ClusterPlan(
        port=port,
        replica_ports=ports,
        static_port=static_port if static_port is not None else port + 10,
        run_dir=run_dir.resolve(),
        data_dir=(data_dir or default_data_dir()).resolve(),
        store_check_seconds=store_check_seconds,
    )


def haproxy_environment(plan: ClusterPlan) -> dict[str, str]:
    """The variables deploy/haproxy.cfg reads, for this plan."""
    env = {
        "NOLB_BIND": plan.bind,
        "NOLB_PORT": str(plan.port),
        "NOLB_STATIC": f"127.0.0.1:{plan.static_port}",
        "NOLB_RUN_DIR": str(plan.run_dir),
    }
    for number, port in enumerate(plan.replica_ports, start=1):
        env[f"NOLB_REPLICA_{number}"] = f"127.0.0.1:{port}"
    return env


def check_haproxy_config(plan: ClusterPlan) -> None:
    """`haproxy -c` on deploy/haproxy.cfg with this plan's variables; ClusterError if invalid."""
    result = subprocess.run(
        [haproxy_binary(), "-c", "-q", "-f", str(HAPROXY_CONFIG)],
        env={**os.environ, **haproxy_environment(plan)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ClusterError(f"haproxy -c rejected {HAPROXY_CONFIG}:\n{result.stderr}")


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise ClusterError("HAProxy is not installed: apt-get install -y haproxy")
    return found


# --- processes and their pid files ---------------------------------------------------------


def _start_time(pid: int) -> str | None:
    """The kernel's start time of `pid` (field 22 of /proc/PID/stat), to tell reused pids apart."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return None if fields[0] == "Z" else fields[19]  # a zombie has already exited


def _launch(name: str, command: list[str], plan: ClusterPlan, env: Mapping[str, str]) -> int:
    log = (plan.run_dir / f"{name}.log").open("ab")
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    _CHILDREN[process.pid] = process
    started = _start_time(process.pid) or ""
    (plan.run_dir / f"{name}.pid").write_text(f"{process.pid} {started}\n", encoding="utf-8")
    return process.pid


def _recorded_pid(run_dir: Path, name: str) -> int | None:
    """The pid in `name`.pid if that process is still the one started, else None."""
    try:
        pid_text, _, started = (run_dir / f"{name}.pid").read_text().strip().partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    return pid if started and _start_time(pid) == started else None


def _signal_group(pid: int, signum: int) -> None:
    try:
        os.killpg(pid, signum)  # each part runs in its own session: its group is its pid
    except ProcessLookupError:
        pass


def _stop_named(run_dir: Path, name: str, signum: int = signal.SIGTERM) -> bool:
    """Stop one recorded process (and its own children); True if it was running."""
    return bool(_stop_all(run_dir, [name], signum))


def _stop_all(run_dir: Path, names: list[str], signum: int = signal.SIGTERM) -> list[str]:
    """Signal every named recorded process at once, wait for all (SIGKILL after a grace
    period), and return the names that were running."""
    running: dict[str, int] = {}
    for name in names:
        pid = _recorded_pid(run_dir, name)
        (run_dir / f"{name}.pid").unlink(missing_ok=True)
        if pid is not None:
            running[name] = pid
            _signal_group(pid, signum)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while time.monotonic() < deadline:
        for pid in running.values():
            _reap(pid)
        if all(_start_time(pid) is None for pid in running.values()):
            break
        time.sleep(0.05)
    for pid in running.values():
        if _start_time(pid) is not None:
            _signal_group(pid, signal.SIGKILL)
            child = _CHILDREN.pop(pid, None)
            if child is not None:
                child.wait(timeout=5)
    return [name for name in names if name in running]


def _reap(pid: int) -> None:
    """Collect a child's exit status if it is ours (so it does not linger as a zombie)."""
    child = _CHILDREN.get(pid)
    if child is not None and child.poll() is not None:
        del _CHILDREN[pid]


def replica_name(number: int) -> str:
    return f"replica-{number}"


def _cookie_secret(run_dir: Path) -> str:
    """One secret for every replica of a cluster, so a token one replica signed (the XSRF
    cookie) still holds when the browser is moved to another. Made once, readable by us only."""
    path = run_dir / "cookie-secret"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def start_replica(plan: ClusterPlan, number: int) -> int:
    """Start replica `number` (1-based) of `plan`; returns its pid."""
    env = {
        "NOLB_DATA_DIR": str(plan.data_dir),
        "STREAMLIT_SERVER_COOKIE_SECRET": _cookie_secret(plan.run_dir),
    }
    if plan.store_check_seconds is not None:
        env["NOLB_STORE_CHECK_SECONDS"] = str(plan.store_check_seconds)
    command = [
        sys.executable, "-m", "streamlit", "run", "serve.py",
        "--server.port", str(plan.replica_ports[number - 1]),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
    ]  # fmt: skip
    return _launch(replica_name(number), command, plan, env)


def kill_replica(plan: ClusterPlan, number: int) -> bool:
    """Kill replica `number` at once, as a crash would (SIGKILL, no goodbye to its browsers)."""
    return _stop_named(plan.run_dir, replica_name(number), signal.SIGKILL)


def start(plan: ClusterPlan, timeout: float = START_TIMEOUT_SECONDS) -> None:
    """Start every part of `plan` and wait until HAProxy reports all servers up."""
    plan.run_dir.mkdir(parents=True, exist_ok=True)
    if any(_recorded_pid(plan.run_dir, name) for name in _names(plan)):
        raise ClusterError(f"a cluster is already running from {plan.run_dir}; stop it first")
    for port in (plan.port, plan.static_port, *plan.replica_ports):
        _require_free(port)
    check_haproxy_config(plan)
    (plan.run_dir / PLAN_FILE).write_text(plan.to_json(), encoding="utf-8")
    try:
        for number in range(1, len(plan.replica_ports) + 1):
            start_replica(plan, number)
        _launch(
            "static",
            [
                sys.executable, "-m", "serving.static_files", "--store", str(plan.data_dir),
                "--host", "127.0.0.1", "--port", str(plan.static_port),
            ],
            plan,
            {},
        )  # fmt: skip
        _launch("haproxy", [haproxy_binary(), "-db", "-f", str(HAPROXY_CONFIG)], plan,
                haproxy_environment(plan))  # fmt: skip
        wanted = {replica_server(n): "UP" for n in range(1, len(plan.replica_ports) + 1)}
        wait_for_states(plan, wanted | {"static": "UP"}, timeout)
    except BaseException:
        stop(plan.run_dir)
        raise


def _names(plan: ClusterPlan) -> list[str]:
    return ["haproxy", "static", *(replica_name(n) for n in range(1, len(plan.replica_ports) + 1))]


def _require_free(port: int) -> None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise ClusterError(f"port {port} on 127.0.0.1 is already in use") from None


def stop(run_dir: Path = DEFAULT_RUN_DIR) -> list[str]:
    """Stop every process this run directory records, balancer first; returns the names stopped."""
    run_dir = run_dir.resolve()
    names = ["haproxy", "static"] + sorted(
        p.stem for p in run_dir.glob("replica-*.pid") if p.stem.startswith("replica-")
    )
    stopped = _stop_all(run_dir, names[:1]) + _stop_all(run_dir, names[1:])
    (run_dir / "haproxy.sock").unlink(missing_ok=True)
    (run_dir / "cookie-secret").unlink(missing_ok=True)
    return stopped


# --- HAProxy's view of the servers -----------------------------------------------------------


def replica_server(number: int) -> str:
    """HAProxy's name for replica `number` (also the value of its sticky cookie)."""
    return f"r{number}"


def haproxy_command(plan: ClusterPlan, command: str) -> str:
    """One command on HAProxy's admin socket (e.g. 'show stat'); its answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(str(plan.run_dir / "haproxy.sock"))
        sock.sendall(command.encode() + b"\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def server_states(plan: ClusterPlan) -> dict[str, str]:
    """Each server's state as HAProxy's health checks see it: 'UP', 'DOWN', 'UP 1/2', ..."""
    lines = haproxy_command(plan, "show stat").lstrip("# ").splitlines()
    if not lines:
        return {}
    header = lines[0].split(",")
    states: dict[str, str] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("svname") not in (None, "FRONTEND", "BACKEND"):
            states[row["svname"]] = row.get("status", "")
    return states


def server_sessions(plan: ClusterPlan) -> dict[str, int]:
    """Connections each replica has been given since start (HAProxy's 'stot' counter)."""
    lines = haproxy_command(plan, "show stat").lstrip("# ").splitlines()
    header = lines[0].split(",") if lines else []
    totals: dict[str, int] = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == BACKEND and row.get("svname") not in ("BACKEND", None):
            totals[row["svname"]] = int(row.get("stot") or 0)
    return totals


def wait_for_states(plan: ClusterPlan, wanted: Mapping[str, str], timeout: float) -> None:
    """Wait until every named server is in the wanted state; ClusterError naming the laggards."""
    deadline = time.monotonic() + timeout
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        for name in ("haproxy", "static"):
            if not _recorded_pid(plan.run_dir, name):
                raise ClusterError(f"{name} exited; see {plan.run_dir / (name + '.log')}")
        try:
            states = server_states(plan)
        except OSError:
            states = {}
        if all(states.get(name) == state for name, state in wanted.items()):
            return
        time.sleep(0.2)
    lagging = {n: states.get(n, "unknown") for n, s in wanted.items() if states.get(n) != s}
    raise ClusterError(f"servers not in the wanted state after {timeout:.0f} s: {lagging}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m serving.cluster", description=__doc__)
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: $NOLB_DATA_DIR")
    args = parser.parse_args(argv)
    try:
        if args.action == "start":
            plan = make_plan(
                replicas=args.replicas, port=args.port, run_dir=args.run_dir,
                data_dir=args.data_dir,
            )  # fmt: skip
            start(plan)
            print(f"Dashboard on {plan.url} ({args.replicas} replicas, store {plan.data_dir}).")
            print(f"Logs and pid files in {plan.run_dir}; stop with `make cluster-stop`.")
        elif args.action == "stop":
            stopped = stop(args.run_dir)
            print(f"Stopped: {', '.join(stopped)}." if stopped else "Nothing was running.")
        else:
            plan = ClusterPlan.from_run_dir(args.run_dir.resolve())
            for name, state in sorted(server_states(plan).items()):
                print(f"{name:8} {state}")
    except (ClusterError, OSError) as error:
        print(f"cluster {args.action}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
